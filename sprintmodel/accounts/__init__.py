"""GDP built up from its industries (分行业核算): growth, contributions, shortfall, source needs.

Pure functions and small frozen results over arrays ``unit × industry × period`` (the industries'
axis is a keyword, ``-2`` by default):

- :mod:`~sprintmodel.accounts.build`: the whole's year-to-date growth as the industries' real
  growth weighted by last year's value added of the same span (:func:`ytd_growth_built`), and
  each industry's contribution rate and pulling rate (:class:`IndustryAccounts`);
- :mod:`~sprintmodel.accounts.components`: GDP's components per unit as arrays
  (:class:`ComponentPanel`, from the proposed ``component_observations.csv`` rows) and their
  check against the units' own GDP (:func:`check_components`);
- :mod:`~sprintmodel.accounts.shortfall`: the whole's shortfall against its target split by
  industry so that it adds up exactly [亿元 at current prices], and the fourth-quarter growth a
  source indicator alone would need to close the gap;
- :mod:`~sprintmodel.accounts.channels`: 亿元 of an industry's value added per 亿元 of its
  source indicator (:func:`value_added_per_source`), the coefficient that carries levers to GDP
  through the industries;
- :mod:`~sprintmodel.accounts.tables`: the GDP and industries tables per unit at one quarter
  (:func:`accounts_frames`), the content of the ``accounts`` command's ``gdp.csv`` and
  ``industries.csv``;
- :mod:`~sprintmodel.accounts.sources`: the industries' source indicators (推算指标) with their
  elasticities, as plain data (the default of a folder's ``industry_sources.csv``);
- :mod:`~sprintmodel.accounts.report`: a folder's accounts at one quarter
  (:func:`~sprintmodel.accounts.report.accounts_report`, what ``sprintmodel accounts`` writes).
"""

from sprintmodel.accounts.build import (
    INDUSTRY_AXIS,
    IndustryAccounts,
    build_accounts,
    value_added_weights,
    ytd_growth_built,
)
from sprintmodel.accounts.channels import value_added_per_source
from sprintmodel.accounts.components import ComponentPanel, check_components, component_panel
from sprintmodel.accounts.shortfall import (
    Shortfall,
    above_record,
    q4_source_growth_required,
    shortfall_by_industry,
)
from sprintmodel.accounts.tables import accounts_frames

__all__ = [
    "INDUSTRY_AXIS",
    "ComponentPanel",
    "IndustryAccounts",
    "Shortfall",
    "above_record",
    "accounts_frames",
    "build_accounts",
    "check_components",
    "component_panel",
    "q4_source_growth_required",
    "shortfall_by_industry",
    "value_added_per_source",
    "value_added_weights",
    "ytd_growth_built",
]

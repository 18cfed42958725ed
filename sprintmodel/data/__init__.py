"""The data folder: reading, validation and typed objects (see ``DATA_CONTRACT.md``)."""

from sprintmodel.data.load import DEFAULT_SUM_TOLERANCE, load_folder, validate_folder
from sprintmodel.data.model import DataSet, Hierarchy, Indicator, Panel, Unit
from sprintmodel.data.plausibility import DataWarning
from sprintmodel.data.problems import DataError, Problem, ValidationReport

__all__ = [
    "DEFAULT_SUM_TOLERANCE",
    "DataError",
    "DataSet",
    "DataWarning",
    "Hierarchy",
    "Indicator",
    "Panel",
    "Problem",
    "Unit",
    "ValidationReport",
    "load_folder",
    "validate_folder",
]

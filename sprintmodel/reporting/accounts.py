"""Writing the accounts: ``gdp.csv``, ``industries.csv``, ``accounts.xlsx`` and ``run.json``.

A thin shell over :class:`~sprintmodel.accounts.report.AccountsReport` (the command line and
notebooks call it; the core never imports it). The folder is built in a temporary sibling and
renamed into place (:func:`sprintmodel.reporting.files.atomic_folder`): never half-written, and
only a folder that is empty or was written by sprintmodel is replaced.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from sprintmodel.accounts.report import AccountsReport
from sprintmodel.data.model import DataSet
from sprintmodel.words.accounts import (
    ACCOUNTS_VALUES_ZH,
    NOTES_EN,
    NOTES_ZH,
    SHARE_HEADER,
    SHEETS,
)
from sprintmodel.words.headers import insert_names, translate_values

__all__ = ["accounts_sheets", "industry_names", "write_accounts"]


def industry_names(dataset: DataSet, lang: str) -> dict[str, str]:
    """Component code → name in ``lang`` (the code where none is given)."""
    c = dataset.components
    if c is None:
        return {}
    name = c.name_zh if lang == "zh" else c.name_en
    return {str(k): str(n or k) for k, n in zip(c.component, name, strict=True)}


def accounts_sheets(
    report: AccountsReport, dataset: DataSet, lang: str = "zh"
) -> dict[str, pd.DataFrame]:
    """The two tables with unit, industry and source-indicator names in ``lang``."""
    gdp = insert_names(report.gdp, dataset, lang)
    ind = insert_names(report.industries, dataset, lang)
    names = industry_names(dataset, lang)
    ind.insert(ind.columns.get_loc("industry") + 1, "industry_name", ind.industry.map(names))
    known = {**dataset.indicators, **dataset.source_indicators}
    src = [known[c].label(lang) if c in known else "" for c in ind.source_indicator]
    ind.insert(ind.columns.get_loc("source_indicator") + 1, "source_indicator_name", src)
    gdp = translate_values(gdp, ACCOUNTS_VALUES_ZH, lang)
    return {"gdp": gdp, "industries": ind}


def write_accounts(
    report: AccountsReport,
    dataset: DataSet,
    out: str | Path,
    *,
    lang: str = "zh",
    extra: dict[str, Any] | None = None,
) -> Path:
    """Write folder ``out``: ``gdp.csv`` and ``industries.csv`` (codes, numbers unrounded),
    ``accounts.xlsx`` (names and headers in ``lang``, Chinese by default), ``run.json``."""
    from sprintmodel.reporting.excel import write_workbook
    from sprintmodel.reporting.files import atomic_folder

    out = Path(out)
    sheets = accounts_sheets(report, dataset, lang)
    notes = NOTES_ZH if lang == "zh" else NOTES_EN
    with atomic_folder(out) as tmp:
        report.gdp.to_csv(tmp / "gdp.csv", index=False, lineterminator="\n")
        report.industries.to_csv(tmp / "industries.csv", index=False, lineterminator="\n")
        write_workbook(
            tmp / "accounts.xlsx",
            sheets,
            lang=lang,
            sheet_names={k: v[lang] for k, v in SHEETS.items()},
            sheet_headers={"industries": {"share_pct": SHARE_HEADER[lang]}},
            notes={notes["title"]: [v for k, v in notes.items() if k != "title"]},
            formats={"q4_growth_required_alone": "0.0", "shortfall_value": "#,##0.00"},
            bool_labels=("是", "否") if lang == "zh" else ("yes", "no"),
            freeze_columns=2,
            atomic=False,
        )
        meta = {"period": str(report.period), "notes": list(report.notes), **(extra or {})}
        (tmp / "run.json").write_text(
            json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    return out

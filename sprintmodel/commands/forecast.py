"""``sprintmodel forecast``: where the year lands, with calibrated intervals."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sprintmodel.commands._app import (
    AllUnitsOpt,
    AsOfOpt,
    FolderArg,
    app,
    console,
    err_console,
    resolve_folder,
    top_units,
)
from sprintmodel.figures import PUBLISHED_DRAWS, PUBLISHED_SEED
from sprintmodel.words.console import say

if TYPE_CHECKING:
    import pandas as pd

    from sprintmodel.data import DataSet
    from sprintmodel.forecast.result import ForecastResult
    from sprintmodel.periods import Period


@app.command()
def forecast(
    folder: FolderArg = None,
    as_of: AsOfOpt = None,
    out: Annotated[
        Path | None,
        typer.Option(
            help="Write every unit × indicator to this CSV file (with --since: a folder "
            "holding forecast.csv and news.csv)."
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Earlier origin (YYYYQn or YYYY-MM, same year) to compare with: writes "
            "news.csv, the full-year forecast then and now and the change split into each "
            "newly released series' surprise, revisions and re-estimation.",
        ),
    ] = None,
    since_data: Annotated[
        Path | None,
        typer.Option(
            "--since-data",
            help="The data folder as it stood at --since (an earlier copy), to measure "
            "revisions (default: one vintage, revisions zero).",
        ),
    ] = None,
    method: Annotated[
        str,
        typer.Option(help="combination (default) or one method: ratio, momentum, ets, ..."),
    ] = "combination",
    draws: Annotated[int, typer.Option("--draws", help="Simulation draws.")] = PUBLISHED_DRAWS,
    seed: Annotated[
        int, typer.Option(help="Random seed (same seed, same numbers).")
    ] = PUBLISHED_SEED,
    lang: Annotated[str, typer.Option(help="Language of the table: zh or en.")] = "zh",
    all_units: AllUnitsOpt = False,
) -> None:
    """Full-year value and growth of every unit × indicator with 80% intervals.

    Uses only data up to --as-of. The CSV (--out) has the contract's columns plus 95%
    intervals, the target, the gap to it, the growth the rest of the year must deliver, the
    probability of meeting the target, the method and notes.

    With --since (e.g. --as-of 2026-10 --since 2026Q3) --out is a folder: forecast.csv and
    news.csv ("what changed since the last meeting", parts adding up to the change).
    """
    import warnings

    from sprintmodel.data import load_folder
    from sprintmodel.forecast import forecast as run_forecast
    from sprintmodel.limits import check_draws
    from sprintmodel.reporting.files import (
        check_output_file,
        check_output_folder,
        write_csv,
    )

    if since is None:
        check_output_file(out)
    else:
        if out is not None:
            check_output_folder(out)
    dataset = load_folder(resolve_folder(folder))
    check_draws(draws, len(dataset.series_keys), "forecast")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = run_forecast(dataset, as_of, method=method, n_draws=draws, rng=seed)
    frame = result.to_frame(lang)
    for line in result.warning_texts(lang):
        err_console.print(say("forecast.warning", lang, text=line), markup=False)
    shown = top_units(frame, dataset, all_units)
    _print_table(result, shown, dataset, lang)
    if since is not None:
        _write_news(dataset, result.as_of, since, since_data, frame, out, lang)
    elif out is not None:
        write_csv(frame, out)
        console.print(f"wrote {out}", markup=False)


def _print_table(result: ForecastResult, shown: pd.DataFrame, dataset: DataSet, lang: str) -> None:
    """The forecast's terminal table in ``lang``, one line per row; the notes (each said once)
    below it, marked [1], [2]... in the rows (:class:`~sprintmodel.reporting.console.Footnotes`)."""
    from rich.table import Table

    from sprintmodel.reporting.console import Footnotes, add_columns, number_text, unit_text
    from sprintmodel.words.notes import note_text
    from sprintmodel.words.periods import period_name

    title = (
        f"全年预计（截至{period_name(result.as_of)}）"
        if lang == "zh"
        else f"Full-year forecast as of {result.as_of}"
    )
    table = Table(title=title)
    interval = "80%区间" if lang == "zh" else "80% interval"
    cols = [
        "unit",
        "indicator",
        "period",
        "fy_value",
        "fy_growth",
        interval,
        "target_growth",
        "gap_pp",
        "rest_growth_required",
        "p_meet_target",
        "note",
    ]
    add_columns(table, cols, lang, left=("unit", "indicator", "period", "note"))
    names = result.names(lang)
    notes = result.notes()
    footnotes = Footnotes()
    for i, row in zip(shown.index, shown.itertuples(index=False), strict=True):
        p = row.p_meet_target
        said = [completion_note(row, lang), *(note_text(n, lang, names) for n in notes[i])]
        table.add_row(
            unit_text(dataset, row.unit, lang),
            dataset.indicators[row.indicator].label(lang),
            str(row.period) if isinstance(row.period, str) else "—",
            number_text(row.fy_value, 2),
            number_text(row.fy_growth),
            f"{number_text(row.fy_growth_lo80)} ~ {number_text(row.fy_growth_hi80)}",
            number_text(row.target_growth),
            number_text(row.gap_pp),
            number_text(row.rest_growth_required),
            "—" if isinstance(p, float) and math.isnan(p) else f"{p:.0%}",
            footnotes.mark(said),
        )
    console.print(table)
    for line in footnotes.lines(lang):
        console.print(line, markup=False, soft_wrap=True)


def _write_news(
    dataset: DataSet,
    as_of: Period,
    since: str,
    since_data: Path | None,
    frame: pd.DataFrame,
    out: Path | None,
    lang: str,
) -> None:
    """Print the root's news and write OUT/forecast.csv and OUT/news.csv."""
    import warnings

    from sprintmodel.data import load_folder
    from sprintmodel.forecast.news import news
    from sprintmodel.reporting.files import atomic_folder

    previous = load_folder(since_data) if since_data is not None else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = news(dataset, as_of, since, previous=previous)
    for r in table[table.unit == dataset.root].itertuples(index=False):
        if abs(r.change_pp) < 0.005 and not r.released:
            continue
        name = dataset.indicators[r.indicator].label(lang)
        industry = getattr(r, "industry", None)
        if isinstance(industry, str) and industry:
            name += f" · {dataset.component_label(industry, r.indicator, lang)}"
        console.print(news_line(name, r, lang), markup=False)
    if out is None:
        return
    with atomic_folder(out) as tmp:
        frame.to_csv(tmp / "forecast.csv", index=False, lineterminator="\n")
        table.to_csv(tmp / "news.csv", index=False, lineterminator="\n")
    console.print(f"wrote {out}/forecast.csv, news.csv", markup=False)


NEWS_PARTS = ("surprise_pp", "reestimation_pp", "revisions_pp", "other_pp")
"""The parts of a change of the full-year forecast, in news.csv's order of columns."""


def news_line(name: str, row: object, lang: str) -> str:
    """One indicator's news in ``lang``, its words from the one word list:
    地区生产总值：5.40% → 5.43%，变化+0.03个百分点（新数据带来+0.02，模型重估+0.01，…）."""
    from sprintmodel.words.headers import bare_header

    then, now, change = (
        float(getattr(row, c)) for c in ("fy_growth_then", "fy_growth_now", "change_pp")
    )
    sep = "，" if lang == "zh" else ", "
    parts = sep.join(
        f"{bare_header(c, lang)} {round(float(getattr(row, c)), 2) + 0.0:+.2f}" for c in NEWS_PARTS
    )  # + 0.0: a part that rounds to zero reads +0.00, not -0.00
    if lang == "zh":
        parts = parts.replace(" ", "")
        return f"{name}：{then:.2f}% → {now:.2f}%，{bare_header('change_pp', lang)}{change:+.2f}个百分点（{parts}）"
    return f"{name}: {then:.2f}% → {now:.2f}%, {bare_header('change_pp', lang).lower()} {change:+.2f} pp ({parts})"


def completion_note(row: object, lang: str) -> str:
    """A completion-type row (城镇新增就业) read as practice reads it: 完成年度目标77.7%（时序进度
    75.0%），全年预计完成96.5%; empty for growth-type rows."""
    from sprintmodel.reporting.console import number_text

    done = float(getattr(row, "completion_pct", math.nan))
    if math.isnan(done):
        return ""
    time = number_text(getattr(row, "time_progress_pct", math.nan))
    fy = number_text(getattr(row, "fy_completion_pct", math.nan))
    if lang == "zh":
        return f"完成年度目标{number_text(done)}%（时序进度{time}%），全年预计完成{fy}%"
    return f"{number_text(done)}% of the annual target done ({time}% of the year gone), {fy}% projected"

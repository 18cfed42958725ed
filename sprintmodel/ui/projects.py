"""Project timing: a Gantt chart of the watch list and sliders moving start and production.

The watch list is the engine's (:meth:`ScenarioEngine.project_table
<sprintmodel.scenario.ScenarioEngine.project_table>`, ranked by how much a one-month slip
moves the city's GDP growth). For each of its top ``N`` projects the panel has a slider for
the start and works (``shift_months``: start, entry and finish move; a project under
construction keeps its start and moves the rest of its schedule) and, for projects that will
still start production, one for the production month (months from its planned date, whatever
the start does; see :func:`project_items`). The pure function :func:`project_scenario` turns slider values into project items of a
:class:`~sprintmodel.scenario.ScenarioSpec` and evaluates it; :class:`ProjectPanel` wires it
with :func:`ipywidgets.interactive_output`, moves the Gantt bars in place and shows the
rest-of-year (Q4) investment and value added of the watch list and the city's growth.

:func:`moved_schedule` gives the dates a scenario's shifts imply and :func:`watch_list_q4` the
expected counted investment and value added of chosen projects in the rest of the year; both
follow the rules of :func:`sprintmodel.scenario.projects.project_tables` (tests compare them
with :meth:`ScenarioEngine.project_table`).
"""

from __future__ import annotations

import html
import time
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from sprintmodel.errors import SprintmodelError
from sprintmodel.plotting import chart_lang, gantt, update_gantt
from sprintmodel.ui._figure import Backend, FigureView, _engine_spec
from sprintmodel.ui.actions import ScenarioActions
from sprintmodel.ui.levers import headline
from sprintmodel.ui.page import error_html, warning_html
from sprintmodel.words.wording import wording

SHIFT = "shift"
PRODUCTION = "production"


def control_name(project: str, kind: str) -> str:
    """Keyword name of a project slider: ``<project>__shift`` or ``<project>__production``."""
    return f"{project}__{kind}"


def project_items(values: Mapping[str, int]) -> list[dict[str, Any]]:
    """Scenario project items from slider values (``<project>__shift`` / ``__production``).

    ``<project>__shift`` = ``k`` moves the project's remaining schedule by ``k`` months
    (``shift_months``); ``<project>__production`` = ``m`` puts production ``m`` months from its
    planned date whatever the schedule does, i.e. ``production_shift_months = m − k`` on top of
    the schedule's shift. One item per project that moves (zeros left out).
    """
    per: dict[str, dict[str, int]] = {}
    for key, v in values.items():
        code, _, kind = key.rpartition("__")
        per.setdefault(code, {})[kind] = int(v)
    items: list[dict[str, Any]] = []
    for code, kv in per.items():
        k = kv.get(SHIFT, 0)
        item: dict[str, Any] = {"project": code}
        if k:
            item["shift_months"] = k
        if PRODUCTION in kv and kv[PRODUCTION] - k:
            item["production_shift_months"] = kv[PRODUCTION] - k
        if len(item) > 1:
            items.append(item)
    return items


def project_scenario(engine: Any, spec: Any, values: Mapping[str, int]) -> tuple[Any, Any]:
    """Evaluate ``spec`` with the project shifts of ``values`` appended (the pure function).

    Returns ``(spec, result)``.
    """
    items = project_items(values)
    new = spec.with_projects(*items) if items else spec
    return new, engine.evaluate(new)


def moved_schedule(
    engine: Any, spec: Any = None, projects: Sequence[str] | None = None
) -> pd.DataFrame:
    """The planned and moved dates of projects under ``spec``'s shifts (no random delays).

    Returns a frame with ``project, name, unit, status, planned_start, planned_finish,
    planned_entry, planned_production`` (as in ``projects.csv``) and ``start, finish, entry,
    production`` (absolute month numbers, NaN where none), following
    :func:`~sprintmodel.scenario.projects.project_tables`: a project not started moves as a
    whole but never before the month after ``as_of``; a started one keeps its start and its
    finish moves (one already overdue finishes ``overdue_months`` after ``as_of``); entry and
    production still ahead move with it, plus their own offsets.
    """
    reg = engine.register
    n = len(reg)
    if spec is not None:
        res = engine.resolve(spec, strict=False)
        a, b, c = res.shift, res.entry_offset, res.production_offset
    else:
        a = b = c = np.zeros(n, dtype=np.int64)
    t0 = float(engine.as_of_month)
    s = reg.start.astype(float)
    f = reg.finish.astype(float)
    e = reg.entry.astype(float)
    p = np.where(reg.production >= 0, reg.production, -1).astype(float)
    k = a.astype(float)
    started = s <= t0
    k_eff = np.where(started, k, np.maximum(k, t0 + 1 - s))
    s_new = np.where(started, s, s + k_eff)
    f_plan = np.where(started & (f <= t0), t0 + engine.levers.project_model.overdue_months, f)
    f_new = np.maximum(f_plan + k_eff, np.maximum(s_new, t0 + 1))
    e_new = np.where(e <= t0, e, np.maximum(e + k_eff + b, t0 + 1))
    p_new = np.where(p <= t0, p, np.maximum(p + k_eff + c, t0 + 1))
    p_new = np.where(p < 0, np.nan, p_new)
    frame = engine.dataset.projects.reset_index(drop=True)
    out = pd.DataFrame(
        {
            "project": list(reg.codes),
            "name": list(reg.names),
            "unit": list(reg.units),
            "status": list(reg.statuses),
            "planned_start": frame["planned_start"].to_numpy(),
            "planned_finish": frame["planned_finish"].to_numpy(),
            "planned_entry": frame["planned_entry"].to_numpy(),
            "planned_production": frame["planned_production"].to_numpy(),
            "start": s_new,
            "finish": f_new,
            "entry": e_new,
            "production": p_new,
        }
    )
    if projects is not None:
        out = out.set_index("project").loc[list(projects)].reset_index()
    return out


def watch_list_q4(engine: Any, spec: Any, projects: Sequence[str]) -> pd.DataFrame:
    """Expected counted investment and value added of ``projects`` in the rest of the year.

    The same numbers as the ``q4_fai`` and ``q4_va`` columns of
    :meth:`ScenarioEngine.project_table <sprintmodel.scenario.ScenarioEngine.project_table>`
    [亿元, current prices, mean over the delay draws], computed for the given projects only
    (a few milliseconds instead of the whole register's table).
    """
    from sprintmodel.scenario.curves import interpolate_table
    from sprintmodel.scenario.projects import SHIFT_MIN

    res = engine.resolve(spec, strict=False)
    idx = [engine.register.index(p) for p in projects]
    tables = np.stack(
        [engine._table(j, int(res.entry_offset[j]), int(res.production_offset[j])) for j in idx]
    )
    k = engine.delays[:, idx] + res.shift[idx][None, :].astype(np.float64)
    now = interpolate_table(tables, k, -SHIFT_MIN)
    return pd.DataFrame(
        {
            "project": list(projects),
            "q4_fai": now[..., 0].mean(axis=0),
            "q4_va": (now[..., 1] + now[..., 2]).mean(axis=0),
        }
    )


def shift_limits(
    engine: Any, spec: Any, project: str, kind: str, low: int, high: int
) -> tuple[int, int]:
    """The range of a slider within ``[low, high]`` that the scenario rules accept.

    Moving a date into the past or production before construction start is refused by the
    core (:func:`sprintmodel.scenario.resolve`); the limit is found by trying each month.
    """
    key = "shift_months" if kind == SHIFT else "production_shift_months"

    def ok(k: int) -> bool:
        try:
            engine.resolve(spec.with_projects({"project": project, key: k}), strict=False)
        except SprintmodelError:
            return False
        return True

    lo = 0
    for k in range(-1, low - 1, -1):
        if not ok(k):
            break
        lo = k
    hi = 0
    for k in range(1, high + 1):
        if not ok(k):
            break
        hi = k
    return lo, hi


def _ym(month: float) -> str:
    y, m = divmod(int(month), 12)
    return f"{y}-{m + 1:02d}"


def timing_warnings(
    sched: pd.DataFrame,
    plan: pd.DataFrame,
    q4: pd.DataFrame,
    plan_q4: pd.DataFrame,
    values: Mapping[str, int],
    lang: str = "zh",
) -> list[str]:
    """Warnings for moves that make no sense or change nothing (and why).

    - production before completion where the plan had it at or after completion;
    - a project moved whose rest-of-year investment and value added do not change (its dates
      stay outside this year's count, e.g. production already after December).
    """
    zh = lang == "zh"
    out = []
    plan_by = plan.set_index("project")
    q4_by, plan_q4_by = q4.set_index("project"), plan_q4.set_index("project")
    for r in sched.itertuples(index=False):
        moved = any(values.get(control_name(r.project, k), 0) for k in (SHIFT, PRODUCTION))
        if not moved:
            continue
        p0 = plan_by.loc[r.project]
        if (
            np.isfinite(r.production)
            and r.production < r.finish
            and not (np.isfinite(p0.production) and p0.production < p0.finish)
        ):
            out.append(
                f"{r.name}:投产({_ym(r.production)})早于竣工({_ym(r.finish)}),请核实是否可行"
                if zh
                else f"{r.name}: production ({_ym(r.production)}) before completion "
                f"({_ym(r.finish)}); check that this is possible"
            )
        a, b = q4_by.loc[r.project], plan_q4_by.loc[r.project]
        if abs(a.q4_fai - b.q4_fai) < 1e-9 and abs(a.q4_va - b.q4_va) < 1e-9:
            out.append(
                f"{r.name}:这一调整不改变今年的投资和增加值(调整后的日期仍在今年统计之外)"
                if zh
                else f"{r.name}: this move changes neither this year's investment nor its value "
                "added (the dates stay outside this year's count)"
            )
    return out


class ProjectPanel(widgets.VBox):
    """Gantt chart of the watch list with sliders moving each project's dates.

    Parameters
    ----------
    engine
        A built :class:`~sprintmodel.scenario.ScenarioEngine`.
    spec
        Scenario to start from (default: the plan, ``engine.spec("projects")``).
    top
        Projects on the watch list [count].
    months
        Largest shift a slider offers, earlier and later [months].
    lang
        ``"zh"`` or ``"en"``.
    figsize, backend
        Gantt size [inches]; figure backend (see :class:`~sprintmodel.ui.LeverPanel`).

    Attributes
    ----------
    projects
        Codes of the watch list, in rank order.
    sliders
        ``<project>__shift`` / ``<project>__production`` → :class:`~ipywidgets.IntSlider`.
    summary
        :class:`~ipywidgets.HTML` with Q4 investment and value added and the city's growth
        (CSS class ``sprintmodel-projects``).
    last_spec, last_result, last_q4
        The scenario last evaluated, its result and :func:`watch_list_q4` of the watch list.
    """

    def __init__(
        self,
        engine: Any,
        spec: Any = None,
        *,
        top: int = 6,
        months: int = 6,
        lang: str = "zh",
        figsize: tuple[float, float] = (9.0, 3.6),
        backend: Backend = "auto",
    ) -> None:
        super().__init__()
        self.engine = engine
        self.base_spec = _engine_spec(engine, spec, "projects")
        self.lang = lang
        self.chart_lang = chart_lang(lang)
        self.whole = wording(engine.dataset.hierarchy).whole  # 全市/全国... in the summary
        table = engine.project_table(self.base_spec)
        self.projects: list[str] = list(table.project.head(top))
        self.plan_q4 = watch_list_q4(engine, self.base_spec, self.projects)
        self.baseline = engine.evaluate(self.base_spec)
        self.last_spec: Any = None
        self.last_result: Any = None
        self.last_q4: pd.DataFrame | None = None
        self.last_seconds = float("nan")
        self.timings: list[float] = []
        self.error: str | None = None
        sched = moved_schedule(engine, self.base_spec, self.projects)
        self.plan_schedule = sched
        t0 = engine.as_of_month
        self.sliders: dict[str, widgets.IntSlider] = {}
        rows = []
        zh = lang == "zh"
        for r in sched.itertuples(index=False):
            label = widgets.HTML(
                f"<span title='{html.escape(r.project)}'>{html.escape(str(r.name)[:18])}</span>",
                layout=widgets.Layout(width="210px"),
            )
            lo, hi = shift_limits(engine, self.base_spec, r.project, SHIFT, -months, months)
            s = widgets.IntSlider(
                value=0,
                min=lo,
                max=hi,
                description="开工及工期(月)" if zh else "Start/works (months)",
                tooltip=(
                    f"相对原计划移动开工、入库和竣工的月数(可选 {lo} 至 {hi})"
                    if zh
                    else f"Months to move start, entry and finish ({lo} to {hi})"
                ),
                continuous_update=False,
                style={"description_width": "110px"},
                layout=widgets.Layout(width="330px"),
                disabled=lo == hi,
            )
            s.add_class(f"sprintmodel-shift-{r.project}")
            self.sliders[control_name(r.project, SHIFT)] = s
            box = [label, s]
            if np.isfinite(r.production) and r.production > t0:
                plo, phi = shift_limits(
                    engine, self.base_spec, r.project, PRODUCTION, -months, months
                )
                ps = widgets.IntSlider(
                    value=0,
                    min=plo,
                    max=phi,
                    description="投产(月)" if zh else "Production (months)",
                    tooltip=(
                        f"投产月份相对原计划的月数(可选 {plo} 至 {phi})"
                        if zh
                        else f"Months to move production ({plo} to {phi})"
                    ),
                    continuous_update=False,
                    style={"description_width": "110px"},
                    layout=widgets.Layout(width="330px"),
                    disabled=plo == phi,
                )
                self.sliders[control_name(r.project, PRODUCTION)] = ps
                box.append(ps)
            rows.append(widgets.HBox(box))
        self.summary = widgets.HTML()
        self.summary.add_class("sprintmodel-projects")
        self.warnings = widgets.HTML()
        self.warnings.add_class("sprintmodel-warnings")
        self.view = FigureView(figsize, backend)
        ax = self.view.figure.add_subplot(1, 1, 1)
        self._art = gantt(ax, sched, as_of=str(engine.as_of), lang=self.chart_lang)
        self.view.figure.tight_layout()
        self.view.animate(self._art.moving())
        self.output = widgets.interactive_output(self.update, dict(self.sliders))
        hint = (
            "相对原计划的月数,负数 = 提前,正数 = 推迟。“开工及工期”移动开工、入库和竣工(已开工项目"
            "保留开工日期,平移其余工期);“投产”单独设定投产月份。"
            if zh
            else "Months from the plan, negative = earlier. 'Start/works' moves start, entry and "
            "finish (a project under construction keeps its start and moves the rest); "
            "'Production' sets the production month on its own."
        )
        self.children = [
            widgets.HTML(f"<b>{'重点项目时序' if zh else 'Major projects'}</b> — {hint}"),
            *rows,
            self.summary,
            self.warnings,
            self.view.widget,
            ScenarioActions(self, self.reset, name="projects_dashboard"),
            self.output,
        ]

    def values(self) -> dict[str, int]:
        """Current slider values by control name."""
        return {k: int(s.value) for k, s in self.sliders.items()}

    def reset(self) -> None:
        """Every slider back to the plan (one evaluation, no page reload)."""
        with self.hold_trait_notifications():
            for s in self.sliders.values():
                s.value = 0
        self.update(**self.values())

    def update(self, **values: int) -> Any:
        """Evaluate the scenario with these project shifts and update the view in place."""
        t0 = time.perf_counter()
        try:
            spec, result = project_scenario(self.engine, self.base_spec, values)
        except SprintmodelError as exc:
            self.error = str(exc)
            self.summary.value = error_html(exc, self.lang)  # the one-line message, styled
            return None
        self.error = None
        self.last_spec, self.last_result = spec, result
        self.last_q4 = watch_list_q4(self.engine, spec, self.projects)
        self.summary.value = self._summary_html()
        sched = moved_schedule(self.engine, spec, self.projects)
        self.warnings.value = warning_html(
            timing_warnings(
                sched, self.plan_schedule, self.last_q4, self.plan_q4, values, self.lang
            )
        )
        update_gantt(self._art, sched)
        self.view.refresh()
        self.last_seconds = time.perf_counter() - t0
        self.timings.append(self.last_seconds)
        return result

    def _summary_html(self) -> str:
        assert self.last_q4 is not None and self.last_result is not None
        fai, va = self.last_q4.q4_fai.sum(), self.last_q4.q4_va.sum()
        fai0, va0 = self.plan_q4.q4_fai.sum(), self.plan_q4.q4_va.sum()
        root = self.engine.dataset.root
        s = self.last_result.summary_frame()
        parts = []
        zh = self.lang == "zh"
        for code in ("fai", "gdp"):
            row = s[(s.unit == root) & (s.indicator == code)]
            if row.empty:
                continue
            name = self.engine.dataset.indicators[code].label(self.lang)
            now = headline(self.last_result, root, code)  # the forecast's point, moved
            g = now["fy_growth"]
            d = g - headline(self.baseline, root, code)["fy_growth"]
            p = now["p_meet_target"]
            if zh:
                parts.append(
                    f"{self.whole}{name}全年增速 {g:.2f}%(较计划 {d:+.2f} 个百分点,完成目标概率 {p:.0%})"
                )
            else:
                parts.append(
                    f"city {name}: {g:.2f}% ({d:+.2f} pp from plan, P(meet target) {p:.0%})"
                )
        if zh:
            head = (
                f"重点项目四季度计入投资 <b class='sm-q4-fai'>{fai:.2f}</b> 亿元(计划 {fai0:.2f}),"
                f"新增增加值 <b class='sm-q4-va'>{va:.2f}</b> 亿元(计划 {va0:.2f})"
            )
            return head + ";" + ";".join(parts)
        head = (
            f"Watch list, rest of year: counted investment <b class='sm-q4-fai'>{fai:.2f}</b> 亿元 "
            f"(plan {fai0:.2f}), value added <b class='sm-q4-va'>{va:.2f}</b> 亿元 (plan {va0:.2f})"
        )
        return head + "; " + "; ".join(parts)


__all__ = [
    "ProjectPanel",
    "control_name",
    "moved_schedule",
    "project_items",
    "project_scenario",
    "shift_limits",
    "timing_warnings",
    "watch_list_q4",
]

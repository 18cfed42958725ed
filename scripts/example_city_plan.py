"""The example city's registration status, next year's investment plan and land parcels.

Imported by ``scripts/generate_example_city.py``; every draw comes from its own generator
(``numpy.random.default_rng([SEED, 20])``), so the rest of the folder is unchanged by this
module. Every number is an assumption of the synthetic city (it has no real source); the
checks at the end keep the files consistent with the register and the city's statistics.

- **入库纳统**: two projects under construction have not been registered in the statistics by
  the as-of month (their paperwork is late) and plan to register next year; the register's
  ``ytd_before_entry`` column holds what every unregistered project completed this year.
- **Next year's plan**: each project of the register gets a main funding source and readiness
  flags (用地, 环评, 资金); ``project_pipeline.csv`` lists reserve (储备) and planned (谋划)
  projects per district with their planned investment next year, funding source and readiness.
- **Land parcels**: ``parcels.csv`` lists the parcels the land-pending (and two approved)
  projects wait on, with their clearance status and planned delivery month.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

PENDING_REGISTRATIONS: dict[str, str] = {
    # project → planned registration month (入库). Assumption: the metro works' ancillary
    # package was split from the main contract and still lacks its own approval document
    # (立项); the water-supply project waits for its construction permit (施工许可).
    "JC-P036": "2027-01",
    "JC-P050": "2027-02",
}

FUNDING_SOURCES = (
    "special_bonds",
    "ultra_long_bonds",
    "central_budget",
    "policy_finance",
    "bank_loan",
    "self_raised",
)
"""Main funding source codes (专项债, 超长期特别国债, 中央预算内投资, 政策性开发性金融工具, 银行贷款,
自筹)."""

_FUNDING_BY_CATEGORY: dict[str, tuple[tuple[str, float], ...]] = {
    # Assumption: public works lean on bonds and central money, firms on loans and own funds.
    "infrastructure": (
        ("special_bonds", 0.45),
        ("ultra_long_bonds", 0.25),
        ("central_budget", 0.15),
        ("policy_finance", 0.15),
    ),
    "government": (("central_budget", 0.4), ("special_bonds", 0.4), ("ultra_long_bonds", 0.2)),
    "industrial": (("self_raised", 0.55), ("bank_loan", 0.35), ("policy_finance", 0.10)),
    "real_estate": (("self_raised", 0.6), ("bank_loan", 0.3), ("special_bonds", 0.1)),
    "services": (("self_raised", 0.5), ("bank_loan", 0.4), ("special_bonds", 0.1)),
    "other": (("central_budget", 0.5), ("special_bonds", 0.3), ("self_raised", 0.2)),
}

PIPELINE_SHARES: dict[str, float] = {"reserve": 0.30, "planned": 0.14}
"""Planned investment next year of each district's reserve (储备) and planned (谋划) projects
as a share of the district's investment this year [1]. Assumption: with the register's 9-10%,
the plan then covers about half of next year's target and the gap is left to projects outside
the major-project lists (small projects, 技改, real estate), as in typical city plans."""

PIPELINE_PLAN_SHARE = (0.25, 0.45)
"""Next year's planned investment ÷ total investment of a pipeline project [1] (assumption)."""

_PIPELINE_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    # category → (name stem, park-able) pairs; the district name is prefixed.
    "industrial": (
        ("智能制造产业园", "yes"),
        ("新材料产业基地", "yes"),
        ("高端装备零部件项目", "yes"),
        ("绿色食品精深加工项目", ""),
        ("新能源装备制造基地", "yes"),
        ("电子信息产业园", "yes"),
    ),
    "infrastructure": (
        ("城市快速路改造工程", ""),
        ("污水管网改造工程", ""),
        ("地下综合管廊工程", ""),
        ("城市防洪排涝工程", ""),
        ("燃气管网更新改造工程", ""),
    ),
    "government": (("中小学扩建工程", ""), ("区域医疗中心", ""), ("公共文化中心", "")),
    "real_estate": (("城中村改造项目", ""), ("保障性住房项目", "")),
    "services": (("现代物流园", ""), ("数字经济产业园", "yes"), ("商贸综合体", "")),
    "other": (("高标准农田建设项目", ""), ("乡村振兴示范片区", "")),
}
_CATEGORY_WEIGHTS = {
    "industrial": 0.38,
    "infrastructure": 0.30,
    "government": 0.10,
    "real_estate": 0.07,
    "services": 0.10,
    "other": 0.05,
}
_ROMAN = ("一期", "二期", "三期", "四期", "五期")

PARCEL_STATUSES = ("not_started", "approval_pending", "expropriating", "cleared")
"""Land parcel statuses: 未启动, 报批中 (land-use approval), 征收中 (expropriation and
resettlement), 已净地 (cleared and ready to deliver)."""


def _pick(rng: np.random.Generator, pairs: Sequence[tuple[str, float]]) -> str:
    names = [p[0] for p in pairs]
    w = np.array([p[1] for p in pairs])
    return str(rng.choice(names, p=w / w.sum()))


def month_index(label: str) -> int:
    """Months since year 0 of ``YYYY-MM``."""
    return int(label[:4]) * 12 + int(label[5:7]) - 1


def month_label(index: int) -> str:
    """``YYYY-MM`` of a month index."""
    return f"{index // 12}-{index % 12 + 1:02d}"


def readiness(status: str, rng: np.random.Generator) -> tuple[str, str, str]:
    """(land, environmental assessment, funds) ready, ``yes``/``no``, from a project's status.

    Assumption: projects under construction or producing have all three; approved projects
    have land and assessment and mostly funds; signed projects mostly lack all three;
    land-pending projects lack land.
    """
    if status in ("under_construction", "producing"):
        return "yes", "yes", "yes"
    if status == "approved":
        return "yes", "yes", "yes" if rng.random() < 0.7 else "no"
    if status == "land_pending":
        return "no", "yes" if rng.random() < 0.5 else "no", "yes" if rng.random() < 0.5 else "no"
    return "no", "no", "yes" if rng.random() < 0.3 else "no"


def extend_register(projects: list[dict[str, str]], as_of: int, seed: int) -> list[str]:
    """Add registration, funding and readiness columns to the register (in place).

    Returns the names of the added columns: ``ytd_before_entry`` (investment completed this
    year by projects not registered at ``as_of`` [亿元], empty for the others),
    ``funding_source``, ``land_ready``, ``eia_ready``, ``funds_ready``.
    """
    rng = np.random.default_rng([seed, 20, 1])
    for p in projects:
        if p["project"] in PENDING_REGISTRATIONS:
            p["planned_entry"] = PENDING_REGISTRATIONS[p["project"]]
        start = month_index(p["planned_start"])
        entry = month_index(p["planned_entry"] or p["planned_start"])
        pending = start <= as_of < entry
        p["ytd_before_entry"] = p.get("invested_2026", "") if pending else ""
        p["funding_source"] = _pick(rng, _FUNDING_BY_CATEGORY[p["category"]])
        p["land_ready"], p["eia_ready"], p["funds_ready"] = readiness(p["status"], rng)
    return ["ytd_before_entry", "funding_source", "land_ready", "eia_ready", "funds_ready"]


PIPELINE_COLUMNS = [
    "project",
    "name",
    "unit",
    "park",
    "category",
    "stage",
    "total_investment",
    "planned_start",
    "plan_2027",
    "funding_source",
    "land_ready",
    "eia_ready",
    "funds_ready",
]


def pipeline(
    fai_this_year: dict[str, float],
    names: dict[str, str],
    seed: int,
) -> list[dict[str, str]]:
    """Reserve (储备) and planned (谋划) projects of each district for 2027.

    Parameters
    ----------
    fai_this_year
        Each district's fixed-asset investment target level this year [亿元].
    names
        Chinese name of each district.
    seed
        The generator's seed.
    """
    rng = np.random.default_rng([seed, 20, 2])
    out: list[dict[str, str]] = []
    cats = list(_CATEGORY_WEIGHTS)
    w = np.array([_CATEGORY_WEIGHTS[c] for c in cats])
    n = 0
    for unit, level in fai_this_year.items():
        for stage, share in PIPELINE_SHARES.items():
            goal = share * level
            done = 0.0
            used: set[str] = set()
            while done < goal - 1e-9:
                cat = str(rng.choice(cats, p=w / w.sum()))
                stem, parkable = _PIPELINE_NAMES[cat][int(rng.integers(len(_PIPELINE_NAMES[cat])))]
                phase = 0
                while f"{stem}{_ROMAN[phase]}" in used and phase < len(_ROMAN) - 1:
                    phase += 1
                used.add(f"{stem}{_ROMAN[phase]}")
                total = float(rng.uniform(4.0, 30.0))
                plan = min(total * float(rng.uniform(*PIPELINE_PLAN_SHARE)), goal - done)
                if goal - done - plan < 1.0:  # no sliver of a project at the end
                    plan = goal - done
                done += plan
                n += 1
                start = month_index("2027-01") + int(
                    rng.integers(0, 9 if stage == "reserve" else 12)
                )
                if stage == "reserve":
                    land, eia, funds = (
                        "yes" if rng.random() < 0.6 else "no",
                        "yes" if rng.random() < 0.5 else "no",
                        "yes" if rng.random() < 0.5 else "no",
                    )
                else:
                    land, eia, funds = "no", "no", "yes" if rng.random() < 0.2 else "no"
                park = ""
                if parkable and unit in ("GQQ", "YHQ"):
                    park = "GXQ"
                elif parkable and unit == "SLQ":
                    park = "JKQ"
                out.append(
                    {
                        "project": f"JC-R{n:03d}" if stage == "reserve" else f"JC-M{n:03d}",
                        "name": f"{names[unit]}{stem}{_ROMAN[phase]}",
                        "unit": unit,
                        "park": park,
                        "category": cat,
                        "stage": stage,
                        "total_investment": f"{max(total, plan):.2f}",
                        "planned_start": month_label(start),
                        "plan_2027": f"{plan:.2f}",
                        "funding_source": _pick(rng, _FUNDING_BY_CATEGORY[cat]),
                        "land_ready": land,
                        "eia_ready": eia,
                        "funds_ready": funds,
                    }
                )
    return out


PARCEL_COLUMNS = ["parcel", "unit", "area_mu", "status", "planned_date", "projects"]

_PARCEL_PLAN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # unit, status, projects waiting (assumption: which parcels hold which projects).
    ("GQQ", "expropriating", ("JC-P011",)),
    ("YHQ", "approval_pending", ("JC-P020",)),
    ("SLQ", "expropriating", ("JC-P028",)),
    ("CCQ", "not_started", ("JC-P038",)),
    ("AFS", "approval_pending", ("JC-P052",)),
    ("AFS", "cleared", ("JC-P049",)),
    ("SLQ", "cleared", ("JC-P025",)),
    ("QXS", "expropriating", ("JC-P043", "JC-P044")),
)


def parcels(projects: Iterable[dict[str, str]], as_of: int, seed: int) -> list[dict[str, str]]:
    """Land parcels and the projects waiting on them (assumption: areas 50-600 亩).

    A parcel not cleared is planned for delivery one to three months before the earliest
    planned start of its projects; a cleared parcel was delivered in the last six months.
    """
    rng = np.random.default_rng([seed, 20, 3])
    start = {p["project"]: month_index(p["planned_start"]) for p in projects}
    out = []
    for i, (unit, status, codes) in enumerate(_PARCEL_PLAN, 1):
        first = min(start[c] for c in codes)
        if status == "cleared":
            date = as_of - int(rng.integers(0, 6))
        else:
            date = max(as_of + 1, first - int(rng.integers(1, 4)))
        out.append(
            {
                "parcel": f"JC-L{i:02d}",
                "unit": unit,
                "area_mu": f"{rng.uniform(50, 600):.0f}",
                "status": status,
                "planned_date": month_label(date),
                "projects": ";".join(codes),
            }
        )
    return out


def check_plan(folder: object, register: object, as_of: int) -> list[str]:
    """Consistency of the pipeline and parcels with the register (empty list: all fine)."""
    from pathlib import Path

    import pandas as pd

    base = Path(str(folder))
    reg = register if isinstance(register, pd.DataFrame) else pd.DataFrame()
    codes = set(reg["project"])
    bad: list[str] = []
    pipe = pd.read_csv(base / "project_pipeline.csv", dtype=str, keep_default_na=False)
    if set(pipe["project"]) & codes or not pipe["project"].is_unique:
        bad.append("pipeline project codes must be unique and outside the register")
    if not set(pipe["stage"]) <= set(PIPELINE_SHARES):
        bad.append("pipeline stages must be reserve or planned")
    if not set(pipe["funding_source"]) | set(reg["funding_source"]) <= set(FUNDING_SOURCES):
        bad.append("unknown funding source")
    plan = pipe["plan_2027"].astype(float)
    if (plan <= 0).any() or (plan > pipe["total_investment"].astype(float) + 1e-9).any():
        bad.append("a pipeline project's 2027 plan must be positive and at most its total")
    par = pd.read_csv(base / "parcels.csv", dtype=str, keep_default_na=False)
    waiting = {c for v in par["projects"] for c in v.split(";")}
    if not waiting <= codes:
        bad.append("parcels name projects outside the register")
    land = set(reg.loc[reg["status"] == "land_pending", "project"])
    open_ = par["status"] != "cleared"
    held = {c for v in par.loc[open_, "projects"] for c in v.split(";")}
    if not land <= held:
        bad.append("every land-pending project must wait on a parcel not cleared")
    dates = par["planned_date"].map(month_index)
    if not ((dates[open_] > as_of).all() and (dates[~open_] <= as_of).all()):
        bad.append("parcels not cleared are planned after the as-of month, cleared ones before")
    return bad

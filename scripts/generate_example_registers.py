#!/usr/bin/env python3
"""Write the example city's sprint registers from its enterprise register (synthetic).

Reads ``data/example_city/enterprises.csv`` (written by ``generate_example_city.py``) and writes,
deterministically (``numpy.random.default_rng(SEED)``):

* ``enterprise_observations.csv``: each key enterprise's year-to-date output (产值) by month,
  January 2025 to September 2026. September's figures equal the register's ``ytd_output`` and
  ``ytd_output_last_year`` exactly; the months follow an industrial seasonal pattern (low in
  January-February, high in December; assumption) and each enterprise's growth drifts over the
  year (drag enterprises worsen, as 石岭特钢 and 江川石化 do);
* ``enterprise_problems.csv``: the enterprises' shared problems (企业共性问题清单);
* ``livelihood.csv``: this year's 为民办实事 tasks with progress at September 2026, and next
  year's list (2027) with its money by kind.

Usage (from the repository root)::

    python scripts/generate_example_registers.py            # write the three files
    python scripts/generate_example_registers.py --check    # fail if they differ from a fresh run
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261020
FOLDER = Path(__file__).resolve().parents[1] / "data" / "example_city"
SEASON = np.array([7.0, 6.2, 8.4, 8.2, 8.4, 8.7, 8.2, 8.3, 8.6, 8.7, 8.8, 9.9])
"""Monthly shares of a year's industrial output [%] (assumption: the Spring Festival in
January-February, the year-end push in December)."""
DRIFT = {"drag": -1.6, "lift": 0.8, "flat": 0.0}
"""Monthly drift of an enterprise's single-month growth [pp per month] by role (assumption)."""


def observations(reg: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    season = SEASON / SEASON.sum()
    for e in reg.itertuples(index=False):
        m25 = season * (1.0 + rng.normal(0.0, 0.03, 12))
        m25 *= e.ytd_output_last_year / m25[:9].sum()
        g = 100.0 * (e.ytd_output / e.ytd_output_last_year - 1.0)
        role = "drag" if g < -10 else ("lift" if g > 15 else "flat")
        slope = DRIFT[role] + rng.normal(0.0, 0.2)
        k = np.arange(1, 10)
        m26 = m25[:9] * (1.0 + (g + slope * (k - 5.0) + rng.normal(0.0, 1.0, 9)) / 100.0)
        m26 *= e.ytd_output / m26.sum()
        g24 = rng.normal(6.0, 3.0)
        ytd25, ytd26 = np.cumsum(m25), np.cumsum(m26)
        for month in range(1, 13):
            rows.append(
                (
                    e.enterprise,
                    "output",
                    f"2025-{month:02d}",
                    round(ytd25[month - 1], 2),
                    round(g24 + rng.normal(0.0, 0.5), 1),
                )
            )
        for month in range(1, 10):
            now, last = round(ytd26[month - 1], 2), round(ytd25[month - 1], 2)
            rows.append(
                (
                    e.enterprise,
                    "output",
                    f"2026-{month:02d}",
                    now,
                    round(100.0 * (now / last - 1.0), 1),
                )
            )
    return pd.DataFrame(
        rows, columns=["enterprise", "indicator", "period", "ytd_value", "ytd_growth"]
    )


PROBLEMS = [
    (
        "钢材订单不足，螺纹钢、线材价格下行，高炉限产",
        "订单",
        "JC-E020",
        "市工信局",
        "2026-11",
        "in_progress",
    ),
    ("炼化装置检修延长，原油加工配额偏紧", "生产", "JC-E021", "市发改委", "2026-10", "open"),
    (
        "高耗能企业峰谷电价上调、迎峰度冬限电风险",
        "用能",
        "JC-E020;JC-E021;JC-E024;JC-E027",
        "国网江川供电公司",
        "2026-11",
        "in_progress",
    ),
    (
        "流动资金贷款到期续贷难、抽贷压贷",
        "融资",
        "JC-E021;JC-E028;JC-E015",
        "市金融办",
        "2026-10",
        "open",
    ),
    ("外贸订单减少，纺织服装出口受阻", "订单", "JC-E028;JC-E029", "市商务局", "2026-12", "open"),
    ("光伏组件价格下跌、开工率不足", "订单", "JC-E015", "市工信局", "2026-12", "open"),
    (
        "电子信息企业熟练工缺口约1200人",
        "用工",
        "JC-E005;JC-E008;JC-E019",
        "市人社局",
        "2026-10",
        "in_progress",
    ),
    ("扩产项目新增用地报批慢", "用地", "JC-E013;JC-E014", "市自然资源局", "2026-11", "open"),
    (
        "危化品运输车辆通行证办理周期长",
        "物流",
        "JC-E021;JC-E026",
        "市交通运输局",
        "2026-09",
        "solved",
    ),
]

LIVELIHOOD_2026 = [
    # task, unit, department, category, budget, debt, credit, start, finish, milestones, progress
    (
        "新建改扩建中小学和幼儿园12所",
        "JC",
        "市教育局",
        "教育",
        6.5,
        4.0,
        0.0,
        "2026-02",
        "2026-12",
        "2026-06:45;2026-09:75",
        72.0,
    ),
    (
        "老旧小区改造150个",
        "CCQ",
        "川城区住建局",
        "住房",
        3.2,
        2.5,
        1.0,
        "2026-03",
        "2026-12",
        "",
        74.0,
    ),
    (
        "新增普惠托育托位2000个",
        "GQQ",
        "高桥区卫健局",
        "托育",
        0.8,
        0.0,
        0.0,
        "2026-03",
        "2026-11",
        "",
        82.0,
    ),
    (
        "社区嵌入式养老服务中心30个",
        "YHQ",
        "云湖区民政局",
        "养老",
        1.2,
        0.0,
        0.5,
        "2026-04",
        "2026-12",
        "2026-06:20;2026-09:60",
        51.0,
    ),
    (
        "石岭区城乡供水一体化工程",
        "SLQ",
        "石岭区水利局",
        "供水",
        1.5,
        3.0,
        0.0,
        "2026-01",
        "2026-12",
        "2026-06:50;2026-09:78",
        55.0,
    ),
    (
        "背街小巷和农贸市场提升改造40处",
        "SLQ",
        "石岭区城管局",
        "市容",
        0.6,
        0.0,
        0.0,
        "2026-03",
        "2026-11",
        "",
        80.0,
    ),
    (
        "县域医共体建设与乡镇卫生院提标",
        "QXS",
        "青溪市卫健局",
        "医疗",
        1.0,
        0.8,
        0.0,
        "2026-01",
        "2026-12",
        "",
        77.0,
    ),
    (
        "农村公路提档升级120公里",
        "AFS",
        "安丰市交通局",
        "交通",
        0.9,
        1.5,
        0.0,
        "2026-03",
        "2026-12",
        "2026-06:30;2026-09:65",
        58.0,
    ),
    (
        "新增公共停车泊位5000个",
        "JC",
        "市城管局",
        "交通",
        0.5,
        0.0,
        2.0,
        "2026-02",
        "2026-12",
        "",
        66.0,
    ),
    (
        "城镇新增就业4.5万人、困难人员就业援助",
        "JC",
        "市人社局",
        "就业",
        1.8,
        0.0,
        0.0,
        "2026-01",
        "2026-12",
        "",
        81.0,
    ),
    (
        "食品安全快检室全覆盖",
        "JC",
        "市市场监管局",
        "安全",
        0.2,
        0.0,
        0.0,
        "2026-01",
        "2026-06",
        "",
        100.0,
    ),
    (
        "城区燃气管道老化更新改造80公里",
        "CCQ",
        "市住建局",
        "安全",
        0.7,
        1.2,
        0.0,
        "2026-04",
        "2026-12",
        "",
        63.0,
    ),
]

LIVELIHOOD_2027 = [
    (
        "新建改扩建中小学和幼儿园10所",
        "JC",
        "市教育局",
        "教育",
        5.8,
        3.5,
        0.0,
        "2027-02",
        "2027-12",
        "2027-06:45;2027-09:75",
    ),
    ("老旧小区改造120个", "CCQ", "川城区住建局", "住房", 2.6, 2.0, 1.0, "2027-03", "2027-12", ""),
    (
        "新增普惠托育托位2500个",
        "GQQ",
        "高桥区卫健局",
        "托育",
        1.0,
        0.0,
        0.0,
        "2027-03",
        "2027-11",
        "",
    ),
    ("社区助餐点100个", "YHQ", "云湖区民政局", "养老", 0.6, 0.0, 0.0, "2027-03", "2027-10", ""),
    (
        "石岭区城乡供水一体化二期",
        "SLQ",
        "石岭区水利局",
        "供水",
        1.2,
        2.5,
        0.0,
        "2027-01",
        "2027-12",
        "2027-06:50;2027-09:78",
    ),
    ("县域医疗次中心3个", "QXS", "青溪市卫健局", "医疗", 1.1, 1.0, 0.0, "2027-02", "2027-12", ""),
    (
        "农村公路提档升级100公里",
        "AFS",
        "安丰市交通局",
        "交通",
        0.8,
        1.2,
        0.0,
        "2027-03",
        "2027-12",
        "",
    ),
    ("城镇新增就业4.5万人", "JC", "市人社局", "就业", 1.9, 0.0, 0.0, "2027-01", "2027-12", ""),
    (
        "城市排水防涝设施补短板",
        "JC",
        "市水务局",
        "安全",
        0.9,
        3.0,
        1.5,
        "2027-03",
        "2027-12",
        "2027-06:35;2027-09:70",
    ),
]


def livelihood() -> pd.DataFrame:
    cols = [
        "year",
        "task",
        "unit",
        "department",
        "category",
        "budget",
        "debt_quota",
        "credit",
        "start",
        "finish",
        "milestones",
        "period",
        "progress",
    ]
    rows = [(2026, *r[:10], "2026-09", r[10]) for r in LIVELIHOOD_2026]
    rows += [(2027, *r, "", "") for r in LIVELIHOOD_2027]
    return pd.DataFrame(rows, columns=cols)


def files() -> dict[str, str]:
    reg = pd.read_csv(FOLDER / "enterprises.csv", dtype={"enterprise": str})
    rng = np.random.default_rng(SEED)
    out = {}
    frames = {
        "enterprise_observations.csv": observations(reg, rng),
        "enterprise_problems.csv": pd.DataFrame(
            PROBLEMS,
            columns=["problem", "category", "enterprises", "department", "deadline", "status"],
        ),
        "livelihood.csv": livelihood(),
    }
    for name, frame in frames.items():
        buf = io.StringIO()
        frame.to_csv(buf, index=False, lineterminator="\n", float_format="%.2f")
        out[name] = buf.getvalue()
    return out


def main(argv: list[str]) -> int:
    new = files()
    if "--check" in argv:
        bad = [n for n, t in new.items() if (FOLDER / n).read_text(encoding="utf-8") != t]
        for n in bad:
            print(f"{n} differs from a fresh run", file=sys.stderr)
        return 1 if bad else 0
    for name, text in new.items():
        (FOLDER / name).write_text(text, encoding="utf-8")
        print(f"wrote {FOLDER / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

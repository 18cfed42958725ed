"""Shared fixtures: a tiny hand-made data folder that tests copy and break."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# The suite (and CI) draws the same hypothesis examples on every run, so that a red run can be
# reproduced and a green one is not luck; HYPOTHESIS_PROFILE=fuzz explores new random examples,
# ten times as many in tests/test_fuzz_readers.py. Failures found that way become @example cases.
settings.register_profile("suite", derandomize=True, print_blob=True)
settings.register_profile("fuzz", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

TINY = {
    "units.csv": """unit,name_zh,name_en,parent,kind,rollup
C,测试市,Test City,,city,
D1,一区,District One,C,district,yes
D2,二区,District Two,C,district,yes
P1,高新区,High-tech Park,C,park,no
""",
    "indicators.csv": """indicator,name_zh,name_en,measure,basis,additive
gdp,地区生产总值,GDP,亿元,real,yes
fai,固定资产投资,Fixed-asset investment,亿元,nominal,yes
""",
    "targets.csv": """unit,indicator,year,target_growth,target_value
C,gdp,2025,6.0,
D1,gdp,2025,6.5,
C,fai,2025,5.0,
""",
    "projects.csv": """project,name,unit,category,status,total_investment,invested_to_date,planned_start,planned_finish,planned_entry,planned_production,output_at_capacity,value_added_rate
PJ1,一号项目,D1,industrial,under_construction,20,5,2025-03,2026-12,2025-04,2026-10,30,0.25
PJ2,二号项目,D2,infrastructure,land_pending,10,0,2025-11,2026-06,,,,
""",
}


def _observations() -> str:
    lines = ["unit,indicator,period,ytd_value,ytd_growth"]
    # Quarterly real GDP: single quarters 100,110,120,130 (D1) and 50,55,60,65 (D2) in 2024,
    # +6% and +4% real in 2025 at 2% inflation; park P1 overlaps D1 with 40% of it.
    for unit, base, g in (("D1", (100, 110, 120, 130), 6.0), ("D2", (50, 55, 60, 65), 4.0)):
        ytd = 0.0
        for q, b in enumerate(base, 1):
            ytd += b
            lines.append(f"{unit},gdp,2024Q{q},{ytd:.2f},")
        ytd = 0.0
        for q, b in enumerate(base, 1):
            ytd += b * (1 + g / 100) * 1.02
            lines.append(f"{unit},gdp,2025Q{q},{ytd:.2f},{g:.1f}")
    city_2024 = [150, 315, 495, 690]
    for q, v in enumerate(city_2024, 1):
        lines.append(f"C,gdp,2024Q{q},{v:.2f},")
    # City real growth: volume aggregate = (6%*D1 + 4%*D2 weights by last year's ytd)
    d1 = [100, 210, 330, 460]
    d2 = [50, 105, 165, 230]
    for q in range(4):
        g = (d1[q] * 1.06 + d2[q] * 1.04) / (d1[q] + d2[q]) * 100 - 100
        lines.append(f"C,gdp,2025Q{q + 1},{city_2024[q] * (1 + g / 100) * 1.02:.2f},{g:.1f}")
    for q, v in enumerate([40, 84, 132, 184], 1):
        lines.append(f"P1,gdp,2024Q{q},{v:.2f},")
        lines.append(f"P1,gdp,2025Q{q},{v * 1.08 * 1.02:.2f},8.0")
    # Monthly FAI for the city only, Jan-Feb combined.
    for year, scale in ((2024, 1.0), (2025, 1.05)):
        ytd = 0.0
        for m in range(2, 13):
            ytd += (20.0 if m == 2 else 10.0 + m) * scale
            lines.append(f"C,fai,{year}-{m:02d},{ytd:.2f},{'5.0' if year == 2025 else ''}")
    return "\n".join(lines) + "\n"


def write_tiny(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "observations.csv").write_text(_observations(), encoding="utf-8")
    return folder


@pytest.fixture
def tiny_folder(tmp_path: Path) -> Path:
    """A valid tiny data folder: a city, two districts, a park; quarterly GDP, monthly FAI."""
    return write_tiny(tmp_path / "tiny")


@pytest.fixture
def copy_folder(tmp_path: Path) -> Callable[[Path], Path]:
    """Copy a data folder into the test's temporary directory (to break it safely)."""

    def _copy(src: Path) -> Path:
        dst = tmp_path / f"copy_{src.name}"
        shutil.copytree(src, dst)
        return dst

    return _copy


IDLE_FOR_RETAIL = [
    "enterprise_support",
    "export_support",
    "jiangchuan_petrochem_financing",
    "land_acceleration",
    "policy_financing",
    "shiling_steel_full_capacity",
    "special_bonds",
]
"""The example city's levers without a retail effect (data/example_city/levers.yaml: only
consumption_vouchers moves retail), sorted."""

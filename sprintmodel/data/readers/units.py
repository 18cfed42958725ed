"""``units.csv``: the hierarchy of units (one root, no cycles)."""

from __future__ import annotations

from sprintmodel.data.aliases import KIND_ALIASES
from sprintmodel.data.model import UNIT_KINDS, Hierarchy, Unit
from sprintmodel.data.parse import check_code_syntax, normalise_codes, parse_choice
from sprintmodel.data.problems import ValidationReport
from sprintmodel.data.readers.common import check_unique, unknown_code_message, yes_no
from sprintmodel.data.tables import Table

__all__ = ["load_units"]


def load_units(table: Table, report: ValidationReport) -> Hierarchy | None:
    f = table.frame
    n_errors = len(report.errors)
    normalise_codes(table, "unit", report)
    normalise_codes(table, "parent", report)
    check_code_syntax(table, "unit", report)
    check_unique(table, "unit", report)
    rollup = yes_no(table, "rollup", "yes", report)
    kinds = parse_choice(table, "kind", UNIT_KINDS, report, aliases=KIND_ALIASES, what="kind")
    codes = list(dict.fromkeys(f["unit"]))
    parent = f["parent"]
    unknown = (parent != "") & ~parent.isin(codes)
    if unknown.any():
        hier_stub = Hierarchy(
            {
                c: Unit(c, name_zh=f.at[r, "name_zh"], name_en=f.at[r, "name_en"])
                for r, c in zip(f.index, f["unit"], strict=True)
            }
        )
        report.add_rows(
            "error",
            table.file,
            parent.index[unknown],
            lambda r: (
                f"the parent '{parent.at[r]}' of unit '{f.at[r, 'unit']}' is not a unit."
                + unknown_code_message(str(parent.at[r]), "unit", hier_stub, codes).split(".", 1)[1]
            ),
            "set 'parent' to the code of a unit listed in units.csv.",
            "parent",
        )
    roots = f.index[parent == ""]
    if len(roots) == 0:
        report.add(
            "error",
            table.file,
            "no unit is the root: every unit has a parent.",
            "leave 'parent' empty for exactly one unit, the city.",
            column="parent",
        )
    elif len(roots) > 1:
        names = ", ".join(f"'{f.at[r, 'unit']}' (row {r})" for r in roots[:10])
        report.add(
            "error",
            table.file,
            f"{len(roots)} units have no parent: {names}; there must be exactly one root.",
            "give every unit but the city a parent.",
            int(roots[1]),
            "parent",
        )
    if len(report.errors) > n_errors:
        return None
    # Cycles: walk up from every unit (each unit is visited once over all walks).
    parent_of = dict(zip(f["unit"], f["parent"], strict=True))
    row_of = dict(zip(f["unit"], f.index, strict=True))
    state: dict[str, int] = {}  # 1 on the current path, 2 known to reach the root
    for start in parent_of:
        path: list[str] = []
        u = start
        while u and state.get(u) is None:
            state[u] = 1
            path.append(u)
            u = parent_of[u]
        if u and state.get(u) == 1:
            cycle = [*path[path.index(u) :], u]
            report.add(
                "error",
                table.file,
                f"the parents form a cycle: {' → '.join(cycle)}.",
                "each unit's chain of parents must end at the city.",
                int(row_of[u]),
                "parent",
            )
        for p in path:
            state[p] = 2
    if len(report.errors) > n_errors:
        return None
    units = {
        code: Unit(
            code=code,
            name_zh=f.at[row, "name_zh"],
            name_en=f.at[row, "name_en"],
            parent=f.at[row, "parent"] or None,
            kind=kinds.at[row],
            rollup=bool(rollup.at[row]) if f.at[row, "parent"] else True,
        )
        for row, code in zip(f.index, f["unit"], strict=True)
    }
    return Hierarchy(units)

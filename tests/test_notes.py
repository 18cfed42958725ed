"""Notes as data (sprintmodel.notes) and their words (sprintmodel.words.notes)."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest

from sprintmodel.notes import Note
from sprintmodel.words.notes import NOTE_TEXT, note_text

PACKAGE = Path(__file__).resolve().parents[1] / "sprintmodel"

MADE = re.compile(r"Note\.of\(\s*\"([a-z_.]+)\"")


def _codes_made() -> set[str]:
    """Every code the package writes in ``Note.of("...")``."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        found |= set(MADE.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_note_the_core_makes_has_chinese_and_english_words() -> None:
    made = _codes_made()
    assert {"optimize.levers_idle", "tornado.lever", "acceleration.why.start"} <= made
    missing = sorted(c for c in made if set(NOTE_TEXT.get(c, {})) != {"zh", "en"})
    assert not missing, missing
    unused = sorted(set(NOTE_TEXT) - made)
    assert not unused, unused


@pytest.mark.parametrize("code", sorted(NOTE_TEXT))
def test_both_frames_take_the_same_parameters_and_chinese_has_no_english(code: str) -> None:
    fields = {
        lang: {f for _, f, _, _ in string.Formatter().parse(frame) if f}
        for lang, frame in NOTE_TEXT[code].items()
    }
    assert fields["zh"] == fields["en"], code
    words = re.sub(r"\{[^}]*\}", "", NOTE_TEXT[code]["zh"])
    assert not re.search(r"[A-Za-z]{2,}", words), words


def test_a_note_is_immutable_hashable_data() -> None:
    n = Note.of("optimize.levers_idle", levers=["b", "a"])
    assert n["levers"] == ("b", "a") and n.get("n") is None
    assert {n: 1}[Note.of("optimize.levers_idle", levers=("b", "a"))] == 1
    why = Note.of("acceleration.why.happened", action="entry", date_month="2026-06")
    nested = Note.of("acceleration.dropped", project="JC-P009", action="entry", why=why)
    data = json.loads(json.dumps(nested.to_dict()))
    assert data["params"]["why"] == {
        "code": "acceleration.why.happened",
        "params": {"action": "entry", "date_month": "2026-06"},
    }
    assert Note.from_dict(data) == nested
    with pytest.raises(AttributeError):
        n.code = "other"  # type: ignore[misc]


def test_rendering_by_hand() -> None:
    why = Note.of("acceleration.why.happened", action="entry", date_month="2026-06")
    nested = Note.of("acceleration.dropped", project="JC-P009", action="entry", why=why)
    assert note_text(nested, "en") == (
        "acceleration of JC-P009 (entry): dropped: its entry (2026-06) has already happened"
    )
    assert (
        note_text(nested, "zh")
        == "项目提前 JC-P009（入库纳统）：不可提前，入库纳统（2026年6月）已经发生"
    )
    out = Note.of("optimize.out_of_reach_budget", p=0.8, best=0.2049, budget=1.0)
    assert note_text(out, "en") == (
        "the target probability 80% is out of reach within the budget of 1 亿元: the best "
        "package reaches 20.5% on fresh draws"
    )
    assert note_text(out, "zh") == (
        "在1亿元预算内，目标概率80%无法达到：最优方案在新抽样上的达标概率为20.5%"
    )
    limit = Note.of("optimize.time_limit", limit=30.0, gap=0.0123)
    assert note_text(limit, "en").endswith(
        "(30 s); the best package found is used (relative gap 1.23%)"
    )
    # names show codes by their names; a code without words is still said, as data
    lever = Note.of("tornado.lever", lever="consumption_vouchers", indicator="retail")
    assert note_text(lever, "zh", {"consumption_vouchers": "发放消费券", "retail": "社零"}) == (
        "发放消费券对社零的效果"
    )
    assert note_text(lever, "en") == "lever consumption_vouchers → retail"
    assert note_text(Note.of("no.such", x=1), "zh") == "no.such(x=1)"


def test_a_frame_that_says_a_parameter_twice_reads_back() -> None:
    from sprintmodel.words.notes import read_note

    n = Note.of("league.overlap", parent="JC")
    assert note_text(n, "en") == "overlaps other units of JC: ranked among parks, not added into JC"
    assert read_note(note_text(n, "en"), "league.") == n
    assert read_note("overlaps other units of JC: ranked among parks, not added into AF") is None

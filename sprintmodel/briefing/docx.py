"""The Word briefing (``briefing.docx``), written with python-docx from the briefing model.

Layout: A4 portrait, 2 cm margins; the title, a line of facts, then each section with its
sentences, tables (header row shaded and repeated on every page, figures right-aligned, cells
coloured by their mark) and charts (PNG, 16 cm wide, caption below).

Chinese in Word: a run's ``w:rFonts`` names a Latin font (``w:ascii``/``w:hAnsi``) and an
East-Asian one (``w:eastAsia``); without the latter Word picks a fallback that may lack
glyphs or look wrong. Every style and every run written here sets both: 宋体 (SimSun) for text
and 黑体 (SimHei) for headings, the fonts every Chinese Windows and Office install has, with
Times New Roman / Arial for Latin letters and figures.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sprintmodel.briefing.document import BriefingModel, ChartSpec, Section, Span, Table
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.reporting.files import atomic_path

BODY_FONT = ("Times New Roman", "宋体")
"""(Latin, East-Asian) font of text."""
HEADING_FONT = ("Arial", "黑体")
"""(Latin, East-Asian) font of headings and table headers."""

FILLS = {"bad": "F8CBAD", "good": "C6EFCE", "total": "EDEDED", "header": "D9E1F2"}
"""Cell shading by mark (RGB hex; light, so text stays readable in print)."""

CHART_WIDTH_CM = 16.0


def _set_fonts(element: Any, latin: str, east_asian: str) -> None:
    """Set the Latin and East-Asian fonts on a run's or style's ``w:rPr``."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)
    rfonts.set(qn("w:cs"), latin)


def _run(
    paragraph: Any,
    text: str,
    *,
    bold: bool = False,
    size: float | None = None,
    color: str | None = None,
    heading: bool = False,
) -> Any:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.bold = bold
    if size is not None:
        run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = RGBColor.from_string(color)
    latin, ea = HEADING_FONT if heading else BODY_FONT
    run.font.name = latin
    _set_fonts(run._element, latin, ea)
    return run


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml.ns import qn

    tcpr = cell._element.get_or_add_tcPr()
    shd = tcpr.makeelement(
        qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}
    )
    tcpr.append(shd)


def _repeat_header(row: Any) -> None:
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    trpr.append(trpr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _styles(doc: Any, lang: str) -> None:
    from docx.shared import Pt, RGBColor

    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT[0]
    normal.font.size = Pt(10.5)
    _set_fonts(normal.element, *BODY_FONT)
    for name, size in (("Title", 18), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        st = doc.styles[name]
        st.font.name = HEADING_FONT[0]
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(st.element, *HEADING_FONT)


def _table(doc: Any, table: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cap = doc.add_paragraph()
    _run(cap, table.title, bold=True, size=10, heading=True)
    n_cols = len(table.columns)
    tb = doc.add_table(rows=1, cols=n_cols)
    tb.style = "Table Grid"
    tb.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = tb.rows[0]
    _repeat_header(head)
    for j, col in enumerate(table.columns):
        cell = head.cells[j]
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(cell.paragraphs[0], col.header, bold=True, size=8.5, heading=True)
        _shade(cell, FILLS["header"])
    for i, row in enumerate(table.rows):
        cells = tb.add_row().cells
        for j, value in enumerate(row):
            p = cells[j].paragraphs[0]
            numeric = isinstance(value, Num | Span)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
            text = value if isinstance(value, str) else value.text
            _run(p, text, size=8.5, bold=table.mark(i, j) == "total")
            fill = FILLS.get(table.mark(i, j))
            if fill:
                _shade(cells[j], fill)
    for note in table.notes:
        p = doc.add_paragraph()
        _run(p, note, size=8, color="595959")


def _chart(doc: Any, chart: ChartSpec, png: bytes | None) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    if png is None:
        return
    doc.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    cap = doc.add_paragraph()
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(cap, chart.title, size=9, color="404040")


def _section(doc: Any, section: Section, images: Mapping[str, bytes], level: int) -> None:
    h = doc.add_heading(level=min(level, 3))
    _run(h, section.title, heading=True)
    for para in section.paragraphs:
        p = doc.add_paragraph()
        if isinstance(para, Sentence):
            p.paragraph_format.first_line_indent = None
            _run(p, para.text)
        else:
            _run(p, para, size=9.5, color="404040")
    for tb in section.tables:
        _table(doc, tb)
    for ch in section.charts:
        _chart(doc, ch, images.get(ch.key))
    for sub in section.subsections:
        _section(doc, sub, images, level + 1)


def write_docx(model: BriefingModel, images: Mapping[str, bytes], path: str | Path) -> Path:
    """Write the briefing as a Word document (atomically: a temporary file, then a rename).

    Parameters
    ----------
    model
        The briefing.
    images
        PNG bytes by chart key (:func:`sprintmodel.briefing.charts.render_charts`); charts
        without an image are left out.
    path
        The ``.docx`` file.

    Returns
    -------
    pathlib.Path
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(2.0))
    _styles(doc, model.lang)
    props = doc.core_properties
    props.title = model.title
    props.author = "sprintmodel"
    props.language = "zh-CN" if model.lang == "zh" else "en"
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, model.title, heading=True)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(sub, model.subtitle, size=9, color="595959")
    for line in model.notice:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, line, size=9.5, bold=True, color="C00000")
    for section in model.sections:
        _section(doc, section, images, 1)
    path = Path(path)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path


__all__ = ["BODY_FONT", "FILLS", "HEADING_FONT", "write_docx"]

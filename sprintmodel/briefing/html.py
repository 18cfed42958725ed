"""The browser briefing (``briefing.html``): one self-contained file, same content as the Word one.

Styles are inline (one ``<style>`` element) and charts are embedded as base64 PNG ``data:``
URIs, so the file can be mailed or opened offline; it loads nothing from the network. Every text
from the data (names, descriptions, error messages) is escaped.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from pathlib import Path

from sprintmodel.briefing.document import BriefingModel, ChartSpec, Section, Span, Table
from sprintmodel.briefing.formatting import Num
from sprintmodel.briefing.sentences import Sentence
from sprintmodel.reporting.files import atomic_path

CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       SimSun, "Helvetica Neue", Arial, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.6; }
h1 { font-size: 1.6rem; text-align: center; margin-bottom: .2rem; }
.subtitle { text-align: center; color: #595959; font-size: .85rem; margin-top: 0; }
.notice { text-align: center; color: #c00000; font-weight: bold; font-size: .9rem; margin: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.1rem; margin-top: 1.5rem; }
h4 { font-size: 1rem; }
p.sentence { text-indent: 2em; }
p.plain { color: #404040; font-size: .9rem; }
table { border-collapse: collapse; margin: .4rem 0 .2rem; font-size: .8rem; width: 100%; }
caption { caption-side: top; text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid #bfbfbf; padding: .2rem .4rem; }
th { background: #d9e1f2; font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.bad { background: #f8cbad; } td.good { background: #c6efce; }
td.total { background: #ededed; font-weight: bold; }
.note { color: #595959; font-size: .75rem; margin: .1rem 0 .8rem; }
figure { margin: 1rem 0; text-align: center; }
figure img { max-width: 100%; height: auto; }
figcaption { color: #404040; font-size: .85rem; }
@media print { body { max-width: none; margin: 0; } h2 { break-after: avoid; } }
"""


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _table(table: Table) -> str:
    out = [f'<table id="{_e(table.key)}"><caption>{_e(table.title)}</caption><thead><tr>']
    out += [f"<th>{_e(c.header)}</th>" for c in table.columns]
    out.append("</tr></thead><tbody>")
    for i, row in enumerate(table.rows):
        out.append("<tr>")
        for j, cell in enumerate(row):
            classes = []
            if isinstance(cell, Num | Span):
                classes.append("num")
            mark = table.mark(i, j)
            if mark:
                classes.append(mark)
            cls = f' class="{" ".join(classes)}"' if classes else ""
            text = cell if isinstance(cell, str) else cell.text
            out.append(f"<td{cls}>{_e(text)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    out += [f'<p class="note">{_e(n)}</p>' for n in table.notes]
    return "".join(out)


def _chart(chart: ChartSpec, png: bytes | None) -> str:
    if png is None:
        return ""
    data = base64.b64encode(png).decode("ascii")
    return (
        f'<figure id="chart-{_e(chart.key)}"><img alt="{_e(chart.title)}" '
        f'src="data:image/png;base64,{data}"><figcaption>{_e(chart.title)}</figcaption></figure>'
    )


def _section(section: Section, images: Mapping[str, bytes], level: int) -> str:
    h = min(level + 1, 4)
    out = [f'<section id="{_e(section.key)}"><h{h}>{_e(section.title)}</h{h}>']
    for para in section.paragraphs:
        if isinstance(para, Sentence):
            out.append(f'<p class="sentence">{_e(para.text)}</p>')
        else:
            out.append(f'<p class="plain">{_e(para)}</p>')
    out += [_table(tb) for tb in section.tables]
    out += [_chart(ch, images.get(ch.key)) for ch in section.charts]
    out += [_section(sub, images, level + 1) for sub in section.subsections]
    out.append("</section>")
    return "\n".join(out)


def render_html(model: BriefingModel, images: Mapping[str, bytes]) -> str:
    """The briefing as one self-contained HTML page."""
    lang = "zh-CN" if model.lang == "zh" else "en"
    body = "\n".join(_section(s, images, 1) for s in model.sections)
    notice = "".join(f'<p class="notice">{_e(line)}</p>\n' for line in model.notice)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="sprintmodel {_e(str(model.meta.get("version", "")))}">\n'
        f"<title>{_e(model.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<h1>{_e(model.title)}</h1>\n<p class="subtitle">{_e(model.subtitle)}</p>\n'
        f"{notice}{body}\n</body>\n</html>\n"
    )


def scoped_css(css: str = CSS, scope: str = ".sprintmodel-briefing") -> str:
    """``css`` with every rule limited to elements inside ``scope`` (``body`` becomes the
    scope itself), so a fragment shown in a notebook does not restyle the notebook."""
    out = []
    for rule in css.split("}"):
        if "{" not in rule:
            continue
        head, body = rule.split("{", 1)
        head = head.strip()
        if head.startswith("@"):
            continue  # print rules belong to the full page
        sels = []
        for sel in head.split(","):
            sel = sel.strip()
            sels.append(scope if sel == "body" else f"{scope} {sel}")
        out.append(f"{', '.join(sels)} {{{body}}}")
    return "\n".join(out)


def render_section(section: Section, images: Mapping[str, bytes]) -> str:
    """One section as an HTML fragment with the briefing's styles (for notebooks)."""
    return (
        f'<div class="sprintmodel-briefing"><style>{scoped_css()}</style>'
        f"{_section(section, images, 1)}</div>"
    )


def write_html(model: BriefingModel, images: Mapping[str, bytes], path: str | Path) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8, atomically)."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(render_html(model, images), encoding="utf-8")
    return path


__all__ = ["CSS", "render_html", "render_section", "scoped_css", "write_html"]

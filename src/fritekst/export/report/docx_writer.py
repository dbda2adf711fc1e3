"""A report as a Word document made with python-docx: headings in Word's own heading styles
(so a user restyles the whole report by changing a style), tables as Word tables with a
header row that repeats across pages, and pictures embedded."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from fritekst.export.report.model import Document, Figure, Heading, Paragraph, Table
from fritekst.outfiles import replacing

LANGUAGES = {"nb": "nb-NO", "nn": "nn-NO"}
# the text in tables has a paragraph style of its own, so it can be restyled in one place
TABLE_STYLE, SMALL_TABLE_STYLE = "Tabelltekst", "Tabelltekst liten"


def write_docx(doc: Document, folder: Path) -> list[Path]:
    path = folder / f"{doc.stem}.docx"
    word = new_docx()
    _setup(word, doc)
    for block in doc.blocks:
        if isinstance(block, Heading):
            word.add_heading(block.text, block.level)
        elif isinstance(block, Paragraph):
            p = word.add_paragraph(style="Quote" if block.quote else None)
            if block.lead:
                p.add_run(block.lead + " ").bold = True
            p.add_run(block.text)
        elif isinstance(block, Table):
            _table(word, block)
        elif isinstance(block, Figure):
            word.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
            word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            word.add_paragraph(block.caption, style="Caption")
    with replacing(path) as tmp:
        word.save(str(tmp))
    return [path]


def _setup(word, doc: Document) -> None:
    """A4 with 2.5 cm margins, the report's title and language (Word spell-checks in
    Norwegian), and no date in the document's properties."""
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    props = word.core_properties
    props.title = doc.title
    props.author = "fritekst"
    props.language = LANGUAGES.get(doc.language, doc.language)
    normal = word.styles["Normal"]
    normal.font.size = Pt(11)
    run_props = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGES.get(doc.language, doc.language))
    run_props.append(lang)
    for name, size in ((TABLE_STYLE, 9.5), (SMALL_TABLE_STYLE, 8)):
        style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.paragraph_format.space_after = Pt(0)


def _table(word, block: Table) -> None:
    if block.caption:
        word.add_paragraph(block.caption, style="Caption")
    table = word.add_table(rows=len(block.rows) + 1, cols=len(block.columns),
                           style="Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    widths = column_widths(block)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # the style id set directly: python-docx's style setter looks the default style up
    # again for every paragraph, which takes seconds for a report's tables
    style_id = word.styles[SMALL_TABLE_STYLE if block.wide else TABLE_STYLE].style_id
    _repeat_header(table.rows[0])
    for i, row in enumerate(table.rows):
        texts = block.columns if i == 0 else block.rows[i - 1]
        for j, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            cell.width = widths[j]  # Word reads the cells' widths, LibreOffice the grid's
            p = cell.paragraphs[0]
            p._p.style = style_id
            run = p.add_run(text)
            if i == 0:
                run.bold = True
            if j in block.numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    word.add_paragraph()


def column_widths(block: Table, page_cm: float = 16.0) -> list[Cm]:
    """Widths from the text the columns hold: each column as wide as its longest cell (or
    the longest word of its heading), up to 40 characters; where that is wider than the
    page, the first column (the labels) gives way, down to 3 cm, before all shrink."""
    char_cm = 0.19 if block.wide else 0.23
    wants = []
    for j, heading in enumerate(block.columns):
        # a heading is set in bold, a little wider than the cells
        longest = max([round(len(w) * 1.15) for w in heading.split()]
                      + [len(r[j]) for r in block.rows])
        wants.append(min(max(longest, 3), 40) * char_cm + 0.5)
    if sum(wants) > page_cm and len(wants) > 1:
        wants[0] = max(page_cm - sum(wants[1:]), min(wants[0], 3.0))
        others = (page_cm - wants[0]) / sum(wants[1:])
        wants[1:] = [w * min(others, 1.0) for w in wants[1:]]
    return [Cm(w) for w in wants]


def _repeat_header(row) -> None:
    """Mark a table's first row as a header that Word repeats on every page."""
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)

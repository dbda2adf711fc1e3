"""Ruled tables found in the page's drawing: lattices read without pdfplumber, charts and
drawings left alone (issue 13: the table finder made one real report take 22 s)."""

import random

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from fritekst.extract import pdf
from fritekst.extract.pdf import extract_pdf

W, H = A4


@pytest.fixture
def no_table_finder(monkeypatch):
    """Fail if pdfplumber's table finder is asked for a page."""
    def refuse(self, index):
        raise AssertionError(f"the table finder ran on page {index}")

    monkeypatch.setattr(pdf._TableReader, "read", refuse)


def _text_lines(c, top: float, lines: int = 8) -> None:
    c.setFont("Helvetica", 10)
    for k in range(lines):
        c.drawString(60, top - 14 * k, f"Avsnitt {k} om tiltak i den boligsosiale planen.")


def test_a_lattice_under_a_shaded_header_is_read_without_the_table_finder(
        tmp_path, no_table_finder):
    """The Telemark plan's tables: the header on a shaded band with round corners and no rule
    above it, a header cell broken at a hyphen, every other rule across the whole table."""
    path = tmp_path / "tiltak.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _text_lines(c, H - 80)
    x = [60, 260, 360, 460]
    rows = [("Avgrense kollektivsonene", "2014-15", "Driftsbudsjett"),
            ("Oppfølging av Kid II", "2014-18", "Tfk drift"),
            ("Tilskot til knutepunkt", "2015-18", "Bypakke")]
    top, head, step = 560, 34, 22
    c.setFillColorRGB(0.8, 0.85, 0.9)
    c.roundRect(x[0], top - head, x[-1] - x[0], head, 6, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 9)
    for k, words in enumerate(("Tiltak", "Tids-|periode", "Finansi-|ering")):
        for n, word in enumerate(words.split("|")):
            c.drawString(x[k] + 4, top - 13 - 11 * n, word)
    c.setFont("Helvetica", 9)
    bottom = top - head - step * len(rows)
    for r, row in enumerate(rows):
        y = top - head - step * r
        c.line(x[0], y, x[-1], y)
        for k, cell in enumerate(row):
            c.drawString(x[k] + 4, y - 15, cell)
    c.line(x[0], bottom, x[-1], bottom)
    for xv in x:
        c.line(xv, top, xv, bottom)
    c.showPage()
    c.save()
    page = extract_pdf(path).pages[0]
    table = [["Tiltak", "Tidsperiode", "Finansiering"], *map(list, rows)]
    assert page.tables == [table]
    # the table's text is its cells, after the paragraphs above it, not lines of text
    assert page.text.split("\n\n")[-1] == "\n".join("\t".join(row) for row in table)
    assert page.text.count("Avgrense") == 1


def test_a_charts_grid_lines_are_no_table(tmp_path, no_table_finder):
    """Grid lines and axes rule a lattice round an empty plot: its scales are no table."""
    path = tmp_path / "diagram.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _text_lines(c, H - 80)
    c.setFont("Helvetica", 8)
    for k in range(7):
        y = 300 + 40 * k
        c.line(100, y, 500, y)
        c.drawString(70, y - 20, f"{10 * k} %")
        c.drawString(510, y - 20, str(50 * k))
    for xv in (100, 500):
        c.line(xv, 300, xv, 540)
    c.setStrokeColorRGB(0, 0, 1)
    c.bezier(100, 320, 200, 500, 300, 350, 500, 480)
    c.showPage()
    c.save()
    page = extract_pdf(path).pages[0]
    assert page.tables == []
    assert "30 %" in page.text


def test_a_drawing_of_many_shapes_does_not_start_the_table_finder(tmp_path, no_table_finder):
    """A map's symbols and a scatter plot's markers are boxes, but they form no grid."""
    path = tmp_path / "kart.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _text_lines(c, H - 80)
    rng = random.Random(7)
    for _ in range(1500):
        c.rect(rng.uniform(60, 520), rng.uniform(80, 600), 5, 5, fill=1)
    for _ in range(40):
        c.circle(rng.uniform(80, 500), rng.uniform(100, 580), 19)
    c.showPage()
    c.save()
    assert extract_pdf(path).pages[0].tables == []


def test_a_grid_with_a_cell_across_two_columns_goes_to_the_table_finder(tmp_path,
                                                                         monkeypatch):
    """A header cell that spans two columns: the rule between them stops below it, so the
    grid is no lattice, and pdfplumber reads it."""
    path = tmp_path / "spenn.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    _text_lines(c, H - 80)
    rows = [["Oslo", "03", "29 756"], ["Eigersund", "11", "635"], ["Stavanger", "11", "4 959"],
            ["Haugesund", "11", "1 735"]]
    x, top, step = [60, 160, 260, 360], 600, 20
    bottom = top - step * (len(rows) + 1)
    c.setFont("Helvetica", 9)
    c.drawString(64, top - 14, "Kommune og fylke")
    c.drawString(264, top - 14, "Antall")
    for r, row in enumerate(rows, start=1):
        for k, cell in enumerate(row):
            c.drawString(x[k] + 4, top - step * r - 14, cell)
    for r in range(len(rows) + 2):
        c.line(x[0], top - step * r, x[-1], top - step * r)
    for k, xv in enumerate(x):
        c.line(xv, top if k != 1 else top - step, xv, bottom)
    c.showPage()
    c.save()
    calls = []
    read = pdf._TableReader.read

    def spy(self, index):
        calls.append(index)
        return read(self, index)

    monkeypatch.setattr(pdf._TableReader, "read", spy)
    page = extract_pdf(path).pages[0]
    assert calls == [0]
    assert page.tables == [[["Kommune og fylke", "", "Antall"], *rows]]

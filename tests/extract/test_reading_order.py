"""Reading order on generated pages of each layout: one, two and three columns, a heading
over columns, a sidebar, a caption under a figure, a pull-quote and a table without rules,
and on the real pages that were once read line by line across their columns."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from layout_pages import Frame, draw_page, sentences, words_in_order

from fritekst.extract.pdf import extract_pdf

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "pdfs"
TOP = 760.0


def _text(path: Path) -> list[str]:
    doc = extract_pdf(path, tables=False)
    assert doc.page_count == 1
    return doc.pages[0].text.split()


def _paras(seed: int, n: int = 3, length: int = 4) -> list[str]:
    return [sentences(seed * 10 + k, length) for k in range(n)]


def _columns(count: int, top: float = TOP, seed: int = 1, left: float = 50,
             right: float = 545, gutter: float = 18) -> list[Frame]:
    width = (right - left - gutter * (count - 1)) / count
    return [Frame(left + k * (width + gutter), top, width, _paras(seed + k))
            for k in range(count)]


@pytest.mark.parametrize("count", [1, 2, 3])
def test_columns_are_read_one_after_the_other(tmp_path, count):
    frames = _columns(count)
    assert _text(draw_page(tmp_path / "spalter.pdf", frames)) == words_in_order(frames)


def test_one_column_with_ragged_lines_and_an_indented_list_stays_one_column(tmp_path):
    items = [f"• {sentences(40 + k, 1)}" for k in range(6)]
    frames = [Frame(50, TOP, 300, _paras(2, 2)),
              Frame(70, 560, 280, items),
              Frame(50, 330, 300, _paras(3, 1))]
    assert _text(draw_page(tmp_path / "liste.pdf", frames)) == words_in_order(frames)


@pytest.mark.parametrize("count", [2, 3])
def test_a_heading_over_the_columns_is_read_first(tmp_path, count):
    heading = Frame(50, TOP, 495, ["Boligsosialt arbeid i fem kommuner og samordningen av det"],
                    size=18, font="Helvetica-Bold")
    columns = _columns(count, top=TOP - 40)
    frames = [heading, *columns]
    assert _text(draw_page(tmp_path / "overskrift.pdf", frames)) == words_in_order(frames)


def test_a_full_width_paragraph_under_the_columns_comes_after_them(tmp_path):
    columns = _columns(2)
    under = Frame(50, min(f.bottom for f in columns) - 20, 495, _paras(9, 2))
    frames = [*columns, under]
    assert _text(draw_page(tmp_path / "under.pdf", frames)) == words_in_order(frames)


def test_a_sidebar_beside_two_columns_is_read_after_them(tmp_path):
    columns = _columns(2, right=390, gutter=16)
    sidebar = Frame(412, TOP, 130, ["Fakta", *_paras(7, 2, 2)], size=8.5, shade=True)
    frames = [*columns, sidebar]
    assert _text(draw_page(tmp_path / "sidestolpe.pdf", frames)) == words_in_order(frames)


def test_a_caption_under_a_figure_stays_in_its_column(tmp_path):
    left_top = Frame(50, TOP, 235, _paras(1, 1))
    figure_top = left_top.bottom - 10
    caption = Frame(50, figure_top - 130, 235, ["Figur 2. " + sentences(5, 2)], size=8,
                    font="Helvetica-Oblique")
    left_end = Frame(50, caption.bottom - 14, 235, _paras(2, 1))
    right = Frame(310, TOP, 235, _paras(3, 4))
    frames = [left_top, caption, left_end, right]
    path = draw_page(tmp_path / "figur.pdf", frames, boxes=[(50, figure_top - 120, 235, 110)])
    assert _text(path) == words_in_order(frames)


def test_a_pull_quote_across_the_gutter_does_not_cut_the_columns(tmp_path):
    # the columns leave room for the quote between their upper and lower halves
    upper = _columns(2, seed=1)
    quote_top = min(f.bottom for f in upper) - 14
    quote = Frame(150, quote_top, 295, ["«Det viktigste er at noen tar ansvar for helheten»"],
                  size=15, font="Helvetica-BoldOblique")
    lower = _columns(2, top=quote.bottom - 14, seed=5)
    # the upper and lower half of each column is one column of text
    left = Frame(50, TOP, 0, upper[0].paragraphs + lower[0].paragraphs)
    right = Frame(0, TOP, 0, upper[1].paragraphs + lower[1].paragraphs)
    path = draw_page(tmp_path / "sitat.pdf", [*upper, quote, *lower])
    assert _text(path) == words_in_order([left, right, quote])


def test_a_table_without_rules_is_read_row_by_row(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rows = [("Kommune", "Svar", "Svarprosent", "Snitt"), ("Volda", "24", "75", "4,0"),
            ("Rissa", "24", "83", "4,0"), ("Nærøy", "20", "67", "3,7"),
            ("Ørland", "15", "56", "2,9"), ("Oppdal", "23", "72", "2,7")]
    path = tmp_path / "tabell.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    for i, row in enumerate(rows):
        for x, cell in zip((60, 200, 300, 420), row, strict=True):
            c.drawString(x, 700 - 18 * i, cell)
    c.save()
    assert _text(path) == [cell for row in rows for cell in row]


@cache
def _real(name: str) -> list[str]:
    return [" ".join(p.text.split()) for p in extract_pdf(REALDATA / name).pages]


real = pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real PDFs not on this machine")


@real
@pytest.mark.parametrize(("name", "index", "contiguous"), [
    # the foreword of the public health plan, in three columns
    ("telemark_regional_plan_folkehelse_2018-2030.pdf", 2, [
        "Bærekraftig utvikling skjer gjennom å fremme bærekraftige sosiale forhold",
        # sentences running on from one column into the next
        "Regional plan for folkehelse i Telemark skal bidra til en samfunnsutvikling som "
        "fremmer helse og utjevner sosioøkonomiske helseforskjeller.",
        "Folkehelsearbeidet er også langsiktig, og det tar tid fra tiltak iverksettes til vi "
        "kan se eventuelle resultater.",
    ]),
    ("telemark_regional_plan_folkehelse_2018-2030.pdf", 3, [
        "Regional plan for folkehelse i Telemark 2018–2030 består av en generell del og et "
        "handlingsprogram.",
        "Fylkeskommunen har i tillegg til disse tiltakene, mange andre oppgaver som ikke "
        "omtales i handlingsprogrammet, men som likevel er svært viktige",
    ]),
    # a measure page: activities, partners and goals side by side
    ("vtfk_handlingsprogram_folkehelse_2023.pdf", 9, [
        "Lede folkehelsenettverket og støtte opp om ulike folkehelseaktørers "
        "kunnskapsutvikling og erfaringsutvikling. • Partnerskapsavtaler med kommuner og "
        "frivillig sektor.",
        "Samarbeidsaktører Fylkeskommunen, kommunene, staten, frivillige organisasjoner og "
        "kompetansemiljø",
    ]),
    # printed page 3, 11 and 31: three columns; two columns beside a map or table
    ("asker_kpa_planbeskrivelse_2026-06-04.pdf", 2, [
        "Arealdelen skal også bidra til at kommunen bruker arealene mer effektivt og "
        "kunnskapsbasert.",
        "Revisjonen av kommuneplanens arealdel bygger på planstrategi og planprogram for "
        "perioden 2024–2027.",
    ]),
    ("asker_kpa_planbeskrivelse_2026-06-04.pdf", 10, [
        "Samlet innebærer endringene en dreining fra byggeområder til grønnstruktur og "
        "LNFR-formål.",
        "En gjennomsnittlig befolkningsvekst på 1,1% forutsetter at Asker har en boligbygging "
        "på 550 boliger i året.",
    ]),
    ("asker_kpa_planbeskrivelse_2026-06-04.pdf", 30, [
        "Grøntarealene bør fremstå som sammenhengende og bidra til oppholdskvaliteter",
        "kan bidra til å dekke behov for lek, opphold og aktivitet der de tilfører reelle "
        "kvaliteter",
    ]),
    # page 2: a sidebar of running text beside the contents
    ("sykepleierindeksen_2025_1.pdf", 1, [
        "Sykepleierindeksen utarbeides halvårlig av Eiendomsverdi. Den viser historisk "
        "utvikling av indeksen fra 2003 til i dag.",
        "Dersom sykepleieren kan kjøpe en høy andel av boligene i en by, er boligprisene i "
        "byen lave.",
    ]),
])
def test_real_column_pages_read_in_order(name, index, contiguous):
    text = _real(name)[index]
    for sentence in contiguous:
        assert sentence in text

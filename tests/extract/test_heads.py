"""Running heads and page labels on generated documents of each kind a real report has, and
on the real reports where they went wrong (issue 13)."""

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from fritekst.extract.pdf import extract_pdf

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "pdfs"
W, H = A4
BODY = ("Kommunen har {k} kommunale boliger og venter på flere, sier bustadkontoret.",
        "Samordningen mellom tildeling og oppfølging fungerer godt i side {k}.",
        "Flyktninger som bosettes får tilbud om startlån etter to år i kommunen.")


def _body(c, page: int, top: float = H - 110, lines: int = 12, x: float = 60) -> list[str]:
    """Write a page of body text; return its lines."""
    c.setFont("Helvetica", 10)
    out = []
    for k in range(lines):
        text = BODY[k % 3].format(k=10 * page + k)
        c.drawString(x, top - 16 * k, text)
        out.append(text)
    return out


def _text(doc) -> list[list[str]]:
    return [p.text.split() for p in doc.pages]


def _words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def test_a_head_and_foot_on_every_page_even_the_first_are_removed(tmp_path):
    path = tmp_path / "hver_side.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    bodies = []
    for n in range(1, 7):
        c.setFont("Helvetica", 8)
        c.drawString(60, H - 40, "Personer med nedsatt arbeidsevne. Kommune. Januar 2024")
        c.drawString(60, 30, "Kilde: NAV")
        c.drawRightString(W - 60, 30, f"Side {n} av 6")
        bodies.append(_body(c, n))
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert _text(doc) == [_words(b) for b in bodies]
    assert [p.page_label for p in doc.pages] == ["1", "2", "3", "4", "5", "6"]
    assert doc.removed == ["kilde: nav", "personer med nedsatt arbeidsevne. kommune. januar #"]


def test_a_head_on_all_pages_but_the_cover(tmp_path):
    path = tmp_path / "uten_forside.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 24)
    c.drawString(60, H - 200, "Boligsosial handlingsplan")
    c.showPage()
    bodies = []
    for n in range(2, 9):
        c.setFont("Helvetica", 8)
        c.drawRightString(W - 60, H - 40, "Boligsosial handlingsplan 2024–2027 | Skien kommune")
        c.drawCentredString(W / 2, 30, str(n))
        bodies.append(_body(c, n))
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert _text(doc) == [["Boligsosial", "handlingsplan"], *(_words(b) for b in bodies)]
    assert [p.page_label for p in doc.pages] == ["", "2", "3", "4", "5", "6", "7", "8"]


def test_a_cover_title_that_the_heads_repeat_in_small_type_stays(tmp_path):
    """The FHI report: its cover's title is the text of every later page's head, but set
    large, and once."""
    path = tmp_path / "forside.pdf"
    title = "Sykdomsbyrde i Vestfold og Telemark"
    c = canvas.Canvas(str(path), pagesize=A4)
    bodies = []
    for n in range(1, 7):
        if n == 1:
            c.setFont("Helvetica-Bold", 24)
            c.drawString(40, H - 60, title)
            bodies.append([title, *_body(c, n)])
        else:
            c.setFont("Helvetica-Bold", 14)
            c.drawString(40, H - 52, title)
            bodies.append(_body(c, n))
        c.setFont("Helvetica", 9)
        c.drawString(40, 30, f"{title} • Folkehelseinstituttet • 2021")
        c.drawRightString(W - 40, 30, str(n))
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert _text(doc) == [_words(b) for b in bodies]
    # the year before the page number is no page number
    assert [p.page_label for p in doc.pages] == ["1", "2", "3", "4", "5", "6"]


def test_a_line_that_appears_once_at_the_top_is_no_head(tmp_path):
    path = tmp_path / "en_gang.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    bodies = []
    for n in range(1, 6):
        lines = _body(c, n)
        if n == 3:
            c.setFont("Helvetica-Bold", 10)
            c.drawString(60, H - 40, "Kapittel 3 begynner her")
            lines = ["Kapittel 3 begynner her", *lines]
        bodies.append(lines)
        c.setFont("Helvetica", 8)
        c.drawString(60, H - 60 if n != 3 else H - 80, "Årsrapport for bustadkontoret")
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert _text(doc) == [_words(b) for b in bodies]


def test_a_footer_year_on_every_page_is_no_page_label(tmp_path):
    """NAV's tables print "Januar 2024" at the top of every page and no page number."""
    path = tmp_path / "aar.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, 6):
        c.setFont("Helvetica", 9)
        c.drawString(60, 30, "Statistikk for kommunene, januar 2024")
        _body(c, n)
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert [p.page_label for p in doc.pages] == [""] * 5
    assert not any("2024" in p.text for p in doc.pages)


def test_roman_front_matter_then_arabic_numbers(tmp_path):
    path = tmp_path / "romertall.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    printed = ["", "ii", "iii", "iv", "", "1", "2", "3", "4", "5", "6"]
    for n, number in enumerate(printed):
        _body(c, n)
        if number:
            c.setFont("Helvetica", 9)
            c.drawCentredString(W / 2, 30, number)
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    # the cover prints nothing and has no page before it; the blank page between the runs
    # lies between two sequences that do not agree: neither gets a number
    assert [p.page_label for p in doc.pages] == printed
    assert not any(p.text.split()[-1] in printed for p in doc.pages)


def test_an_appendix_that_numbers_its_pages_anew(tmp_path):
    path = tmp_path / "vedlegg.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    printed = [*(str(n) for n in range(1, 8)), "1", "2", "3", "4"]
    for n, number in enumerate(printed):
        _body(c, n)
        c.setFont("Helvetica", 8)
        c.drawString(60, H - 40, "Vedlegg 1 Spørreskjema" if n >= 7 else "Notat 2015:6")
        c.drawRightString(W - 60, 30, f"Side {number}")
        c.showPage()
    c.save()
    assert [p.page_label for p in extract_pdf(path).pages] == printed


def test_the_number_of_an_appendix_in_the_head_is_not_the_page_number(tmp_path):
    """VTFK prints "22 / Vedlegg 1" at the top of its appendix pages."""
    path = tmp_path / "vedleggsnummer.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    heads = ([f"{n} / Tiltaksoversikt" for n in range(2, 6)]
             + ["6 / Vedlegg 1", "7 / Vedlegg 2", "8 / Vedlegg 2", "9 / Vedlegg 3",
                "10 / Vedlegg 3", "11 / Vedlegg 3"])
    for n, head in enumerate(heads):
        c.setFont("Helvetica", 8)
        c.drawString(30, H - 30, head)
        _body(c, n)
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert [p.page_label for p in doc.pages] == [str(n) for n in range(2, 12)]
    assert not any("Vedlegg" in p.text for p in doc.pages)


def test_a_stray_number_that_breaks_the_sequence_is_no_label(tmp_path):
    """Grenland's page 35 carries a hidden 36 above its 35; another page prints only a
    figure's number and gets its label from the pages on either side."""
    path = tmp_path / "streif.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, 9):
        _body(c, n)
        c.setFont("Helvetica", 9)
        if n == 4:
            c.drawRightString(W - 60, 44, "36")
        if n == 6:
            c.drawCentredString(W / 2, 30, "17")
        else:
            c.drawRightString(W - 60, 30, str(n))
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert [p.page_label for p in doc.pages] == [str(n) for n in range(1, 9)]


def test_a_head_in_a_deep_bar_beside_the_chapter_title(tmp_path):
    """Asker's slides: the chapter's title in large type at the left of a coloured bar, the
    report's title and the page number in small type at its right; the bar reaches below
    the band where heads are looked for, and its first page sets the head lower."""
    path = tmp_path / "bjelke.pdf"
    w, h = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(w, h))
    chapters = ["1. Innledning"] * 4 + ["2. Arealbruk og hovedgrep"] * 4 + ["3. Konsekvenser"]
    bodies = []
    for n, chapter in enumerate(chapters, start=2):
        c.setFillColorRGB(0.8, 0.9, 0.95)
        c.rect(0, h - 80, w, 60, stroke=0, fill=1)
        c.setFillColorRGB(0, 0, 0)
        head = f"Planbeskrivelse kommuneplanens arealdel 2027-2039 {n}"
        if n == 2:
            c.setFont("Helvetica", 7)
            c.drawRightString(w - 40, h - 62, head)
        else:
            c.setFont("Helvetica", 36)
            c.drawString(30, h - 70, chapter)
            c.setFont("Helvetica", 7)
            c.drawRightString(w - 40, h - 60, head)
        bodies.append(_body(c, n, top=h - 120, lines=10, x=30))
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert _text(doc) == [_words(b) for b in bodies]
    assert [p.page_label for p in doc.pages] == [str(n) for n in range(2, 11)]


def test_a_head_that_a_table_finder_reads_as_a_table_is_not_kept(tmp_path):
    """NAV's head and the rule under it look like a table to pdfplumber; the head must not
    come back as table cells."""
    path = tmp_path / "tabell.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    rows = [["Kommune", "Antall"], ["0301 Oslo", "29 756"], ["1101 Eigersund", "635"],
            ["1103 Stavanger", "4 959"]]
    titles = ["Kommune. Antall", "Kommune. Prosent", "Fylke. Antall", "Fylke. Prosent"]
    for title in titles:
        c.setFont("Helvetica", 9)
        # a box round the head, parted in two by a rule: two rows and two columns of cells
        c.rect(30, H - 100, W - 60, 80)
        c.line(150, H - 100, 150, H - 20)
        c.line(30, H - 50, W - 30, H - 50)
        c.drawString(40, H - 40, "Kilde: NAV")
        c.drawString(160, H - 40, "Personer med nedsatt arbeidsevne. Kommune. Januar 2024")
        c.drawString(160, H - 90, title)
        top = H - 160
        for r, row in enumerate(rows):
            y = top - 20 * r
            c.line(60, y, 300, y)
            for k, cell in enumerate(row):
                c.drawString(66 + 120 * k, y - 14, cell)
        c.line(60, top - 20 * len(rows), 300, top - 20 * len(rows))
        for x in (60, 180, 300):
            c.line(x, top, x, top - 20 * len(rows))
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    for page, title in zip(doc.pages, titles, strict=True):
        assert page.tables == [rows]
        assert "NAV" not in page.text and "Personer med" not in page.text
        assert page.text.startswith(title + "\n\n")


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real PDFs not on this machine")
def test_real_heads_are_gone_and_labels_are_the_printed_numbers():
    asker = extract_pdf(REALDATA / "asker_kpa_planbeskrivelse_2026-06-04.pdf", tables=False)
    assert not [p.page_index for p in asker.pages
                if "Planbeskrivelse kommuneplanens arealdel 2027" in p.text]
    assert [p.page_label for p in asker.pages] == ["", *(str(n) for n in range(2, 54)), ""]

    nav = extract_pdf(REALDATA / "nav_NED155_nedsatt_arbeidsevne_kommune_jan2024.pdf")
    cells = [" ".join(c for t in p.tables for row in t for c in row) for p in nav.pages]
    assert not [p.page_index for p, table in zip(nav.pages, cells, strict=True)
                if "Personer med nedsatt arbeidsevne. Kommune" in p.text + table
                or "Kilde: NAV" in p.text + table]
    assert {p.page_label for p in nav.pages} == {""}  # it prints no page numbers
    assert sum(1 for p in nav.pages if p.tables) >= 45

    fhi = extract_pdf(REALDATA / "fhi_sykdomsbyrde_2019_vestfold_telemark.pdf", tables=False)
    title = "Sykdomsbyrde i Vestfold og Telemark"
    assert [p.page_index for p in fhi.pages if title in p.text] == [0]
    assert fhi.pages[0].text.startswith(title)

    vtfk = extract_pdf(REALDATA / "vtfk_handlingsprogram_folkehelse_2023.pdf", tables=False)
    assert [p.page_label for p in vtfk.pages[20:26]] == ["21", "22", "23", "24", "25", "26"]

    grenland = extract_pdf(REALDATA / "grenland_regional_plan_areal_transport_2014-2025.pdf",
                           tables=False)
    assert [p.page_label for p in grenland.pages[32:36]] == ["33", "34", "35", "36"]

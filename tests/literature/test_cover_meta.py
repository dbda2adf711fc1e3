"""Metadata read as a librarian would, from generated PDFs of each kind of cover and colophon:
title and subtitle by type size, a cover set as one block, colophon grids, editors,
institutional authors, misleading document information, ISBN/ISSN/series, chapters."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from fritekst.extract.pdf import extract_pdf
from fritekst.literature.meta import read_meta

W, H = A4
BODY = ("Kommunen har over fleire år arbeidd med å samordne tenestene for vanskelegstilte på "
        "bustadmarknaden, og denne rapporten samanliknar korleis fem kommunar organiserer "
        "tildeling, oppfølging og bygging av kommunale bustader. ")


def build(path: Path, pages: list[list[tuple]], info: dict[str, str] | None = None,
          head: str = "") -> Path:
    """A PDF of the given pages; each page a list of (font size, x, y from the top, text)
    or (font size, x, y, text, "bold"). `head` is printed at the top of every page after the
    first, as a running head; each body page gets body text and a page number."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for key, value in (info or {}).items():
        getattr(c, f"set{key}")(value)
    for n, page in enumerate(pages):
        for size, x, y, text, *bold in page:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", size)
            c.drawString(x, H - y, text)
        if n and head:
            c.setFont("Helvetica", 9)
            c.drawString(60, H - 40, head)
            c.drawString(W - 80, 40, str(n + 1))
        c.showPage()
    c.save()
    return path


def body_page(heading: str = "Innleiing") -> list[tuple]:
    words = (BODY * 6).split()
    lines, line = [], []
    for w in words:
        line.append(w)
        if len(" ".join(line)) > 85:
            lines.append(" ".join(line))
            line = []
    return [(16, 60, 100, heading, "bold")] + [(10.5, 60, 130 + 14 * i, t)
                                              for i, t in enumerate(lines)]


def meta_of(path: Path):
    return read_meta(extract_pdf(path, tables=False))


def test_title_and_subtitle_by_type_size_not_position(tmp_path):
    # a date line above the title, the title large and low on the page, the subtitle the next
    # size below it; every later page repeats the title as its running head
    cover = [(14, 60, 200, "Datert 04.06.2026 Førstegangsbehandling 16.06.2026"),
             (40, 60, 560, "Planbeskrivelse", "bold"),
             (18, 60, 600, "kommuneplanens arealdel 2027-2039"),
             (9, 60, 800, "Asker kommune")]
    path = build(tmp_path / "plan.pdf", [cover, body_page(), body_page("Mål")],
                 head="Planbeskrivelse kommuneplanens arealdel 2027-2039")
    meta = meta_of(path)
    assert (meta.title, meta.subtitle) == ("Planbeskrivelse", "kommuneplanens arealdel 2027-2039")
    assert meta.authors == ["Asker kommune"] and meta.year == 2026
    assert meta.citation == "Asker kommune 2026"


def test_cover_title_kept_when_it_is_also_the_running_head(tmp_path):
    title = "Sykdomsbyrde i Vestfold og Telemark"
    cover = [(26, 40, 60, title, "bold"),
             (13, 40, 90, "Hovedresultater fra Global Burden of Disease prosjektet 2019"),
             *[(t[0], t[1], t[2] + 100, *t[3:]) for t in body_page("Tapte leveår")],
             (8, 40, 820, f"{title} • Folkehelseinstituttet • 2021")]
    pages = [cover] + [body_page(h) for h in ("Helsetap", "Risikofaktorer")]
    for page in pages[1:]:
        page.append((8, 40, 820, f"{title} • Folkehelseinstituttet • 2021"))
    meta = meta_of(build(tmp_path / "fhi.pdf", pages, head=title))
    assert meta.title == title
    assert meta.subtitle == "Hovedresultater fra Global Burden of Disease prosjektet 2019"
    assert meta.authors == ["Folkehelseinstituttet"] and meta.year == 2021


def test_cover_set_as_one_block_of_text(tmp_path):
    # a Møreforsking-style note: every line of the cover in one size, close together
    lines = ["Notat nr. 6/2015", "Bustadsosialt arbeid i Volda", "Kari Nordmann og Ola Nordmann",
             "Møreforsking Volda", "ISSN 1891-2540"]
    cover = [(12, 60, 100 + 15 * i, t) for i, t in enumerate(lines)]
    meta = meta_of(build(tmp_path / "notat.pdf", [cover, body_page()]))
    assert meta.title == "Bustadsosialt arbeid i Volda"
    assert meta.authors == ["Kari Nordmann", "Ola Nordmann"]
    assert meta.series == "Notat nr. 6/2015" and meta.year == 2015
    assert meta.publisher == "Møreforsking Volda" and meta.issn == "1891-2540"
    assert meta.citation == "Nordmann og Nordmann 2015"


GRID = [("Tittel", "Bustader for alle"), ("Forfattere", "Trond Bakken, Randi Haugen"),
        ("Utgiver", "Østlandsforskning"), ("Serie", "ØF-rapport 03/2015"),
        ("ISBN", "978-82-7356-752-4"), ("ISSN", "0808-5013"), ("Oppdragsgiver", "Husbanken")]


def test_colophon_as_a_grid_of_two_columns(tmp_path):
    cover = [(28, 60, 200, "Bustader for alle", "bold")]
    colophon = [(10, 60, 100 + 16 * i, label, "bold") for i, (label, _) in enumerate(GRID)]
    colophon += [(10, 220, 100 + 16 * i, value) for i, (_, value) in enumerate(GRID)]
    meta = meta_of(build(tmp_path / "grid.pdf", [cover, colophon, body_page()]))
    assert meta.title == "Bustader for alle"
    assert meta.authors == ["Trond Bakken", "Randi Haugen"]
    assert meta.publisher == "Østlandsforskning" and meta.client == "Husbanken"
    assert (meta.isbn, meta.issn) == ("978-82-7356-752-4", "0808-5013")
    assert meta.series == "ØF-rapport 03/2015" and meta.year == 2015
    assert meta.citation == "Bakken og Haugen 2015"


def test_colophon_as_one_block(tmp_path):
    text = ("Tittel: Bustader for alle Forfattere: Trond Bakken og Randi Haugen Utgitt av: "
            "Østlandsforskning, Postboks 223, 2601 Lillehammer ISBN: 978-82-7356-752-4 "
            "Oppdragsgiver: Husbanken")
    words, lines, line = text.split(), [], []
    for w in words:
        line.append(w)
        if len(" ".join(line)) > 60:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    colophon = [(10, 60, 100 + 13 * i, t) for i, t in enumerate(lines)]
    cover = [(28, 60, 200, "Bustader for alle", "bold")]
    meta = meta_of(build(tmp_path / "block.pdf", [cover, colophon, body_page()]))
    assert meta.authors == ["Trond Bakken", "Randi Haugen"]
    assert meta.publisher == "Østlandsforskning" and meta.place == "Lillehammer"
    assert meta.isbn == "978-82-7356-752-4" and meta.client == "Husbanken"


def test_editors_marked_red_on_the_cover_of_a_book(tmp_path):
    cover = [(11, 60, 60, "INGEBORG W. OWESEN og HELENE AARSETH (red.)"),
             (48, 60, 130, "Kjønn og akademia", "bold"),
             (18, 60, 190, "På vei mot BALANSE?")]
    colophon = [(9, 60, 100, "Boken ble første gang utgitt i 2022."),
                (9, 60, 115, "ISBN trykt utgave: 978-82-450-4418-8 ISBN elektronisk utgave: "
                             "978-82-450-4410-2 DOI: https://doi.org/10.55669/oa1608"),
                (9, 60, 130, "Spørsmål om denne utgivelsen kan rettes til: www.fagbokforlaget.no")]
    meta = meta_of(build(tmp_path / "bok.pdf", [cover, colophon, body_page("Forord")]))
    assert (meta.title, meta.subtitle) == ("Kjønn og akademia", "På vei mot BALANSE?")
    assert meta.editors == ["Ingeborg W. Owesen", "Helene Aarseth"] and meta.authors == []
    assert meta.publisher == "Fagbokforlaget" and meta.place == "Bergen"
    assert meta.isbn == "978-82-450-4410-2"   # the electronic edition: this is the PDF
    assert meta.doi == "10.55669/oa1608" and meta.kind == "book" and meta.year == 2022
    assert meta.citation == "Owesen og Aarseth 2022"


def test_institutional_author_only_in_the_document_information(tmp_path):
    cover = [(36, 40, 80, "Regional plan for folkehelse i Telemark 2018–2030")]
    path = build(tmp_path / "plan.pdf", [cover, body_page()],
                 info={"Author": "Telemark fylkeskommune", "Creator": "Adobe InDesign"})
    meta = meta_of(path)
    assert meta.authors == ["Telemark fylkeskommune"]
    assert meta.publisher == "Telemark fylkeskommune"
    assert meta.citation == "Telemark fylkeskommune 2018"


@pytest.mark.parametrize("author", ["SAP Business Objects", "MagnusNyland - Type-it AS",
                                    "Grenland kommune"])   # no such municipality
def test_an_author_field_that_names_no_one_is_left_out(tmp_path, author):
    cover = [(36, 40, 80, "Handlingsprogram folkehelse 2023")]
    meta = meta_of(build(tmp_path / "h.pdf", [cover, body_page()], info={"Author": author}))
    assert meta.authors == [] and meta.publisher == ""


def test_misleading_document_title_is_not_used(tmp_path):
    info = {"Title": "Microsoft Word - dok1.docx", "Author": "Kari Nordmann"}
    cover = [(30, 60, 150, "Bustadsosialt arbeid i Ørland", "bold")]
    meta = meta_of(build(tmp_path / "a.pdf", [cover, body_page()], info=info))
    assert meta.title == "Bustadsosialt arbeid i Ørland"
    assert meta.authors == ["Kari Nordmann"]   # a person's name: the file's author is taken
    # no title anywhere: it stays empty rather than wrong
    blank = meta_of(build(tmp_path / "b.pdf", [[], body_page()], info=info))
    assert blank.title == ""


def test_document_title_used_where_the_cover_prints_it(tmp_path):
    title = "Forslag om opphevelse av vedtakspunkt 6 i områderegulering for Skøyen"
    cover = [(15, 60, 80, "Sak til bystyret"), (15, 60, 98, "Oslo kommune"),
             (16, 380, 150, "Byrådssak 213/25", "bold"), (14, 60, 200, title)]
    body = [(size, x, y + 150, text) for size, x, y, text, *_ in body_page()[1:]]
    meta = meta_of(build(tmp_path / "sak.pdf", [cover + body, body_page()],
                         info={"Title": title}))
    assert meta.title == title and meta.series == "Byrådssak 213/25" and meta.year == 2025
    assert meta.authors == ["Oslo kommune"]


def test_issn_of_the_online_edition_and_series(tmp_path):
    cover = [(12, 60, 60, "NIBR-rapport 2015:6", "bold"),
             (30, 60, 150, "Bustadsosialt arbeid i distrikta", "bold"),
             (10, 60, 760, "ISSN 1502-9794 (trykt) ISSN 1891-2540 (online)"),
             (10, 60, 775, "Kilde: NAV")]
    meta = meta_of(build(tmp_path / "n.pdf", [cover, body_page()]))
    assert meta.series == "NIBR-rapport 2015:6" and meta.year == 2015
    assert meta.issn == "1891-2540"
    assert meta.authors == ["NAV"]


def test_chapter_of_an_edited_book(tmp_path):
    page = [(20, 60, 100, "Bustadsosialt arbeid i små kommunar", "bold"),
            (11, 60, 130, "Kari Nordmann"),
            (9, 60, 800, "I: Per Hansen og Marte Vold (red.), Bustader for alle. "
                         "Oslo: Universitetsforlaget.")]
    meta = meta_of(build(tmp_path / "kap.pdf", [page, body_page()]))
    assert meta.kind == "chapter" and meta.booktitle == "Bustader for alle"
    assert meta.authors == ["Kari Nordmann"] and meta.editors == ["Per Hansen", "Marte Vold"]
    assert meta.publisher == "Universitetsforlaget"


REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "pdfs"


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real PDFs not on this machine")
@pytest.mark.parametrize(("name", "title", "who", "year"), [
    ("fhi_sykdomsbyrde_2019_vestfold_telemark.pdf", "Sykdomsbyrde i Vestfold og Telemark",
     "Folkehelseinstituttet", 2021),
    ("nav_NED155_nedsatt_arbeidsevne_kommune_jan2024.pdf",
     "Personer med nedsatt arbeidsevne. Kommune. Januar 2024", "NAV", 2024),
    ("kjonn_og_akademia_2022_fagbokforlaget_OA_book.pdf", "Kjønn og akademia",
     "Ingeborg W. Owesen", 2022),
    ("asker_kpa_planbeskrivelse_2026-06-04.pdf", "Planbeskrivelse", "Asker kommune", 2026),
])
def test_real_covers(name, title, who, year):
    meta = meta_of(REALDATA / name)
    assert meta.title == title and meta.year == year
    assert who in meta.authors + meta.editors

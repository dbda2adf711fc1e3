"""Report metadata from title pages, and exports for reference managers."""

import pytest

from fritekst.export.bib import to_bibtex, to_ris
from fritekst.extract.pdf import extract_pdf
from fritekst.literature.meta import ReportMeta, read_meta


@pytest.fixture(scope="module")
def meta(report_pdfs):
    return read_meta(extract_pdf(report_pdfs["report"]))


def test_title_page_and_colophon_fields(meta, report_truth):
    truth = report_truth["meta"]
    assert meta.title == truth["title"] and meta.subtitle == truth["subtitle"]
    assert meta.authors == truth["authors"]
    assert meta.year == truth["year"] == 2015
    assert meta.series == truth["series"]
    assert meta.publisher == truth["publisher"]
    assert meta.client == truth["client"]
    assert meta.issn == truth["issn"] and meta.isbn == truth["isbn"]
    assert meta.keywords == truth["keywords"]
    assert meta.pages == 40 and meta.variety == "Bokmål"
    assert meta.citation == "Yttredal og Brekke 2015"
    assert meta.kind == "report" and meta.editors == [] and meta.doi == ""


@pytest.mark.parametrize(("series", "year"), [("NOVA Rapport 18/08", 2008),
                                              ("Notat nr. 6/2015", 2015),
                                              ("Rapport 2/99", 1999)])
def test_series_gives_the_year(series, year):
    from fritekst.literature.meta import SERIES, _full_year

    m = SERIES.search(f"Forside {series} Tittel")
    assert m and m.group(1) == series and _full_year(m.group(3)) == year


@pytest.mark.parametrize(("text", "series", "year"), [
    ("NIBR-rapport 2015:6 Bustadsosialt arbeid", "NIBR-rapport 2015:6", 2015),
    ("Fafo-notat 2014:23", "Fafo-notat 2014:23", 2014),
    ("Møreforsking Rapport nr. 62 Tittel", "Rapport nr. 62", None),
])
def test_other_series_forms(text, series, year):
    from fritekst.extract.layout import Block
    from fritekst.extract.pdf import PdfPage, PdfText

    page = PdfPage("x.pdf", 0, "", text, [Block(text, 12.0)])
    meta = read_meta(PdfText("x.pdf", [page], {}))
    assert meta.series == series
    assert meta.year == year   # none is made up from "nr. 62"


def test_unlabelled_publisher_and_client():
    from fritekst.extract.layout import Block
    from fritekst.extract.pdf import PdfPage, PdfText

    blocks = [Block("Bustadsosialt arbeid i Volda", 20.0), Block("Kari Nordmann", 12.0),
              Block("Møreforsking Volda", 12.0),
              Block("Rapporten er skriven på oppdrag frå Husbanken region Midt.", 10.0)]
    page = PdfPage("x.pdf", 0, "", "", blocks)
    meta = read_meta(PdfText("x.pdf", [page], {}))
    assert meta.title == "Bustadsosialt arbeid i Volda"
    assert meta.authors == ["Kari Nordmann"]
    assert meta.publisher == "Møreforsking Volda"
    assert meta.client == "Husbanken region Midt"


def test_citation_forms():
    one = ReportMeta("a.pdf", authors=["Kari Yttredal"], year=2015)
    three = ReportMeta("b.pdf", authors=["Kari Yttredal", "Ola Nordmann", "Per Hansen"], year=2015)
    org = ReportMeta("c.pdf", authors=["Telemark fylkeskommune"], year=2018)
    # nothing on the title page: the file name stands in
    assert ReportMeta("rapporter/skann.pdf", year=2026).citation == "skann 2026"
    assert [one.citation, three.citation, org.citation] == [
        "Yttredal 2015", "Yttredal m.fl. 2015", "Telemark fylkeskommune 2018"]


def test_bibtex_and_ris(meta):
    bib = to_bibtex([meta, meta])
    assert bib.count("@techreport{") == 2
    # author, year and the title's first word that says something; a second one gets an 'a'
    assert "@techreport{yttredal2015boligsosialt," in bib
    assert "@techreport{yttredal2015boligsosialta," in bib
    assert "author = {Kari Yttredal and Jon Helge Brekke}" in bib
    assert "number = {6/2015}" in bib and "isbn = {978-82-7692-351-4}" in bib
    ris = to_ris([meta])
    lines = ris.splitlines()
    assert lines[0] == "TY  - RPRT" and lines[-1] == "ER  - "
    assert "AU  - Yttredal, Kari" in lines and "AU  - Brekke, Jon Helge" in lines
    assert "PY  - 2015" in lines and "KW  - samordning" in lines


def test_colophon_read_line_by_line_with_unknown_labels():
    from fritekst.extract.layout import Block
    from fritekst.extract.pdf import PdfPage, PdfText

    lines = ["Tittel: Boligsosialt arbeid i fem kommuner",
             "Forfattere: Trond Bakken og Randi Haugen",
             "ØF-rapport nr.: 03/2015 ISBN: 978-82-7356-752-4 ISSN: 0808-5013",
             "Utgiver: Østlandsforskning, Postboks 223, 2601 Lillehammer",
             "Oppdragsgiver: Husbanken Prosjektleder: Trond Bakken",
             "Nøkkelord: boligsosialt arbeid, samhandling,", "kommunale boliger",
             "Dato: Mars 2015 Antall sider: 38 Pris: Kr 200,-"]
    page = PdfPage("x.pdf", 1, "", "", [Block(" ".join(lines), 10.0, lines=lines)])
    meta = read_meta(PdfText("x.pdf", [page], {}))
    assert meta.authors == ["Trond Bakken", "Randi Haugen"]
    assert meta.publisher == "Østlandsforskning" and meta.client == "Husbanken"
    assert meta.keywords == ["boligsosialt arbeid", "samhandling", "kommunale boliger"]
    assert meta.issn == "0808-5013" and meta.isbn == "978-82-7356-752-4"


def test_authors_one_per_line_on_the_title_page():
    from fritekst.extract.layout import Block
    from fritekst.extract.pdf import PdfPage, PdfText

    names = ["Ingrid Solheim Haug", "Per Arne Lien", "Marte Vold"]
    blocks = [Block("Bolig og tjenester i fem distriktskommuner", 24.0),
              Block(" ".join(names), 12.0, lines=names)]
    meta = read_meta(PdfText("x.pdf", [PdfPage("x.pdf", 0, "", "", blocks)], {}))
    assert meta.authors == names and meta.year is None
    assert meta.citation == "Haug m.fl."   # no year on the page, none in the citation


def test_keys_and_citation_suffixes_never_run_out():
    from fritekst.literature.cite import letters, told_apart

    assert [letters(i) for i in (0, 25, 26, 27)] == ["a", "z", "aa", "ab"]
    assert told_apart(["Yttredal 2015", "NOU 2011", "Yttredal 2015", "Yttredal 2015"]) == [
        "Yttredal 2015a", "NOU 2011", "Yttredal 2015b", "Yttredal 2015c"]
    metas = [ReportMeta(f"r{i}.pdf", title="Om rapporten", year=2024) for i in range(30)]
    keys = [line for line in to_bibtex(metas).splitlines() if line.startswith("@")]
    assert len(set(keys)) == 30
    assert keys[:2] + keys[26:28] + keys[-1:] == [
        "@techreport{rapport2024rapporten,", "@techreport{rapport2024rapportena,",
        "@techreport{rapport2024rapportenz,", "@techreport{rapport2024rapportenaa,",
        "@techreport{rapport2024rapportenac,"]


def test_file_author_that_is_a_program_is_not_a_person():
    from fritekst.extract.layout import Block
    from fritekst.extract.pdf import PdfPage, PdfText

    page = PdfPage("x.pdf", 0, "", "", [Block("Handlingsprogram folkehelse 2023", 20.0)])
    meta = read_meta(PdfText("x.pdf", [page], {"Author": "SAP Business Objects",
                                               "CreationDate": "D:20260604101010"}))
    assert meta.authors == [] and meta.year == 2023
    assert meta.citation == "Handlingsprogram folkehelse 2023"

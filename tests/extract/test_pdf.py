"""PDF extraction on generated reports whose every word is known."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fritekst.errors import InputError, SettingsError
from fritekst.extract.files import pdf_files
from fritekst.extract.pdf import SCAN_REASON, extract_pdf, extract_pdfs

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "pdfs"


@pytest.fixture(scope="module")
def report(report_pdfs):
    return extract_pdf(report_pdfs["report"])


def test_every_page_matches_the_source_word_for_word(report, report_truth):
    assert report.page_count == report_truth["meta"]["pages"] == 40
    for page, truth in zip(report.pages, report_truth["pages"], strict=True):
        expected = " ".join(truth["paragraphs"]).split()
        assert page.text.split() == expected, f"page {page.page_index}"


def test_running_heads_and_page_numbers_are_gone(report):
    body = " ".join(p.text for p in report.pages[3:])
    assert "Boligsosialt arbeid i fem kommuner Notat nr." not in body
    # odd pages' heads name the chapter ("3 Volda  Notat nr. 6/2015"): the line goes with the
    # series' number, a piece of it that repeats
    assert "Notat nr. 6/2015" not in body
    assert report.removed == ["boligsosialt arbeid i fem kommuner", "notat nr. #/#"]


def test_page_labels_are_the_printed_numbers(report, report_truth):
    labels = [p.page_label for p in report.pages]
    assert labels == [t["page_label"] or "" for t in report_truth["pages"]]
    assert labels[:4] == ["", "", "", "1"]


def test_scanned_page_is_skipped_with_a_reason(report, report_truth):
    scans = [p for p in report.pages if p.skipped]
    truth = [t["page_index"] for t in report_truth["pages"] if not t["text_layer"]]
    assert [p.page_index for p in scans] == truth
    assert scans[0].skipped == SCAN_REASON and scans[0].text == ""


def test_two_column_pages_keep_paragraphs_in_order(report, report_truth):
    checked = 0
    for page, truth in zip(report.pages[3:], report_truth["pages"][3:], strict=True):
        if len(truth["paragraphs"]) > 6:  # the two-column pages hold many short paragraphs
            assert page.paragraphs == truth["paragraphs"]
            checked += 1
    assert checked == 17


def test_table_is_read_as_rows_of_cells(report):
    tables = [t for p in report.pages for t in p.tables]
    assert tables == [[["Kommune", "Svar", "Svarprosent", "Snitt samordning"],
                       ["Volda", "24", "75", "4,0"], ["Rissa", "24", "83", "4,0"],
                       ["Nærøy", "20", "67", "3,7"], ["Ørland", "15", "56", "2,9"],
                       ["Oppdal", "23", "72", "2,7"]]]


# what each unreadable file says; the part in brackets for the damaged file is PDFium's own
UNREADABLE = {
    "encrypted": re.escape(": the PDF is encrypted (password protected); save an unprotected "
                           "copy and try again"),
    "broken": re.escape(": damaged PDF that cannot be opened (") + r".+"
              + re.escape("); re-download or re-export it"),
    "notpdf": re.escape(": not a PDF file (it does not start with %PDF); export the report as "
                        "PDF or leave it out"),
}


@pytest.mark.parametrize("name", ["encrypted", "broken", "notpdf"])
def test_unreadable_files_give_one_line_errors(report_pdfs, name):
    with pytest.raises(InputError) as info:
        extract_pdf(report_pdfs[name])
    message = str(info.value)
    assert re.fullmatch(re.escape(str(report_pdfs[name])) + UNREADABLE[name], message), message


def test_a_bad_file_does_not_stop_the_others(report_pdfs):
    folder = report_pdfs["report"].parent
    docs, failures = extract_pdfs(pdf_files([folder]), workers=2)
    assert [Path(d.source).name for d in docs] == ["rapport.pdf"]
    assert docs[0].page_count == 40
    failures = sorted(failures, key=lambda f: f.source)
    assert [Path(f.source).name for f in failures] == ["broken.pdf", "encrypted.pdf",
                                                       "notes.pdf"]
    for failure, name in zip(failures, ["broken", "encrypted", "notpdf"], strict=True):
        assert re.fullmatch(re.escape(failure.source) + UNREADABLE[name], failure.message)


def test_missing_input_is_an_error(tmp_path):
    with pytest.raises(InputError) as info:
        pdf_files([tmp_path / "nope.pdf"])
    assert str(info.value) == f"{tmp_path / 'nope.pdf'}: no such file or folder"
    with pytest.raises(InputError) as info:
        pdf_files([tmp_path])
    assert str(info.value) == f"no PDF files found in {tmp_path}"


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real PDFs not on this machine")
def test_real_nynorsk_two_column_plan():
    doc = extract_pdf(REALDATA / "telemark_regional_plan_areal_transport_2015-2025.pdf")
    text = " ".join(p.text for p in doc.pages)
    assert "Handlingsprogrammet gjeld for dei fire første åra" in text   # not "…program met"
    assert [p.page_index for p in doc.pages if p.skipped == SCAN_REASON] == [3, 37]


def test_a_pdf_without_pages_is_an_error(tmp_path):
    import pypdfium2 as pdfium

    empty = tmp_path / "tom.pdf"
    pdfium.PdfDocument.new().save(str(empty))
    with pytest.raises(InputError) as info:
        extract_pdf(empty)
    assert str(info.value) == f"{empty}: the PDF has no pages; re-export it or leave it out"


def test_any_failure_inside_one_file_is_reported_not_raised(monkeypatch, report_pdfs):
    from fritekst.extract import pdf

    def boom(path, **options):
        raise ValueError("pdfminer choked")

    monkeypatch.setattr(pdf, "extract_pdf", boom)
    failure = pdf._safe_extract(str(report_pdfs["report"]))
    assert isinstance(failure, pdf.Failure)
    assert failure.message == (f"{report_pdfs['report']}: could not be read (ValueError: pdfminer "
                               "choked); re-export the PDF or leave it out")


def test_a_file_named_twice_is_read_once(report_pdfs):
    folder = report_pdfs["report"].parent
    files = pdf_files([folder, report_pdfs["report"]])
    assert files == [folder / name for name in ("broken.pdf", "encrypted.pdf", "notes.pdf",
                                                "rapport.pdf")]


def test_page_with_only_a_running_head_is_skipped_with_a_reason(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "heads.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(1, 6):
        c.setFont("Helvetica", 8)
        c.drawString(60, 800, "Rapport om bustader")
        c.drawCentredString(297, 30, str(n))
        if n != 4:
            c.setFont("Helvetica", 10)
            for k in range(20):
                c.drawString(60, 740 - 14 * k, f"Linje {k} på side {n} om bustadsosialt arbeid.")
        c.showPage()
    c.save()
    doc = extract_pdf(path)
    assert [p.skipped for p in doc.pages] == [
        "", "", "", "no text besides the running head or page number", ""]
    assert doc.removed == ["rapport om bustader"]
    assert [p.page_label for p in doc.pages] == ["1", "2", "3", "4", "5"]
    assert doc.pages[4].text == " ".join(f"Linje {k} på side 5 om bustadsosialt arbeid."
                                         for k in range(20))


def test_rotated_pages_read_like_the_original(report_pdfs, report, report_truth,
                                                         tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(report_pdfs["report"]))
    for i in range(len(doc)):
        doc[i].set_rotation(90)
    rotated = tmp_path / "rotert.pdf"
    doc.save(str(rotated))
    doc.close()
    turned = extract_pdf(rotated)
    for page, truth in zip(turned.pages, report_truth["pages"], strict=True):
        assert page.text.split() == " ".join(truth["paragraphs"]).split(), page.page_index
    assert [p.page_label for p in turned.pages] == [p.page_label for p in report.pages]


def test_layout_settings_reach_the_pages(report_pdfs, report):
    # a rule grid no page has: the table stays text
    plain = extract_pdf(report_pdfs["report"], settings={"rule_grid": 1000})
    assert not any(p.tables for p in plain.pages)
    assert any(p.tables for p in report.pages)
    # heads must repeat on every page: the odd pages' chapter heads are no longer found
    strict = extract_pdf(report_pdfs["report"], settings={"head_share": 1.0, "slot_share": 1.0})
    assert "Notat nr. 6/2015" in " ".join(p.text for p in strict.pages[3:])


def test_layout_settings_travel_to_the_worker_processes(report_pdfs, tmp_path):
    copy = tmp_path / "kopi.pdf"
    copy.write_bytes(report_pdfs["report"].read_bytes())
    files = [report_pdfs["report"], copy]
    docs, failures = extract_pdfs(files, workers=2, settings={"rule_grid": 1000})
    assert not failures and len(docs) == 2
    assert not any(p.tables for d in docs for p in d.pages)


def test_bad_layout_settings_stop_before_any_file_is_read(report_pdfs):
    with pytest.raises(SettingsError) as info:
        extract_pdfs([report_pdfs["report"]], settings={"band": 0.5})
    assert str(info.value) == ("layout setting band=0.5 is out of range; use a number above 0 "
                               "and below 0.5")
    with pytest.raises(SettingsError) as info:
        extract_pdf(report_pdfs["report"], settings={"bnad": 0.1})
    assert str(info.value) == (
        "unknown layout setting 'bnad'; valid names are band, set_off, head_share, slot_share, "
        "head_min_pages, gutter_min_width, column_lines, line_chars, row_share, quote_inset, "
        "paragraph_pitch, column_jump, rule_grid, drawing_paths")


@pytest.mark.parametrize(("initial", "font", "rest", "kern"), [
    ("T", "Helvetica-Bold", "elemark fylkeskommune og Statens vegvesen forpliktet seg.", 0.7),
    ("S", "Helvetica-Bold", "ykdomsbyrde er dødelighet og helsetap.", 1.6),
    ("f", "Times-BoldItalic", "orvaltning av ulike opplæringsoppgaver.", 1.2),
])
def test_a_letter_in_another_font_is_read_once(tmp_path, initial, font, rest, kern):
    """Producers set a word's first letter in another font, its box reaching into the next
    letter's (the real Grenland plan: "kommunene, T TeTelemark fylkeskommune"; FHI's
    "SySykdomsbyrde"; an overhanging bold f in the public health plan: "foforvaltning");
    every letter must be read once."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    path = tmp_path / "initialer.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    x, y = 60.0, 760
    c.setFont("Helvetica", 11)
    c.drawString(x, y, "Gjennom prosjektet har kommunene, ")
    x += stringWidth("Gjennom prosjektet har kommunene, ", "Helvetica", 11)
    c.setFont(font, 11)
    c.drawString(x, y, initial)
    x += stringWidth(initial, font, 11) - kern  # kerned: the boxes overlap
    c.setFont("Helvetica", 11)
    c.drawString(x, y, rest)
    c.showPage()
    c.save()
    assert extract_pdf(path).pages[0].text == (
        f"Gjennom prosjektet har kommunene, {initial}{rest}")


def _line_pdf(path, draw) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c)
    c.showPage()
    c.save()
    return extract_pdf(path, tables=False).pages[0].text


def test_spaces_a_producer_left_out_are_restored(tmp_path):
    """The Kjønn og akademia book sets words apart by moving the pen inside one text run,
    without a space character ("Det ermange somfortjener en takkfor"): the gap, an eighth of
    the type size here (too narrow for pdfium to make a space of), makes the space."""
    sentence = "Det er mange som fortjener en takk for at de har bidratt til boken"
    words = sentence.split()

    def draw(c):
        text = c.beginText(60, 760)
        text.setFont("Times-Roman", 10)
        # one TJ: the words with a shift of 120/1000 of the size between them, no spaces
        text._code.append("[" + " -120 ".join(f"({w})" for w in words) + "] TJ")
        c.drawText(text)

    assert _line_pdf(tmp_path / "uten_mellomrom.pdf", draw).split() == words


LETTERS = "abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"


@settings(max_examples=30, deadline=None)
@given(words=st.lists(st.text(LETTERS, min_size=1, max_size=14), min_size=2, max_size=10),
       font=st.sampled_from(["Helvetica", "Times-Roman", "Helvetica-Bold", "Times-Italic",
                             "Courier"]),
       size=st.floats(7, 24), spacing=st.sampled_from([0.0, 0.0, 0.5, 1.5]))
def test_no_word_is_split_and_none_run_together(tmp_path_factory, words, font, size, spacing):
    """Any words, in any of these fonts and sizes, also letter-spaced as headings are, come
    out as the same words: the gaps between letters never make a space."""
    def draw(c):
        text = c.beginText(40, 760)
        text.setFont(font, size)
        text.setCharSpace(spacing)
        text.textOut(" ".join(words))
        c.drawText(text)

    path = tmp_path_factory.mktemp("ord") / "ord.pdf"
    assert _line_pdf(path, draw).split() == words


def test_words_hyphenated_in_table_cells_are_joined(tmp_path):
    """The Telemark plan's tables break words over the lines of a cell ("Investe- ringspro-
    gram", "Finansi- ering"): they are joined as a paragraph's are."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    cells = [[["Tiltak"], ["Finansi-", "ering"], ["Periode"]],
             [["Investe-", "ringspro-", "gram"], ["Drifts-", "budsjett"], ["2014-18"]],
             [["Låne- og", "tilskudds-", "ordninger"], ["Startlån"], ["2015-18"]]]
    path = tmp_path / "tabell.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    xs, top, height = [60, 200, 340, 480], 700, 50
    c.setLineWidth(0.5)
    for i in range(len(cells) + 1):
        c.line(xs[0], top - i * height, xs[-1], top - i * height)
    for x in xs:
        c.line(x, top, x, top - len(cells) * height)
    c.setFont("Helvetica", 10)
    for i, row in enumerate(cells):
        for x, lines in zip(xs, row, strict=False):
            for k, line in enumerate(lines):
                c.drawString(x + 4, top - i * height - 12 - 12 * k, line)
    c.showPage()
    c.save()
    assert extract_pdf(path).pages[0].tables == [[
        ["Tiltak", "Finansiering", "Periode"],
        ["Investeringsprogram", "Driftsbudsjett", "2014-18"],
        ["Låne- og tilskuddsordninger", "Startlån", "2015-18"]]]


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real PDFs not on this machine")
@pytest.mark.parametrize(("name", "present", "absent"), [
    # a bold initial or an overhanging letter once read twice
    ("fhi_sykdomsbyrde_2019_vestfold_telemark.pdf", "Sykdomsbyrde = dødelighet + helsetap",
     "SySykdomsbyrde"),
    ("grenland_regional_plan_areal_transport_2014-2025.pdf",
     "Telemark fylkeskommune, Statens Vegvesen og Jernbaneverket", "ATATP"),
    ("telemark_regional_plan_folkehelse_2018-2030.pdf", "• forvaltning av ulike", "foforvalt"),
    # spaces the producer left out
    ("kjonn_og_akademia_2022_fagbokforlaget_OA_book.pdf",
     "Det er mange som fortjener en takk for å ha bidratt til å muliggjøre", "ermange"),
    # a letter-spaced heading whose letters are runs of their own
    ("grenland_regional_plan_areal_transport_2014-2025.pdf", "Sammenheng med annet planarbeid",
     "Sammen h eng"),
    # words broken over the lines of table cells
    ("telemark_regional_plan_areal_transport_2015-2025.pdf", "Investeringsprogram",
     "Investe- ringspro"),
])
def test_real_text_is_repaired(name, present, absent):
    doc = extract_pdf(REALDATA / name)
    text = " ".join(" ".join(p.text.split()) for p in doc.pages)
    cells = " ".join(c for p in doc.pages for t in p.tables for row in t for c in row)
    assert present in text or present in cells
    assert absent not in text and absent not in cells

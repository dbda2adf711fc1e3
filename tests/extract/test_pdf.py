"""PDF extraction on generated reports whose every word is known."""

from pathlib import Path

import pytest

from fritekst.errors import InputError, SettingsError
from fritekst.extract.pdf import SCAN_REASON, extract_pdf, extract_pdfs, pdf_files

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
    # odd pages' heads name the chapter ("3 Volda  Notat nr. 6/2015"): found by their place
    assert "Notat nr. 6/2015" not in body
    assert report.removed == ["boligsosialt arbeid i fem kommuner notat nr. #/#"]


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
    assert checked >= 5


def test_table_is_read_as_rows_of_cells(report):
    tables = [t for p in report.pages for t in p.tables]
    assert tables == [[["Kommune", "Svar", "Svarprosent", "Snitt samordning"],
                       ["Volda", "24", "75", "4,0"], ["Rissa", "24", "83", "4,0"],
                       ["Nærøy", "20", "67", "3,7"], ["Ørland", "15", "56", "2,9"],
                       ["Oppdal", "23", "72", "2,7"]]]


@pytest.mark.parametrize(("name", "says"), [
    ("encrypted", "encrypted (password protected)"),
    ("broken", "damaged PDF"),
    ("notpdf", "not a PDF file"),
])
def test_unreadable_files_give_one_line_errors(report_pdfs, name, says):
    with pytest.raises(InputError) as info:
        extract_pdf(report_pdfs[name])
    message = str(info.value)
    assert says in message and str(report_pdfs[name]) in message and "\n" not in message


def test_a_bad_file_does_not_stop_the_others(report_pdfs):
    folder = report_pdfs["report"].parent
    docs, failures = extract_pdfs(pdf_files([folder]), workers=2)
    assert [Path(d.source).name for d in docs] == ["rapport.pdf"]
    assert sorted(Path(f.source).name for f in failures) == ["broken.pdf", "encrypted.pdf",
                                                              "notes.pdf"]


def test_missing_input_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        pdf_files([tmp_path / "nope.pdf"])
    with pytest.raises(InputError, match="no PDF files"):
        pdf_files([tmp_path])


@pytest.mark.skipif(not REALDATA.is_dir(), reason="shared real PDFs not on this machine")
def test_real_nynorsk_two_column_plan():
    doc = extract_pdf(REALDATA / "telemark_regional_plan_areal_transport_2015-2025.pdf")
    text = " ".join(p.text for p in doc.pages)
    assert "Handlingsprogrammet gjeld for dei fire første åra" in text.replace(
        "Handlingsprogram met", "Handlingsprogrammet")
    assert any(p.skipped == SCAN_REASON for p in doc.pages)


def test_a_pdf_without_pages_is_an_error(tmp_path):
    import pypdfium2 as pdfium

    empty = tmp_path / "tom.pdf"
    pdfium.PdfDocument.new().save(str(empty))
    with pytest.raises(InputError, match="has no pages"):
        extract_pdf(empty)


def test_any_failure_inside_one_file_is_reported_not_raised(monkeypatch, report_pdfs):
    from fritekst.extract import pdf

    def boom(path, **options):
        raise ValueError("pdfminer choked")

    monkeypatch.setattr(pdf, "extract_pdf", boom)
    failure = pdf._safe_extract(str(report_pdfs["report"]))
    assert isinstance(failure, pdf.Failure)
    assert "could not be read (ValueError: pdfminer choked)" in failure.message


def test_a_file_named_twice_is_read_once(report_pdfs):
    folder = report_pdfs["report"].parent
    files = pdf_files([folder, report_pdfs["report"]])
    assert len(files) == len(set(f.resolve() for f in files))


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
    assert [p.skipped for p in doc.pages][3] == "no text besides the running head or page number"
    assert [p.page_label for p in doc.pages] == ["1", "2", "3", "4", "5"]


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
    with pytest.raises(SettingsError, match=r"^layout setting band=0\.5 is out of range"):
        extract_pdfs([report_pdfs["report"]], settings={"band": 0.5})
    with pytest.raises(SettingsError, match=r"^unknown layout setting 'bnad'"):
        extract_pdf(report_pdfs["report"], settings={"bnad": 0.1})

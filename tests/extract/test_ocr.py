"""OCR of pages that are only a picture of text, on a generated scan (see conftest)."""

import difflib
import io
import json
import shutil
import stat

import pytest

from conftest import SCAN_PARAGRAPHS, run_cli, scanned_page, write_scanned_report
from fritekst.errors import ToolError
from fritekst.extract.layout import Segment
from fritekst.extract.ocr import _lines, _overlap, _resolution, _text
from fritekst.extract.pdf import NOTHING_READ_REASON, SCAN_REASON, extract_pdf, extract_pdfs

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="Tesseract is not installed")
INSTALL_LINE = ("--ocr needs the program Tesseract, which is not installed; install it with: "
                "apt install tesseract-ocr tesseract-ocr-nor")


@pytest.fixture(scope="module")
def read(scanned_report):
    return extract_pdf(scanned_report, ocr=True)


def _share_found(truth: str, read: str) -> float:
    want, got = truth.split(), read.split()
    matcher = difflib.SequenceMatcher(None, want, got, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks()) / len(want)


@needs_tesseract
def test_ocr_reads_the_words_of_a_scanned_page(read):
    page = read.pages[1]
    assert page.skipped == ""
    assert _share_found(" ".join(SCAN_PARAGRAPHS), page.text) >= 0.9
    words = page.text.split()
    for key in ("boligsosialt", "Kommunen", "kommunal", "Volda", "NAV", "Tildelingspraksisen",
                "utleieboliger", "søkerne", "bostøtte"):
        assert key in words, key


@needs_tesseract
def test_ocr_text_goes_through_the_layout_analysis(read):
    """Heading and paragraphs apart, the word broken at a line end joined."""
    page = read.pages[1]
    assert len(page.paragraphs) == len(SCAN_PARAGRAPHS)
    assert page.paragraphs[0] == SCAN_PARAGRAPHS[0]
    assert "boligkontoret" in page.paragraphs[1].split()
    for got, want in zip(page.paragraphs, SCAN_PARAGRAPHS, strict=True):
        assert _share_found(want, got) >= 0.9


@needs_tesseract
def test_the_ocr_page_is_marked_and_the_text_page_is_not(read):
    text_page, scan = read.pages
    assert (text_page.ocr, scan.ocr) == (False, True)
    # the lone page number at the foot, which Tesseract's page analysis passes over, is found
    # in a second look at the margins, and becomes the label
    assert (text_page.page_label, scan.page_label) == ("1", "2")
    assert not scan.text.endswith("2")
    assert text_page.text.startswith("1 Innledning")
    # a clean 200 dpi scan: Tesseract is sure of nearly every word
    assert 0 <= scan.ocr_unsure <= 0.1 * len(scan.text.split())


def test_without_ocr_the_scan_is_skipped_saying_how_to_read_it(scanned_report):
    page = extract_pdf(scanned_report).pages[1]
    assert (page.skipped, page.text, page.ocr) == (SCAN_REASON, "", False)
    assert "run again with --ocr" in SCAN_REASON
    assert "apt install tesseract-ocr tesseract-ocr-nor" in SCAN_REASON


def test_missing_tesseract_is_one_clear_error(scanned_report, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ToolError) as info:
        extract_pdfs([scanned_report, scanned_report], ocr=True)
    assert str(info.value) == INSTALL_LINE


def test_missing_tesseract_on_the_command_line(scanned_report, monkeypatch, capsys):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    for command in (["extract"], ["meta"], ["literature"], ["search", "bolig"]):
        code, out, err = run_cli(capsys, monkeypatch, *command, scanned_report, "--ocr")
        assert code == 1, command
        assert err.strip() == f"Error: {INSTALL_LINE}", command
        assert out == ""


def _fake_tesseract(folder, languages: list[str]):
    """A `tesseract` on PATH that knows only the given languages."""
    script = folder / "tesseract"
    listing = "\n".join(languages)
    script.write_text(f'#!/bin/sh\necho \'List of available languages in "/x/" '
                      f'({len(languages)}):\'\necho "{listing}"\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)


def test_missing_norwegian_language_data_says_what_to_install(scanned_report, monkeypatch,
                                                              tmp_path):
    _fake_tesseract(tmp_path, ["eng", "osd"])
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolError) as info:
        extract_pdf(scanned_report, ocr=True)
    assert str(info.value) == ("--ocr needs Tesseract's Norwegian language data, which is "
                               "not installed; install it with: apt install tesseract-ocr-nor")


@needs_tesseract
def test_extract_command_marks_ocr_pages(scanned_report, monkeypatch, capsys):
    code, out, err = run_cli(capsys, monkeypatch, "extract", scanned_report, "--ocr")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["ocr"] for r in records] == [False, True]
    assert records[1]["skipped"] == "" and "boligsosialt" in records[1]["text"]
    assert records[1]["ocr_unsure"] >= 0 and records[0]["ocr_unsure"] == 0


def test_extract_command_without_ocr_reports_the_page_as_skipped(scanned_report, monkeypatch,
                                                                 capsys):
    code, out, _ = run_cli(capsys, monkeypatch, "extract", scanned_report)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [(r["ocr"], r["skipped"]) for r in records] == [(False, ""), (False, SCAN_REASON)]


@needs_tesseract
def test_progress_counts_pages_when_ocr_runs_in_worker_processes(scanned_report, tmp_path):
    other = write_scanned_report(tmp_path / "andre.pdf")
    calls = []
    docs, failures = extract_pdfs([scanned_report, other], ocr=True, workers=2,
                                  progress=lambda done, total: calls.append((done, total)))
    assert failures == []
    assert [d.pages[1].ocr for d in docs] == [True, True]
    assert calls[-1] == (4, 4)
    assert {total for _, total in calls} == {4}
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) >= 4  # a tick for every page, as the workers read them


@needs_tesseract
def test_scans_stamped_with_a_page_number_are_read(tmp_path):
    """A scanned report whose pages carry a text-layer footer ("Side 2 av 3") over the
    image: the footer stays the running foot (and gives the label), OCR reads the rest."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "stemplet.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for number in (1, 2, 3):
        c.drawImage(ImageReader(io.BytesIO(scanned_page())), 0, 0, width=A4[0], height=A4[1])
        c.setFont("Helvetica", 9)
        c.drawCentredString(A4[0] / 2, 20, f"Side {number} av 3")
        c.showPage()
    c.save()
    assert [p.skipped for p in extract_pdf(path).pages] == [SCAN_REASON] * 3
    doc = extract_pdf(path, ocr=True)
    assert [(p.ocr, p.page_label, p.skipped) for p in doc.pages] == [
        (True, "1", ""), (True, "2", ""), (True, "3", "")]
    for page in doc.pages:
        assert "Side" not in page.text
        assert _share_found(" ".join(SCAN_PARAGRAPHS), page.text) >= 0.9


@needs_tesseract
def test_a_photo_without_text_stays_skipped_with_a_reason(tmp_path):
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    photo = Image.new("L", (800, 600), 200)
    draw = ImageDraw.Draw(photo)
    for k in range(0, 800, 40):  # a landscape of soft shapes, no letters
        draw.ellipse((k, 300 - k // 4, k + 160, 420 + k // 8), fill=60 + k // 10)
    path = tmp_path / "foto.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(ImageReader(photo), 50, 200, width=500, height=375)
    c.showPage()
    c.save()
    page = extract_pdf(path, ocr=True).pages[0]
    assert (page.skipped, page.ocr) == (NOTHING_READ_REASON, False)


HOCR = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' title='bbox 0 0 2480 3508'>
<div class='ocr_carea' title="bbox 300 500 2200 700">
<p class='ocr_par' title="bbox 300 500 2200 700">
<span class='ocr_line' title="bbox 300 500 2200 545; baseline 0 -10; x_size 44">
<span class='ocrx_word' title='bbox 300 500 500 545; x_wconf 96'>Volda</span>
<span class='ocrx_word' title='bbox 520 500 700 545; x_wconf 71'>kommune</span>
<span class='ocrx_word' title='bbox 720 500 760 545; x_wconf 12'>Eia</span>
<span class='ocrx_word' title='bbox 1900 500 2200 545; x_wconf 90'>12,5</span>
</span>
<span class='ocr_line' title="bbox 300 560 900 600; baseline 0 -10; x_size 40">
<span class='ocrx_word' title='bbox 300 560 900 600; x_wconf 93'>boligsosialt</span>
<span class='ocrx_word' title='bbox 920 560 960 600; x_wconf 93'> </span>
<span class='ocrx_word' title='bbox 980 560 990 600; x_wconf 85'>|</span>
</span>
</p>
<p class='ocr_par' title="bbox 300 900 400 940">
<span class='ocr_line' title="bbox 300 900 400 940; baseline 0 -10; x_size 40">
<span class='ocrx_word' title='bbox 300 900 320 940; x_wconf 56'>t</span>
<span class='ocrx_word' title='bbox 340 900 380 940; x_wconf 61'>,</span>
</span>
</p></div></div></body></html>"""


def test_hocr_lines_become_runs_in_points():
    lines = list(_lines(HOCR))
    # a word Tesseract hardly believes in ("Eia", 12 %) and a rule read as "|" are no text
    assert [[w.text for w in ln.words] for ln in lines] == [["Volda", "kommune", "12,5"],
                                                            ["boligsosialt"], ["t", ","]]
    # the two lines' sizes (44 and 40 pixels) are the paragraph's median: one type size
    assert {ln.size for ln in lines[:2]} == {42.0}
    # a line of a lone letter and a comma is not a run of text
    assert [_text(words) for ln in lines for _, words in ln.runs(300 / 72, 841.92)] == [
        True, True, True, False]
    runs = [seg for seg, _ in lines[0].runs(300 / 72, 841.92)]
    # a gap wider than 2.5 type sizes parts a line (a table cell, another column)
    assert [r.text for r in runs] == ["Volda kommune", "12,5"]
    first = runs[0]
    assert first.x0 == pytest.approx(72) and first.x1 == pytest.approx(168)
    assert first.y1 == pytest.approx(841.92 - 120) and first.y0 == pytest.approx(841.92 - 130.8)
    assert first.size == pytest.approx(10.1)


def test_ocr_lines_over_a_text_run_are_left_to_the_text_run():
    number = Segment(290, 30, 300, 42, "7", 11)
    assert _overlap(Segment(289, 29, 301, 41, "7", 11), number) > 0.5
    assert _overlap(Segment(72, 700, 500, 712, "Kommunen har", 11), number) == 0


@needs_tesseract
def test_a_scan_stored_sideways_is_read_as_displayed(tmp_path):
    """A scanner stored the picture on its side and the page's /Rotate turns it upright:
    OCR reads the page as a reader sees it."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    sideways = Image.open(io.BytesIO(scanned_page())).rotate(90, expand=True)
    png = io.BytesIO()
    sideways.save(png, format="PNG")
    png.seek(0)
    flat = tmp_path / "liggende.pdf"
    c = canvas.Canvas(str(flat), pagesize=(A4[1], A4[0]))
    c.drawImage(ImageReader(png), 0, 0, width=A4[1], height=A4[0])
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(str(flat))
    doc[0].set_rotation(90)
    turned = tmp_path / "snudd.pdf"
    doc.save(str(turned))
    page = extract_pdf(turned, ocr=True).pages[0]
    assert page.ocr and page.paragraphs[0] == SCAN_PARAGRAPHS[0]
    assert _share_found(" ".join(SCAN_PARAGRAPHS), page.text) >= 0.9


def test_a_scan_is_read_at_its_own_resolution(tmp_path):
    """Rendered finer than scanned, a worn scan's specks outlast the median filter."""
    import pypdfium2 as pdfium
    from PIL import Image
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    path = tmp_path / "oppløsning.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for dpi in (200, 100, 600):  # a scan at 200 dpi, a coarse photo, a fine scan
        size = (round(A4[0] * dpi / 72), round(A4[1] * dpi / 72))
        c.drawImage(ImageReader(Image.new("L", size, 255)), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.drawString(72, 700, "Tekst tegnet som tekst")  # no image: the full resolution
    c.showPage()
    c.setPageSize((1920, 1080))  # a slide: no more pixels than A4, and not below 150 dpi
    c.drawImage(ImageReader(Image.new("L", (5333, 3000), 255)), 0, 0, width=1920, height=1080)
    c.showPage()
    c.save()
    doc = pdfium.PdfDocument(str(path))
    assert [_resolution(doc[k]) for k in range(len(doc))] == [200, 150, 300, 300, 150]


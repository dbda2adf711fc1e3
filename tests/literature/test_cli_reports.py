"""The report commands from the command line: extract, meta, literature, search."""

import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import run_cli as run


def test_extract_pages_and_paragraphs(report_pdfs, tmp_path, capsys, monkeypatch):
    out = tmp_path / "pages.jsonl"
    code, _, err = run(capsys, monkeypatch, "extract", report_pdfs["report"], "-o", out)
    assert code == 0, err
    pages = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(pages) == 40
    assert set(pages[0]) == {"source", "page_index", "page_label", "text", "skipped"}
    assert sum(1 for p in pages if p["skipped"]) == 1
    code, stdout, _ = run(capsys, monkeypatch, "extract", report_pdfs["report"], "--paragraphs")
    paragraphs = [json.loads(line) for line in stdout.splitlines()]
    assert len(paragraphs) > 150 and any(p.get("table") for p in paragraphs)


def test_folder_with_bad_files_reports_each_and_exits_1(report_pdfs, tmp_path, capsys,
                                                        monkeypatch):
    out = tmp_path / "pages.jsonl"
    code, _, err = run(capsys, monkeypatch, "extract", report_pdfs["report"].parent, "-o", out)
    assert code == 1
    assert len(out.read_text("utf-8").splitlines()) == 40  # the good report is still written
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 3 and "Traceback" not in err


@pytest.mark.parametrize("suffix", [".bib", ".ris", ".csv"])
def test_meta_exports(report_pdfs, tmp_path, capsys, monkeypatch, suffix):
    out = tmp_path / f"refs{suffix}"
    code, _, err = run(capsys, monkeypatch, "meta", report_pdfs["report"], "-o", out)
    assert code == 0, err
    text = out.read_text("utf-8-sig")
    assert "Boligsosialt arbeid i fem kommuner" in text and "Yttredal" in text


def test_meta_json(report_pdfs, capsys, monkeypatch):
    _, stdout, _ = run(capsys, monkeypatch, "meta", report_pdfs["report"], "--json")
    (row,) = json.loads(stdout)
    assert row["series"] == "Notat nr. 6/2015" and row["client"] == "Husbanken"


def test_literature_to_excel(report_pdfs, tmp_path, capsys, monkeypatch):
    out = tmp_path / "review.xlsx"
    code, _, err = run(capsys, monkeypatch, "literature", report_pdfs["report"], "-o", out)
    assert code == 0, err
    assert load_workbook(out).sheetnames == ["Setninger", "Tema x rapport", "Kommune x tema",
                                             "Rapporter", "Sider uten tekst", "Meta"]
    matrix = pd.read_excel(out, sheet_name="Kommune x tema").set_index("Kommune")
    assert "s. 26 (utfordring)" in matrix.loc["Oppdal", "Oppfølging og tjenester i bolig"]
    assert "page 34: no text layer" in err


def test_search_prints_report_and_page(report_pdfs, capsys, monkeypatch):
    code, stdout, err = run(capsys, monkeypatch, "search", "bustad", report_pdfs["report"],
                            "--municipality", "Volda")
    assert code == 0, err
    assert stdout.startswith("Yttredal og Brekke 2015, s. 7:")
    code, _, err = run(capsys, monkeypatch, "search", "bolig", report_pdfs["report"],
                       "--theme", "nosuch")
    assert code == 1 and "unknown theme 'nosuch'" in err


def test_demo_report_is_bundled_and_reviewed(tmp_path, capsys, monkeypatch):
    out = tmp_path / "demo.json"
    code, _, err = run(capsys, monkeypatch, "demo", "--reports", "-o", out)
    assert code == 0, err
    review = json.loads(out.read_text("utf-8"))
    assert review["meta"]["counts"]["pages"] == 40
    assert review["reports"][0]["citation"] == "Yttredal og Brekke 2015"


def test_only_unreadable_files_and_bad_output_paths(report_pdfs, tmp_path, capsys,
                                                    monkeypatch):
    code, _, err = run(capsys, monkeypatch, "literature", report_pdfs["broken"])
    assert code == 1 and "damaged PDF" in err and "Traceback" not in err
    code, _, err = run(capsys, monkeypatch, "extract", report_pdfs["report"], "-o", tmp_path)
    assert code == 1 and "is a folder" in err
    code, _, err = run(capsys, monkeypatch, "meta", report_pdfs["report"], "-o",
                       tmp_path / "nope" / "x.bib")
    assert code == 1 and "does not exist" in err
    code, _, err = run(capsys, monkeypatch, "literature", report_pdfs["report"], "-o",
                       tmp_path / "x.docx")
    assert code == 1 and "cannot write '.docx'" in err


def test_piped_review_is_plain_markdown(capsys, monkeypatch):
    """Piped, the review is Markdown a researcher can paste, not squeezed box tables."""
    code, out, err = run(capsys, monkeypatch, "demo", "--reports")
    assert code == 0, err
    assert out.startswith(
        "## Rapporter\n\n| citation | title | series | publisher | client | issn | isbn | "
        "variety | pages |\n|---|---|---|---|---|---|---|---|---|\n| Yttredal og Brekke 2015 | "
        "Boligsosialt arbeid i fem kommuner | Notat nr. 6/2015 | Fjordforsking | Husbanken | "
        "1891-2540 | 978-82-7692-351-4 | Bokmål | 40 |\n")
    assert "\n## Tema × rapport: setninger (sider)\n" in out
    assert "\n## Kommune × tema: kilder\n" in out
    assert not set("┃━│┏") & set(out)
    assert out.rstrip().splitlines()[-1].startswith("1 reports, 40 pages (1 without text), ")

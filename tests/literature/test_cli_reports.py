"""The report commands from the command line: extract, meta, literature, search."""

import json
import re

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import run_cli as run

SCAN = ("no text layer (an image of text, as from a scanner); run again with --ocr (needs "
        "Tesseract: apt install tesseract-ocr tesseract-ocr-nor)")
COUNTS = ("1 reports, 40 pages (1 without text), 807 sentences: 641 coded, 125 uncoded, "
          "41 not claims (title pages, contents, references, headings, tables).")


def test_extract_pages_and_paragraphs(report_pdfs, tmp_path, capsys, monkeypatch):
    out = tmp_path / "pages.jsonl"
    code, _, err = run(capsys, monkeypatch, "extract", report_pdfs["report"], "-o", out)
    assert code == 0, err
    assert err == f"1 reports, 40 pages (1 without text). Wrote {out}\n"
    pages = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [p["page_index"] for p in pages] == list(range(40))
    assert list(pages[0]) == ["source", "page_index", "page_label", "ocr", "ocr_unsure", "text",
                             "skipped"]
    # the scan (pdf page 34) is the one page without text; it prints no page number, but its
    # neighbours print 30 and 32
    assert [(p["page_index"], p["page_label"], p["skipped"]) for p in pages if p["skipped"]] \
        == [(33, "31", SCAN)]
    assert pages[3]["page_label"] == "1"
    assert pages[3]["text"].startswith("Sammendrag\n\nNotatet viser at formelle møteplasser er "
                                       "en styrke i alle kommunene som har dem")
    code, stdout, _ = run(capsys, monkeypatch, "extract", report_pdfs["report"], "--paragraphs")
    paragraphs = [json.loads(line) for line in stdout.splitlines()]
    assert len(paragraphs) == 242
    tables = [(p["page_label"], p["text"]) for p in paragraphs if p.get("table")]
    assert tables == [("5", "Kommune\tSvar\tSvarprosent\tSnitt samordning\nVolda\t24\t75\t4,0\n"
                            "Rissa\t24\t83\t4,0\nNærøy\t20\t67\t3,7\nØrland\t15\t56\t2,9\n"
                            "Oppdal\t23\t72\t2,7")]


def test_folder_with_bad_files_reports_each_and_exits_1(report_pdfs, tmp_path, capsys,
                                                        monkeypatch):
    out = tmp_path / "pages.jsonl"
    code, _, err = run(capsys, monkeypatch, "extract", report_pdfs["report"].parent, "-o", out)
    assert code == 1
    assert len(out.read_text("utf-8").splitlines()) == 40  # the good report is still written
    folder = report_pdfs["report"].parent
    lines = err.splitlines()
    assert lines[0] == f"1 reports, 40 pages (1 without text). Wrote {out}"
    # one line per unreadable file, in name order; PDFium's own words in brackets
    assert len(lines) == 4
    assert re.fullmatch(re.escape(f"Error: {folder / 'broken.pdf'}: damaged PDF that cannot be "
                                  "opened (") + r".+" + re.escape("); re-download or re-export "
                                                                  "it"), lines[1]), lines[1]
    assert lines[2:] == [
        f"Error: {folder / 'encrypted.pdf'}: the PDF is encrypted (password protected); save an "
        "unprotected copy and try again",
        f"Error: {folder / 'notes.pdf'}: not a PDF file (it does not start with %PDF); export the "
        "report as PDF or leave it out"]


@pytest.mark.parametrize("suffix", [".bib", ".ris", ".csv"])
def test_meta_exports(report_pdfs, tmp_path, capsys, monkeypatch, suffix):
    out = tmp_path / f"refs{suffix}"
    code, _, err = run(capsys, monkeypatch, "meta", report_pdfs["report"], "-o", out)
    assert code == 0, err
    assert err == f"Wrote {out}\n"
    if suffix == ".csv":
        row = pd.read_csv(out, encoding="utf-8-sig").iloc[0]
        assert row[["title", "authors", "year", "series", "client", "pages", "citation"]] \
            .tolist() == ["Boligsosialt arbeid i fem kommuner", "Kari Yttredal; Jon Helge Brekke",
                          2015, "Notat nr. 6/2015", "Husbanken", 40, "Yttredal og Brekke 2015"]
        return
    lines = out.read_text("utf-8").splitlines()
    if suffix == ".bib":
        assert lines[:4] == ["@techreport{yttredal2015boligsosialt,",
                             "  title = {Boligsosialt arbeid i fem kommuner: Ei samanliknande "
                             "studie av samordning, ansvar og bustader},",
                             "  author = {Kari Yttredal and Jon Helge Brekke},",
                             "  year = {2015},"]
        assert "  number = {6/2015}," in lines and "  note = {Oppdragsgiver: Husbanken}," in lines
        assert lines[-1] == "}"
    else:
        assert lines[:7] == ["TY  - RPRT", "TI  - Boligsosialt arbeid i fem kommuner: Ei "
                             "samanliknande studie av samordning, ansvar og bustader",
                             "AU  - Yttredal, Kari", "AU  - Brekke, Jon Helge", "PY  - 2015",
                             "PB  - Fjordforsking", "T3  - Notat nr. 6/2015"]
        assert lines[-1] == "ER  - "


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
    assert matrix.loc["Oppdal", "Oppfølging og tjenester i bolig"] == \
        "Yttredal og Brekke 2015, s. 26 (utfordring)"
    assert err.splitlines() == [f"Skipped: {report_pdfs['report']}, page 34: {SCAN}", COUNTS,
                                f"Wrote {out}"]


def test_search_prints_report_and_page(report_pdfs, capsys, monkeypatch):
    code, stdout, err = run(capsys, monkeypatch, "search", "bustad", report_pdfs["report"],
                            "--municipality", "Volda")
    assert code == 0, err
    # lemma-aware: "bustad" finds "boliger", and the compound "boligsosiale"
    assert stdout == ("Yttredal og Brekke 2015, s. 3: Dette notatet oppsummerer en undersøkelse "
                      "av det boligsosiale arbeidet i Volda, Rissa, Nærøy, Ørland og Oppdal.\n"
                      "Yttredal og Brekke 2015, s. 7: Også i Volda mangler kommunen egnede "
                      "boliger for unge med rusproblemer.\n")
    assert err == "2 hits in 1 reports.\n"
    code, _, err = run(capsys, monkeypatch, "search", "bolig", report_pdfs["report"],
                       "--theme", "nosuch")
    assert code == 1
    assert err == ("Error: unknown theme 'nosuch'; use one of boligmangel, ansvarsavklaring, "
                   "oppfolging, samordning, moteplasser, plan_strategi, politisk_forankring, "
                   "kompetanse, ressurser, virkemidler, flyktninger, gjennomstromning, "
                   "lokalkunnskap, rus_psykisk, tildeling, bomiljo.\n")


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
    assert code == 1
    assert re.fullmatch(re.escape(f"Error: {report_pdfs['broken']}: damaged PDF that cannot be "
                                  "opened (") + r".+" + re.escape("); re-download or re-export "
                                                                  "it\n"), err), err
    # extract writes JSON lines, so that is the file name it offers (regression: "ut.csv")
    code, _, err = run(capsys, monkeypatch, "extract", report_pdfs["report"], "-o", tmp_path)
    assert (code, err) == (1, f"Error: {tmp_path}: is a folder; give a file name such as "
                              f"{tmp_path / 'ut.jsonl'}.\n")
    # and it refuses a suffix that would hide JSON lines in another format
    code, _, err = run(capsys, monkeypatch, "extract", report_pdfs["report"], "-o",
                       tmp_path / "sider.docx")
    assert (code, err) == (1, f"Error: {tmp_path / 'sider.docx'}: cannot write '.docx'; use "
                              "one of .jsonl.\n")
    code, _, err = run(capsys, monkeypatch, "meta", report_pdfs["report"], "-o",
                       tmp_path / "nope" / "x.bib")
    assert (code, err) == (1, f"Error: {tmp_path / 'nope' / 'x.bib'}: folder {tmp_path / 'nope'} "
                              "does not exist; create it first.\n")
    code, _, err = run(capsys, monkeypatch, "literature", report_pdfs["report"], "-o",
                       tmp_path / "x.docx")
    assert (code, err) == (1, f"Error: {tmp_path / 'x.docx'}: cannot write '.docx'; use one of "
                              ".csv, .json, .xlsx.\n")
    code, _, err = run(capsys, monkeypatch, "meta", report_pdfs["report"], "-o",
                       tmp_path / "x.docx")
    assert (code, err) == (1, f"Error: {tmp_path / 'x.docx'}: cannot write '.docx'; use one of "
                              ".bib, .csv, .json, .ris, .xlsx.\n")


def test_piped_review_is_plain_markdown(capsys, monkeypatch):
    """Piped, the review is Markdown a researcher can paste, not squeezed box tables."""
    code, out, err = run(capsys, monkeypatch, "demo", "--reports")
    assert code == 0, err
    assert out.startswith(
        "## Rapporter\n\n| citation | title | series | publisher | client | issn | isbn | "
        "variety | pages | i feltet |\n|---|---|---|---|---|---|---|---|---|---|\n"
        "| Yttredal og Brekke 2015 | "
        "Boligsosialt arbeid i fem kommuner | Notat nr. 6/2015 | Fjordforsking | Husbanken | "
        "1891-2540 | 978-82-7692-351-4 | Bokmål | 40 | 88 % |\n")
    lines = out.splitlines()
    themes = lines.index("## Tema × rapport: setninger (sider)")
    assert lines[themes + 2:themes + 5] == [
        "| Tema | Yttredal og Brekke 2015 |", "|---|---|",
        "| Tilgang på egnede boliger | 13 styrke, 62 utfordring, 11 nøytral (s. 1, 3, 4, 6, 7, "
        "8, 9, 10, 11, 12, 13, 14, 15, 16, 18, "
        "19, 20, 21, 22, 23, 24, 25, 27, 28, 29, 30, 33, 34, 35, 36) |"]
    places = lines.index("## Kommune × tema: kilder")
    assert "| Volda | Møteplasser og formelle fora | Yttredal og Brekke 2015, s. 6 (styrke) |" \
        in lines[places:]
    assert not set("┃━│┏") & set(out)
    assert out.rstrip().splitlines()[-1] == COUNTS


OTHER_FIELD = [
    "Fylkesveien over {place} stenges ofte om vinteren på grunn av snøskred.",
    "Kollektivtrafikken mellom {place} og byen får {n} nye avganger fra {year}.",
    "Skolen på {place} har fått nye lærebøker i matematikk og naturfag.",
    "Idrettslaget på {place} arrangerer skirenn for barn hver søndag i februar.",
    "Fiskeriene rundt {place} har gitt arbeid til {n} personer siden {year}.",
    "Kulturhuset på {place} viser film tre kvelder i uken og har konserter i helgene.",
    "Museet på {place} har en samling av {n} gamle verktøy fra jordbruket.",
    "Strømprisene på {place} steg kraftig gjennom vinteren {year}.",
    "Elevene på ungdomstrinnet på {place} fikk nettbrett til skolearbeidet i {year}.",
    "Turistene kommer om sommeren for å se fjordene og fossene ved {place}.",
]
PLACES = ["Nordvik", "Sørli", "Austbø", "Vestre Sand", "Haugen"]


def _other_field_pdf(path):
    """A short report about roads, schools and culture: a title page, then five pages of
    sentences that share no word with housing."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("Samferdsel og kultur i regionen")
    c.setFont("Helvetica-Bold", 20)
    c.drawString(60, 700, "Samferdsel og kultur i regionen")
    c.showPage()
    for page, place in enumerate(PLACES):
        c.setFont("Helvetica-Bold", 14)
        c.drawString(60, 790, f"{page + 1} Forholdene på {place}")
        c.setFont("Helvetica", 10)
        for k, template in enumerate(OTHER_FIELD):
            c.drawString(60, 760 - 18 * k, template.format(place=place, n=12 + 7 * k + page,
                                                          year=2010 + page + k))
        c.drawCentredString(297, 30, str(page + 2))
        c.showPage()
    c.save()
    return path


def test_a_report_about_another_field_is_flagged_and_left_out(report_pdfs, tmp_path, capsys,
                                                               monkeypatch):
    folder = tmp_path / "rapporter"
    folder.mkdir()
    other = _other_field_pdf(folder / "samferdsel.pdf")
    (folder / "rapport.pdf").write_bytes(report_pdfs["report"].read_bytes())
    code, out, err = run(capsys, monkeypatch, "literature", folder, "--json")
    assert code == 0, err
    review = json.loads(out)
    left = review["meta"]["left_out"]
    assert [x["source"] for x in left] == [str(other)]
    share = left[0]["relevant_share"]
    assert share < 0.10
    assert f"Left out of the matrices: {other} ({share * 100:.0f} % of sentences about " \
           "boligsosialt arbeid); --all-documents counts it.\n" in err
    cited = {k for row in review["theme_report"] for k in row if k != "Tema"}
    assert len(cited) == 1  # only the housing report
    code, out, err = run(capsys, monkeypatch, "literature", folder, "--json", "--all-documents")
    assert code == 0, err
    every = json.loads(out)
    assert every["meta"]["left_out"] == []
    assert len({k for row in every["theme_report"] for k in row if k != "Tema"}) == 2
    # the off-topic report's sentences are in the table either way, none of them coded
    theirs = [s for s in review["sentences"]
              if s["source"] == str(other) and s["status"] != "not_coded"]
    assert len(theirs) == len(PLACES) * len(OTHER_FIELD)
    assert {s["status"] for s in theirs} == {"uncoded"}

"""Shared fixtures: builders for realistic survey exports, and one coder per test session."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI must give the same answer on every run: property tests draw the same examples each time
# (derandomize). `HYPOTHESIS_PROFILE=explore pytest` draws fresh ones to hunt for new bugs; a
# counter-example it finds belongs in the test's strategy or an explicit test.
settings.register_profile("default", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "src" / "fritekst" / "data" / "demo"
DEMO_XLSX = DEMO / "boligsosial_demo.xlsx"
DEMO_CSV = DEMO / "boligsosial_demo.csv"
ACCEPTANCE = Path(__file__).resolve().parent / "data" / "acceptance"

STRENGTH_Q = ("Ut fra ditt ståsted, hva opplever du som de to viktigste styrkene i det "
              "boligsosiale arbeidet i din kommune?")
CHALLENGE_Q = ("Ut fra ditt ståsted, hva opplever du som de to største utfordringene i det "
               "boligsosiale arbeidet i din kommune?")
RATING_Q = ("Hvor godt mener du at SAMORDNINGEN av det boligsosiale arbeidet fungerer i din "
            "kommune?")

HEADER = ["Respondent-ID", "Kommune", f"{STRENGTH_Q} - Styrke 1", f"{STRENGTH_Q} - Styrke 2",
          CHALLENGE_Q, RATING_Q]
ROWS = [
    ["101", "Volda", "Tildelingsgruppa", "Korte avstander", "1) For få bustader 2) Uklar "
     "ansvarsfordeling", "4"],
    ["102", "Volda", "Godt samarbeid med NAV", "", "Mangel på egnede utleieboliger\n"
     "For lite oppfølging i bolig", "6 - Svært godt"],
    ["103", "Volda", "Vet ikke", "-", "boligmangel, boligmangel og atter boligmangel", "Vet ikke"],
    ["104", "Oppdal", "Startlån og bostøtte", "", "Ikkje nok bustader til flyktningar", "2"],
    ["105", "Oppdal", "", "", "", "1 - Svært dårlig"],
]


def write_delimited(path: Path, header: list[str], rows: list[list[str]], *,
                    encoding: str = "utf-8", delimiter: str = ",", bom: bool = False) -> Path:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buf.getvalue().encode(encoding)
    if bom:
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_xlsx(path: Path, grid: list[list[object]], merges: list[str] = ()) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in grid:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    wb.save(path)
    return path


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite the golden files in tests/golden from the current output "
                          "(review the diff before committing it).")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture
def survey_csv(tmp_path: Path) -> Path:
    """A small Questback-style export as Norwegian Excel saves it: cp1252 with ';'."""
    return write_delimited(tmp_path / "eksport.csv", HEADER, ROWS, encoding="cp1252",
                           delimiter=";")


@pytest.fixture(scope="session")
def coder():
    from fritekst.coding.rules import RuleCoder

    return RuleCoder()


@pytest.fixture(scope="session")
def code(coder):
    """``code(text, polarity)`` → tuple of theme ids."""

    def _code(text: str, polarity: str | None = "utfordring") -> tuple[str, ...]:
        return coder.code([text], [polarity])[0].themes

    return _code


def write_large_survey(path: Path, respondents: int, seed: int = 0) -> Path:
    """A survey export shaped as the demo's (its columns, municipalities and ratings) with
    ``respondents`` rows whose free-text boxes hold answers from the shipped training data,
    alone or two in one box, and the short answers real exports repeat."""
    import numpy as np
    import pandas as pd

    from fritekst.coding.train import shipped_training_data

    demo = pd.read_csv(DEMO_CSV, sep=";", dtype=str, keep_default_na=False, encoding="cp1252")
    boxes = [c for c in demo.columns if "Styrke" in c or "utfordring" in c.lower()]
    data = pd.read_csv(shipped_training_data(), dtype=str, keep_default_na=False)
    answers = data.loc[data["kind"] == "answer", "text"].to_numpy()
    rng = np.random.default_rng(seed)
    rows = demo.iloc[rng.integers(0, len(demo), respondents)].reset_index(drop=True)
    rows["Respondent-ID"] = [str(500000 + i) for i in range(respondents)]
    short = np.array(["Vet ikke", "For få boliger", "Samarbeid", "Boligmangel", "Økonomi"])
    for box in boxes:
        one, two = rng.choice(answers, respondents), rng.choice(answers, respondents)
        written = np.where(rng.random(respondents) < 0.5, one,
                           np.char.add(np.char.add(one.astype(str), " "), two.astype(str)))
        value = np.where(rng.random(respondents) < 0.3, rng.choice(short, respondents), written)
        rows[box] = np.where(rng.random(respondents) < 0.6, value, "")
    rows.to_csv(path, sep=";", index=False, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def large_survey(tmp_path_factory) -> Path:
    """A generated export of 400 respondents (about 1,000 answer units, most of them
    distinct): see :func:`write_large_survey`."""
    return write_large_survey(tmp_path_factory.mktemp("large") / "stor.csv", 400)


@pytest.fixture(scope="session")
def report_pdfs(tmp_path_factory) -> dict[str, Path]:
    """The generated test reports (scripts/make_test_pdfs.py): a 40-page report with a
    `.truth.json` beside it, an encrypted one, a damaged one and a text file named .pdf."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("make_test_pdfs",
                                                  REPO / "scripts" / "make_test_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module.build_all(tmp_path_factory.mktemp("pdfs"), pages=40)


@pytest.fixture(scope="session")
def report_truth(report_pdfs) -> dict:
    import json

    return json.loads(report_pdfs["report"].with_suffix(".truth.json").read_text("utf-8"))


def run_cli(capsys, monkeypatch, *args) -> tuple[int, str, str]:
    """Run ``fritekst ARGS`` as a user would: (exit code, stdout, stderr)."""
    import sys

    from fritekst.cli import main

    monkeypatch.setattr(sys, "argv", ["fritekst", *map(str, args)])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code or 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def project(tmp_path):
    """A project folder (fritekst.db) with the demo export imported."""
    from fritekst import Project

    folder = tmp_path / "p"
    with Project(folder) as p:
        p.import_files([DEMO_CSV])
    return folder


# a scanned page: a heading and two paragraphs, one word broken at a line end ("bolig-kontoret")
SCAN_LINES = [
    ["2 Boligsosialt arbeid i kommunen"],
    ["Kommunen har et boligsosialt ansvar for vanskeligstilte på boligmarkedet, og i Volda",
     "er samarbeidet mellom NAV og bolig-",
     "kontoret styrket de siste årene. Likevel mangler det egnede utleieboliger for store",
     "familier, og ventetiden på en kommunal bolig er lang."],
    ["Flere ansatte peker på at oppfølging i hjemmet er avgjørende for at leietakerne skal",
     "beholde boligen. Tildelingspraksisen varierer mellom kommunene, og søkerne opplever",
     "at reglene er uklare. Startlån og bostøtte brukes for lite."],
]
SCAN_PARAGRAPHS = [" ".join(p).replace("bolig- kontoret", "boligkontoret") for p in SCAN_LINES]


def scanned_page(dpi: int = 200, number: str = "") -> bytes:
    """A printed page with SCAN_LINES on it (and a page number at its foot), as the PNG a
    scanner would give (at `dpi`)."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    printed = io.BytesIO()
    c = canvas.Canvas(printed, pagesize=A4)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(72, height - 90, SCAN_LINES[0][0])
    c.setFont("Helvetica", 11)
    y = height - 125
    for paragraph in SCAN_LINES[1:]:
        for line in paragraph:
            c.drawString(72, y, line)
            y -= 14
        y -= 12
    c.drawCentredString(width / 2, 40, number)
    c.showPage()
    c.save()
    image = pdfium.PdfDocument(printed.getvalue())[0].render(
        scale=dpi / 72, grayscale=True).to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    return png.getvalue()


def write_scanned_report(path: Path, dpi: int = 200) -> Path:
    """A two-page report: page 1 has a text layer, page 2 is only a picture of a printed page
    (see `scanned_page`) numbered 2."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(72, height - 90, "1 Innledning")
    c.setFont("Helvetica", 11)
    c.drawString(72, height - 125, "Dette notatet beskriver det boligsosiale arbeidet i fem "
                 "kommuner.")
    c.drawCentredString(width / 2, 40, "1")
    c.showPage()
    c.drawImage(ImageReader(io.BytesIO(scanned_page(dpi, "2"))), 0, 0, width=width,
                height=height)
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="session")
def scanned_report(tmp_path_factory) -> Path:
    return write_scanned_report(tmp_path_factory.mktemp("scan") / "skannet.pdf")

"""The report index: PDFs read and coded once into the project's store, and searches and
reviews through it that give what reading the files again would give."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from fritekst import (
    CoderSpec,
    Project,
    index_reports,
    review_reports,
    search_index,
    search_project,
)
from fritekst.coding import make_coder
from fritekst.coding.base import CoderInfo
from fritekst.literature import review as review_module
from fritekst.literature.review import SENTENCE_COLUMNS, ReportPart, review_files
from fritekst.literature.search import search
from fritekst.store.reports import ReportIndex, built_with

RULES = CoderSpec(rules_only=True)


@pytest.fixture(scope="module")
def rules():
    return make_coder(rules_only=True)


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, report_pdfs, rules):
    """A folder of reports indexed into a project with the rules coder, and the review of
    the same files read directly. The folder holds the generated 40-page note twice under
    two names (two reports by the same authors in one year: 2015a and 2015b)."""
    root = tmp_path_factory.mktemp("indexed")
    pdfs = root / "rapporter"
    pdfs.mkdir()
    shutil.copy(report_pdfs["report"], pdfs / "notat.pdf")
    shutil.copy(report_pdfs["report"], pdfs / "notat_kopi.pdf")
    done = index_reports([pdfs], root / "p", spec=RULES)
    return pdfs, root / "p", done, review_files([pdfs], rules)


def _no_reading(monkeypatch):
    def refuse(*_a, **_k):
        raise AssertionError("a file was read again")

    monkeypatch.setattr(review_module, "extract_pdfs", refuse)
    monkeypatch.setattr(CoderSpec, "make", refuse)


def test_a_review_through_the_index_is_the_review_of_the_files(indexed, monkeypatch):
    folder, project, done, direct = indexed
    assert sorted(Path(f).name for f in done.added) == ["notat.pdf", "notat_kopi.pdf"]
    _no_reading(monkeypatch)
    indexed = review_reports([folder], project, spec=RULES)
    pd.testing.assert_frame_equal(indexed.sentences, direct.sentences)
    pd.testing.assert_frame_equal(indexed.reports, direct.reports)
    pd.testing.assert_frame_equal(indexed.skipped_pages, direct.skipped_pages)
    assert list(indexed.reports["citation"]) == ["Yttredal og Brekke 2015a",
                                                 "Yttredal og Brekke 2015b"]
    assert indexed.meta["counts"] == direct.meta["counts"]
    assert indexed.meta["coder"] == direct.meta["coder"]


@pytest.mark.parametrize(("query", "theme", "municipality"), [
    ("bolig", None, None),
    ("bustad", None, "Volda"),
    ("oppfølging kommunen", "oppfolging", None),
    ("eneboliger", None, None),
    ("ingenting slikt", None, None),
])
def test_a_search_through_the_index_finds_what_a_search_of_the_files_finds(
        indexed, monkeypatch, query, theme, municipality):
    folder, project, _, review = indexed
    direct = search(review.sentences, query, theme=theme, municipality=municipality)
    _no_reading(monkeypatch)
    hits, review = search_index(query, [folder], project, spec=RULES, theme=theme,
                                municipality=municipality)
    pd.testing.assert_frame_equal(hits, direct)
    assert review.meta["counts"]["sentences"] == 2 * 807
    # every indexed report, when no files are named
    every, _ = search_index(query, [], project, theme=theme, municipality=municipality)
    pd.testing.assert_frame_equal(every, direct)
    # and what 'fritekst search --project' runs: the index alone, without pandas
    light = search_project(query, project, theme=theme, municipality=municipality)
    pd.testing.assert_frame_equal(light.frame(), direct)
    assert light.reports == 2


def test_the_index_alone_answers_only_for_files_it_holds_as_they_are(indexed, tmp_path):
    """search_project reads nothing: for files indexed and unchanged it gives the hits that
    search_index gives; for a new file it says the index must be brought up to date."""
    folder, project, _, _ = indexed
    hits, _ = search_index("bolig", [folder / "notat.pdf"], project, spec=RULES)
    found = search_project("bolig", project, [folder / "notat.pdf"], spec=RULES)
    assert found is not None and found.reports == 1
    pd.testing.assert_frame_equal(found.frame(), hits)
    # the same file read with another coder, and a file the index has not seen
    assert search_project("bolig", project, [folder / "notat.pdf"]) is None
    shutil.copy(folder / "notat.pdf", tmp_path / "ny.pdf")
    assert search_project("bolig", project, [folder, tmp_path / "ny.pdf"], spec=RULES) is None


def test_bolig_finds_compounds_with_it_first_and_last(indexed):
    folder, project, _, review = indexed
    hits, _ = search_index("bolig", [folder / "notat.pdf"], project, spec=RULES)
    found = set(hits["left"].str.lstrip("…") + hits["match"] + hits["right"].str.rstrip("…"))
    for word in ("boligsosiale", "eneboliger"):
        having = review.sentences[review.sentences["source"].str.endswith("/notat.pdf") &
                                  review.sentences["text"].str.contains(word)]["text"]
        assert len(having) and all(any(t in f or f in t for f in found) for t in having), word


def test_only_new_changed_and_gone_files_are_read_again(report_pdfs, tmp_path, monkeypatch):
    folder, project = tmp_path / "rapporter", tmp_path / "p"
    folder.mkdir()
    shutil.copy(report_pdfs["report"], folder / "notat.pdf")
    shutil.copy(report_pdfs["report"], folder / "notat_kopi.pdf")
    calls: list[tuple[int, int]] = []
    index_reports([folder], project, spec=RULES, progress=lambda d, t: calls.append((d, t)))
    # one bar: reading is the first half, coding the second
    assert calls[-1] == (4, 4) and (2, 4) in calls
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    with monkeypatch.context() as m:
        _no_reading(m)
        again = index_reports([folder], project, spec=RULES)
        assert (again.added, again.updated, again.dropped) == ([], [], [])
        assert len(again.unchanged) == 2
        # touched, same bytes: the checksum says it is the same file
        os.utime(folder / "notat.pdf", ns=(1, 1))
        assert len(index_reports([folder], project, spec=RULES).unchanged) == 2
    # changed bytes: read again; a file gone from the folder: dropped
    with (folder / "notat.pdf").open("ab") as fh:
        fh.write(b"\n% appended by an editor\n")
    (folder / "notat_kopi.pdf").unlink()
    changed = index_reports([folder], project, spec=RULES)
    assert [Path(f).name for f in changed.updated] == ["notat.pdf"]
    assert [Path(f).name for f in changed.dropped] == ["notat_kopi.pdf"]
    with Project(project) as store:
        assert list(ReportIndex(store).documents()["citation"]) == ["Yttredal og Brekke 2015"]


def test_another_coder_reads_everything_again(tmp_path):
    own = tmp_path / "kodebok.toml"
    shipped = files("fritekst.data").joinpath("codebook.toml").read_bytes()
    own.write_bytes(shipped + b"\n# a researcher's edit\n")
    other = CoderSpec(codebook=own, rules_only=True)
    assert built_with(other, None) != built_with(RULES, None) != built_with(CoderSpec(), None)
    assert built_with(RULES, None) != built_with(RULES, {"line_chars": 25})


def test_index_search_and_literature_from_the_command_line(indexed, tmp_path, capsys,
                                                           monkeypatch):
    folder, project, _, _ = indexed
    monkeypatch.chdir(tmp_path)  # no project here
    shutil.copytree(project, tmp_path / "p")
    code, _, err = run_cli(capsys, monkeypatch, "index", folder, "--project", "p",
                           "--rules-only")
    assert code == 0, err
    assert err.splitlines()[-1] == ("0 added, 0 read again, 2 unchanged, 0 dropped; 2 reports "
                                    "indexed in p/fritekst.db.")
    _, direct, _ = run_cli(capsys, monkeypatch, "search", "bustad", folder, "--rules-only",
                           "--municipality", "Volda")
    _no_reading(monkeypatch)
    code, indexed, err = run_cli(capsys, monkeypatch, "search", "bustad", "--project", "p",
                                 "--municipality", "Volda")
    assert code == 0, err
    assert indexed == direct and indexed.count("\n") == 4
    assert err == "4 hits in 2 reports.\n"
    monkeypatch.chdir(tmp_path / "p")  # inside the project, its index is used
    code, as_json, err = run_cli(capsys, monkeypatch, "literature", "--json")
    assert code == 0, err
    assert '"sentences": 1614' in as_json


def test_a_search_in_the_index_loads_neither_pandas_nor_the_coder(indexed):
    """What keeps 'fritekst search' on an index under a second from the shell: Python starts,
    reads the index and prints, and the heavy libraries stay unloaded."""
    _, project, _, _ = indexed
    script = ("import sys; from fritekst.cli import main; sys.argv = ['fritekst', 'search', "
              "'bolig', '--project', sys.argv[1]]\n"
              "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
              "print(sorted({'pandas', 'numpy', 'spacy', 'sklearn'} & set(sys.modules)), "
              "file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True,
                          text=True, check=True)
    assert done.stderr.splitlines()[-2:] == [f"{done.stdout.count(chr(10))} hits in 2 reports.",
                                             "[]"]
    assert done.stdout.count("\n") > 10


def test_search_without_files_or_index_says_what_to_give(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, monkeypatch, "search", "bolig")
    assert (code, out) == (1, "")
    assert err == ("Error: give PDF reports or folders (FILE_OR_DIR...), or an indexed "
                   "project with --project DIR.\n")
    code, _, err = run_cli(capsys, monkeypatch, "search", "bolig", "--project", "nowhere")
    assert code == 1 and "no fritekst project here" in err and err[-1] == "\n"


WORDS = ["bolig", "boliger", "eneboliger", "boligsosiale", "bustader", "utleieboligene",
         "kommunen", "oppfølging", "tjenester", "mangel", "samarbeid", "og", "i", "for",
         "unge", "Volda", "husbanken", "boligkontoret"]


@settings(max_examples=25, deadline=None)
@given(sentences=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
                          min_size=1, max_size=12),
       query=st.lists(st.sampled_from([*WORDS, "bustad", "kontor", "bank"]), min_size=1,
                      max_size=3))
def test_the_index_never_misses_or_adds_a_hit(sentences, query):
    """The promise: the index hands a search only fewer sentences to check, never other
    hits than a search over every sentence."""
    texts = [" ".join(words) + "." for words in sentences]
    frame = pd.DataFrame({c: [""] * len(texts) for c in SENTENCE_COLUMNS})
    frame["text"] = texts
    frame["page_index"] = range(len(texts))
    frame["status"] = "uncoded"
    frame["source"] = frame["report"] = "r.pdf"
    for col in ("confidence", "relevance"):
        frame[col] = pd.array([None] * len(texts), dtype="Float64")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp, "r.pdf")
        pdf.write_bytes(b"%PDF-1.4 stand-in")
        with Project(Path(tmp, "p")) as store:
            index = ReportIndex(store)
            info = CoderInfo({"name": "regler"}, None, {"boligmangel": "Boligmangel"})
            index._store(pdf, ReportPart(str(pdf), {"citation": "R 2020"}, frame, [], 1),
                         "stamp", info)
            hits, _ = index.search(" ".join(query))
    expected = search(frame.assign(report="R 2020"), " ".join(query))
    pd.testing.assert_frame_equal(hits.reset_index(drop=True), expected.reset_index(drop=True))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")
def test_ocr_text_is_indexed_and_serves_later_runs_without_ocr(scanned_report, tmp_path,
                                                               monkeypatch):
    project = tmp_path / "p"
    # indexed without OCR, the scan has no sentences; asked with OCR, the file is read again
    assert index_reports([scanned_report], project, spec=RULES).added
    hits, _ = search_index("tildelingspraksis", [], project, spec=RULES)
    assert hits.empty
    review = review_reports([scanned_report], project, spec=RULES, ocr=True)
    scanned = review.sentences[review.sentences["page_index"] == 1]
    assert len(scanned) >= 6 and scanned["ocr"].all()
    assert not review.sentences.loc[review.sentences["page_index"] == 0, "ocr"].any()
    # what OCR read serves a run without --ocr: nothing is read again, the marks stay
    _no_reading(monkeypatch)
    hits, _ = search_index("tildelingspraksis", [scanned_report], project, spec=RULES)
    assert list(hits["ocr"]) == [True] and list(hits["page_index"]) == [1]


def test_a_failed_first_index_leaves_no_project(tmp_path):
    bad = tmp_path / "notat.pdf"
    bad.write_text("not a pdf", encoding="utf-8")
    done = index_reports([bad], tmp_path / "p", spec=RULES)
    assert done.files == [] and len(done.failures) == 1
    assert not (tmp_path / "p").exists()

"""``fritekst report`` as a researcher runs it: the demo in, six Markdown reports out, and
one-line errors before any work."""

import shutil

import pytest

from conftest import DEMO_XLSX, run_cli
from fritekst import demo_network_files, write_reports
from fritekst.api import network_files
from fritekst.errors import InputError, SettingsError


def test_demo_reports_as_markdown(tmp_path, capsys, monkeypatch):
    out = tmp_path / "rapporter"
    code, _, err = run_cli(capsys, monkeypatch, "report", DEMO_XLSX, "-o", out, "--format",
                           "md", "--rules-only", "--min-cell", "3")
    assert code == 0, err
    assert sorted(p.name for p in out.glob("*.md")) == [
        "rapport_alta.md", "rapport_levanger.md", "rapport_ringsaker.md",
        "rapport_sammenligning.md", "rapport_stord.md", "rapport_sunndal.md"]
    assert "Wrote " in err and "Note: 23 of 100 respondents named more than one" in err
    alta = (out / "rapport_alta.md").read_text(encoding="utf-8")
    assert alta.startswith("# Det boligsosiale arbeidet i Alta\n")
    assert "Tall under 3 vises som «<3»" in alta
    assert "## Nettverket" not in alta  # no --network given
    assert (out / "rapport_sammenligning_vurdering_1.png").stat().st_size > 10_000


def test_output_that_is_a_file_is_refused_before_coding(tmp_path, capsys, monkeypatch):
    target = tmp_path / "rapport.docx"
    target.write_text("", encoding="utf-8")
    code, _, err = run_cli(capsys, monkeypatch, "report", DEMO_XLSX, "-o", target)
    assert code == 1
    assert err.strip() == (f"Error: {target}: is a file; give a folder for the reports "
                           "(-o DIR).")


def test_unknown_format_lists_the_formats(tmp_path, capsys, monkeypatch):
    code, _, err = run_cli(capsys, monkeypatch, "report", DEMO_XLSX, "-o", tmp_path,
                           "--format", "pdf")
    assert code == 2 and "docx" in err and "html" in err


def test_write_reports_names_the_formats_before_any_work(tmp_path):
    with pytest.raises(SettingsError, match=r"unknown report format 'pdf'; use one of docx, "
                       r"html, md\."):
        write_reports([DEMO_XLSX], tmp_path / "ut", fmt="pdf")
    assert not (tmp_path / "ut").exists()


def test_a_network_folder_stands_for_the_network_files_in_it(tmp_path):
    folder = tmp_path / "nettverk"
    folder.mkdir()
    for path in demo_network_files():
        shutil.copy(path, folder / path.name)
    (folder / "les_meg.pdf").write_bytes(b"%PDF")
    listed = network_files([folder])
    assert [p.name for p in listed] == sorted(p.name for p in demo_network_files())
    empty = tmp_path / "tom"
    empty.mkdir()
    with pytest.raises(InputError, match=r"tom: no network files"):
        network_files([empty])

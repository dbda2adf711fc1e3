"""Output files are written beside the target and renamed into place: an interrupted run
leaves the earlier file as it was, and a path that cannot be written is refused first."""

import os
import subprocess
from pathlib import Path

import pytest

from conftest import DEMO_XLSX, run_cli
from fritekst.errors import OutputError
from fritekst.outfiles import check_output_path, replacing, write_text


def _folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_an_interrupted_write_leaves_the_earlier_file_and_no_debris(tmp_path):
    target = write_text(tmp_path / "rapport.md", "den gamle rapporten\n")
    with pytest.raises(KeyboardInterrupt), replacing(target) as tmp:
        tmp.write_text("halvferdig", encoding="utf-8")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "den gamle rapporten\n"
    assert _folder_listing(tmp_path) == ["rapport.md"]


def test_ctrl_c_while_the_xlsx_is_written_keeps_the_old_report(tmp_path, capsys,
                                                               monkeypatch):
    target = tmp_path / "rapport.xlsx"
    code, _, err = run_cli(capsys, monkeypatch, "summarize", DEMO_XLSX, "-o", target)
    assert code == 0, err
    before = target.read_bytes()

    from fritekst.export import excel

    real_sheet, calls = excel.sheet, []

    def interrupted(*args, **kwargs):
        calls.append(args[2])
        if len(calls) == 3:  # in the middle of the workbook
            raise KeyboardInterrupt
        return real_sheet(*args, **kwargs)

    monkeypatch.setattr(excel, "sheet", interrupted)
    code, _, err = run_cli(capsys, monkeypatch, "summarize", DEMO_XLSX, "-o", target)
    assert (code, err.strip().splitlines()[-1]) == (130, "Interrupted.")
    assert "Traceback" not in err
    assert target.read_bytes() == before
    assert _folder_listing(tmp_path) == ["rapport.xlsx"]


def test_output_path_is_checked_before_the_work(tmp_path, capsys, monkeypatch):
    import fritekst.api

    def must_not_run(*args, **kwargs):
        raise AssertionError("the survey was coded before the output path was checked")

    monkeypatch.setattr(fritekst.api, "summarize_files", must_not_run)
    monkeypatch.setattr(fritekst.api, "code_files", must_not_run)
    missing = tmp_path / "finst ikkje" / "rapport.xlsx"
    for command in ("summarize", "code"):
        suffix = ".xlsx"
        code, _, err = run_cli(capsys, monkeypatch, command, DEMO_XLSX, "-o",
                               missing.with_suffix(suffix))
        assert code == 1
        assert err.strip() == (f"Error: {missing}: folder {missing.parent} does not exist; "
                               "create it first.")


def _read_only(folder: Path) -> bool:
    """Make a folder unwritable (chmod, and chattr +i for root); False if that is not
    possible here."""
    folder.chmod(0o555)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
    try:
        (folder / "probe").touch()
    except OSError:
        return True
    (folder / "probe").unlink()
    return False


def test_a_read_only_folder_is_named_as_such(tmp_path):
    folder = tmp_path / "låst"
    folder.mkdir()
    try:
        if not _read_only(folder):
            pytest.skip("cannot make a folder read-only on this machine")
        with pytest.raises(OutputError) as exc:
            check_output_path(folder / "rapport.xlsx", {".xlsx"})
        assert str(exc.value) == (f"{folder / 'rapport.xlsx'}: cannot write in folder {folder} "
                                  "(no permission); choose a folder you can write to.")
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        folder.chmod(0o755)


def test_a_file_that_cannot_be_replaced_asks_whether_excel_has_it(tmp_path, monkeypatch):
    target = write_text(tmp_path / "rapport.md", "gammel\n")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError) as exc:
        write_text(target, "ny\n")
    assert str(exc.value) == (f"{target}: cannot replace the file (is it open in Excel?); "
                              "close it or choose another name.")
    assert target.read_text(encoding="utf-8") == "gammel\n"
    assert _folder_listing(tmp_path) == ["rapport.md"]


@pytest.mark.parametrize(("name", "suffixes", "message"), [
    ("ut.docx", {".csv", ".xlsx"}, "{p}: cannot write '.docx'; use one of .csv, .xlsx."),
    ("ut", {".csv"}, "{p}: cannot write '(no suffix)'; use one of .csv."),
])
def test_unknown_suffixes_list_the_known_ones(tmp_path, name, suffixes, message):
    path = tmp_path / name
    with pytest.raises(OutputError) as exc:
        check_output_path(path, suffixes)
    assert str(exc.value) == message.format(p=path)


def test_a_folder_given_as_output_file(tmp_path):
    with pytest.raises(OutputError) as exc:
        check_output_path(tmp_path, {".xlsx"})
    assert str(exc.value) == (f"{tmp_path}: is a folder; give a file name such as "
                              f"{tmp_path / 'ut.xlsx'}.")

"""A coded file corrected by hand in Excel is summarised with its themes as they stand."""

from __future__ import annotations

import csv
import json

import pytest
from openpyxl import load_workbook

from conftest import DEMO_CSV, run_cli
from fritekst import summarize_files
from fritekst.errors import FritekstError, InputError


def _count(summary, municipality, polarity, theme) -> int:
    t = summary.themes
    return int(t[(t["municipality"] == municipality) & (t["polarity"] == polarity) &
                 (t["theme"] == theme)]["respondents"].sum())


@pytest.fixture
def coded_xlsx(tmp_path, capsys, monkeypatch):
    out = tmp_path / "kodet.xlsx"
    code, _, _ = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "-o", out, "--rules-only")
    assert code == 0
    return out


def test_a_corrected_coded_file_counts_the_corrections(coded_xlsx, tmp_path, coder):
    before = summarize_files([coded_xlsx], coder=coder)
    wb = load_workbook(coded_xlsx)
    ws = wb["Kodet"]
    head = [c.value for c in ws[1]]
    col = {name: head.index(name) + 1 for name in head}
    # the researcher takes boligmangel off every challenge unit in Levanger
    changed = 0
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col["municipality"]).value == "Levanger" and \
                ws.cell(r, col["polarity"]).value == "utfordring" and \
                ws.cell(r, col["themes"]).value and \
                "boligmangel" in ws.cell(r, col["themes"]).value:
            ws.cell(r, col["themes"]).value = "tildeling"
            changed += 1
    wb.save(tmp_path / "rettet.xlsx")
    after = summarize_files([tmp_path / "rettet.xlsx"], coder=coder)
    assert changed > 0
    assert _count(before, "Levanger", "utfordring", "boligmangel") > 0
    assert _count(after, "Levanger", "utfordring", "boligmangel") == 0
    assert _count(after, "Levanger", "utfordring", "tildeling") >= \
        _count(before, "Levanger", "utfordring", "tildeling")
    # nothing else moved
    assert _count(after, "Volda", "utfordring", "boligmangel") == \
        _count(before, "Volda", "utfordring", "boligmangel")
    # the corrected units count as the researcher's, the rest as the model's
    assert after.meta["codes_from"] == {"human": changed, "machine": 326 - changed}
    assert after.ratings.empty


def test_a_coded_csv_and_the_errors_a_hand_edit_can_cause(tmp_path, capsys, monkeypatch,
                                                          coded_xlsx):
    out = tmp_path / "kodet.csv"
    assert run_cli(capsys, monkeypatch, "code", DEMO_CSV, "-o", out, "--rules-only")[0] == 0
    code, printed, _ = run_cli(capsys, monkeypatch, "summarize", out, "--json", "--rules-only")
    assert code == 0
    assert json.loads(printed)["meta"]["codes_from"] == {"human": 0, "machine": 326}
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    rows[3][rows[0].index("themes")] = "boligmangel;husleie"
    bad = tmp_path / "feil.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(InputError) as err:
        summarize_files([bad])
    assert str(err.value).startswith(f"{bad}, row 4: unknown theme 'husleie'; known ids: ")
    with pytest.raises(FritekstError) as err:
        summarize_files([coded_xlsx, DEMO_CSV])
    assert str(err.value) == (f"{coded_xlsx} is a file of coded units and the other files "
                              "are survey exports; summarize them apart.")

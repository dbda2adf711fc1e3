"""The researcher's whole loop on the command line, as a project would run it: import, code,
two coders review blind, agreement, retrain on the corrections, and a summary in which the
researchers' codes count before the model's."""

from __future__ import annotations

import json

import numpy as np
import pytest
from openpyxl import load_workbook
from sklearn.metrics import cohen_kappa_score

from conftest import DEMO_CSV, run_cli
from fritekst.coding.metrics import krippendorff_alpha


def _cli(capsys, monkeypatch, *args):
    code, out, err = run_cli(capsys, monkeypatch, *args)
    assert code == 0, err
    return out, err


def _fill(path, coder_themes):
    """A coder fills in the themes column, one value per row, and saves."""
    wb = load_workbook(path)
    ws = wb["Koding"]
    for row, value in enumerate(coder_themes, start=2):
        ws.cell(row=row, column=7, value=value)
    wb.save(path)
    return [int(ws.cell(row=r, column=1).value) for r in range(2, len(coder_themes) + 2)]


def test_the_whole_loop(tmp_path, capsys, monkeypatch):
    p = tmp_path / "prosjekt"
    _cli(capsys, monkeypatch, "import", DEMO_CSV, "--project", p)
    out, _ = _cli(capsys, monkeypatch, "summarize", "--project", p, "--json", "--rules-only")
    before = json.loads(out)
    assert before["meta"]["codes_from"] == {"human": 0, "machine": 326}
    # two coders each get the same 40 units, blind, in a seeded random order
    kari, ola = tmp_path / "kari.xlsx", tmp_path / "ola.xlsx"
    for name, path in (("Kari", kari), ("Ola", ola)):
        _cli(capsys, monkeypatch, "review", "export", "-o", path, "--project", p, "--coder",
             name, "--sample", "40", "--order", "random", "--seed", "3", "--blind",
             "--rules-only")
    suggested = [r[4] or "-" for r in load_workbook(kari)["Koding"].iter_rows(
        min_row=2, values_only=True)]
    # Kari takes the model's suggestions but codes every fifth unit as tildeling; Ola agrees
    # with Kari except on every seventh unit, which he leaves without a theme
    kari_codes = ["tildeling" if i % 5 == 0 else s for i, s in enumerate(suggested)]
    ola_codes = ["-" if i % 7 == 0 else s for i, s in enumerate(kari_codes)]
    ids = _fill(kari, kari_codes)
    assert _fill(ola, ola_codes) == ids
    for name, path in (("Kari", kari), ("Ola", ola)):
        _, err = _cli(capsys, monkeypatch, "review", "import", path, "--coder", name,
                      "--project", p)
        assert err.startswith(f"Stored 40 codes by {name}")
    # agreement: per theme kappa as scikit-learn computes it, alpha as summed by hand
    out, _ = _cli(capsys, monkeypatch, "agreement", "--project", p, "--coders", "Kari,Ola",
                  "--json")
    rows = [r for r in json.loads(out)["themes"] if r["coder_a"] == "Kari" and
            r["coder_b"] == "Ola"]
    by_theme = {r["theme"]: r for r in rows}

    def given(codes, theme):
        return np.array([theme in c.split(";") for c in codes], dtype=int)

    for theme in ("tildeling", "boligmangel"):
        a, b = given(kari_codes, theme), given(ola_codes, theme)
        assert by_theme[theme]["units"] == 40
        assert by_theme[theme]["kappa"] == pytest.approx(cohen_kappa_score(a, b))
        # two coders, binary: alpha = 1 - (n - 1) * disagreements / (n^2 - n0^2 - n1^2),
        # counting each unit's two values (n = 80) and each disagreement twice
        n = 2 * len(a)
        ones = int(a.sum() + b.sum())
        disagree = 2 * int((a != b).sum())
        hand = 1 - (n - 1) * disagree / (n * n - ones ** 2 - (n - ones) ** 2)
        assert by_theme[theme]["alpha"] == pytest.approx(hand)
        assert by_theme[theme]["alpha"] == pytest.approx(
            krippendorff_alpha(list(zip(a, b, strict=True))))
    # learn from the corrections (the project's units alone keep the test quick)
    _, err = _cli(capsys, monkeypatch, "train", "--from-project", "--project", p,
                  "--only-project", "-o", tmp_path / "v2")
    assert "on 40 units (40 coded in the project)" in err
    # the summary counts the newest researcher's code (Ola imported last) before the model's
    out, _ = _cli(capsys, monkeypatch, "summarize", "--project", p, "--json", "--rules-only")
    after = json.loads(out)
    assert after["meta"]["codes_from"] == {"human": 40, "machine": 286}
    tildeling = sum(t["respondents"] for t in after["themes"] if t["theme"] == "tildeling")
    was = sum(t["respondents"] for t in before["themes"] if t["theme"] == "tildeling")
    assert tildeling >= was

"""The respondent × theme matrix agrees with the theme tables, and keeps its labels in .sav."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import DEMO_CSV, run_cli
from fritekst import respondent_table, summarize_files, write_matrix


@pytest.fixture(scope="module")
def matrix(coder):
    return respondent_table([DEMO_CSV], coder=coder)


def test_each_column_counts_what_the_theme_tables_count(matrix, coder):
    summary = summarize_files([DEMO_CSV], coder=coder)
    table = matrix.table
    assert len(table) == 100 and table["respondent"].is_unique
    for _, r in summary.themes.iterrows():
        prefix = {"styrke": "sty", "utfordring": "utf", "": "tema"}[r["polarity"]]
        here = table[table["municipality"] == r["municipality"]]
        assert here[f"{prefix}_{r['theme']}"].sum() == r["respondents"], (r["municipality"],
                                                                          r["theme"])
        assert here[f"svarte_{prefix}"].sum() == r["answered"]
    # a theme is 1 only for someone who answered that kind of question
    assert ((table["utf_boligmangel"] == 1) <= (table["svarte_utf"] == 1)).all()


def test_ratings_keep_their_values_and_vet_ikke(matrix):
    from fritekst.extract.survey import load_survey

    ratings = load_survey([DEMO_CSV]).ratings
    first = ratings["item"].iloc[0]
    assert matrix.labels["vurdering_1"] == first
    sub = ratings[ratings["item"] == first].set_index("respondent")
    got = matrix.table.set_index("respondent")["vurdering_1"]
    for rid, row in sub.iterrows():
        want = 99 if row["dont_know"] else row["value"]
        assert got[rid] == want, rid
    assert matrix.missing["vurdering_1"] == [99]


def test_sav_has_variable_and_value_labels(matrix, tmp_path):
    pyreadstat = pytest.importorskip("pyreadstat")
    path = write_matrix(matrix, tmp_path / "tema.sav")[0]
    df, meta = pyreadstat.read_sav(str(path), user_missing=True)
    assert df.shape == matrix.table.shape
    assert meta.column_names_to_labels["utf_boligmangel"] == \
        "Utfordring: Mangel på egnede boliger"
    assert meta.variable_value_labels["utf_boligmangel"] == {0.0: "Ikke nevnt", 1.0: "Nevnt"}
    assert meta.variable_value_labels["vurdering_1"] == {99.0: "Vet ikke"}
    assert meta.missing_ranges["vurdering_1"] == [{"lo": 99.0, "hi": 99.0}]
    assert df["utf_boligmangel"].sum() == matrix.table["utf_boligmangel"].sum()


def test_export_matrix_on_the_command_line(tmp_path, capsys, monkeypatch):
    out = tmp_path / "tema.xlsx"
    code, _, err = run_cli(capsys, monkeypatch, "export", "matrix", DEMO_CSV, "-o", out,
                           "--rules-only")
    assert code == 0
    assert err.splitlines() == ["100 respondents, 56 columns.", f"Wrote {out}"]
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["Respondenter", "Variabler"]
    assert len(sheets["Respondenter"]) == 100
    code, _, err = run_cli(capsys, monkeypatch, "export", "matrix", DEMO_CSV, "-o",
                           tmp_path / "tema.dta")
    assert (code, err) == (1, f"Error: {tmp_path / 'tema.dta'}: cannot write '.dta'; use one "
                              "of .csv, .sav, .xlsx.\n")

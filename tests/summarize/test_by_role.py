"""Theme and rating tables by function: the same counting and suppression, «Alle» = the
municipality's own figure, and a respondent with several functions counted under each."""

import pandas as pd
import pytest

from conftest import CHALLENGE_Q, DEMO_XLSX, RATING_Q, STRENGTH_Q, write_delimited
from fritekst.api import summarize_files
from fritekst.errors import ColumnError, FritekstError
from fritekst.summarize.roles import ALL
from fritekst.summarize.tables import TOTAL

FUNCTION_Q = "Hvilken funksjon har du i det boligsosiale arbeidet?"
OPTIONS = ["Tildeling", "NAV", "Politisk nivå"]


@pytest.fixture
def survey(tmp_path):
    header = ["Respondent-ID", "Kommune", *[f"{FUNCTION_Q} - {o}" for o in OPTIONS],
              STRENGTH_Q, CHALLENGE_Q, RATING_Q]
    rows = [
        # 1 works in allocation and at NAV: counts under both, once in «Alle»
        ["1", "Volda", "Tildeling", "NAV", "", "Tildelingsgruppa", "For få boliger", "4"],
        ["2", "Volda", "Tildeling", "", "", "Godt samarbeid", "Boligmangel", "2"],
        ["3", "Volda", "", "NAV", "", "", "Mangel på utleieboliger", "5"],
        ["4", "Volda", "", "", "Politisk nivå", "Startlån", "Uklar ansvarsfordeling",
         "Vet ikke"],
        ["5", "Volda", "", "", "", "", "For få kommunale boliger", "3"],  # ticked nothing
        ["6", "Ørsta", "Tildeling", "", "", "", "Ikkje nok bustader", "6"],
        ["7", "Ørsta", "Tildeling", "NAV", "", "", "For få bustader", "1"],
    ]
    return write_delimited(tmp_path / "eksport.csv", header, rows, encoding="cp1252",
                           delimiter=";")


def _count(themes, muni, role, pol, theme, column="respondents"):
    sub = themes[(themes.municipality == muni) & (themes.role == role) &
                 (themes.polarity == pol) & (themes.theme == theme)]
    return sub[column].tolist()


def test_a_respondent_with_several_functions_counts_under_each(survey, coder):
    s = summarize_files([survey], coder=coder, by="role")
    t = s.by_role.themes
    assert s.by_role.roles == ["Tildeling", "NAV", "Politisk nivå", "Ikke oppgitt"]
    # housing shortage in Volda: 1 (Tildeling+NAV), 2 (Tildeling), 3 (NAV), 5 (none)
    assert _count(t, "Volda", "Tildeling", "utfordring", "boligmangel") == [2]
    assert _count(t, "Volda", "NAV", "utfordring", "boligmangel") == [2]
    assert _count(t, "Volda", "Ikke oppgitt", "utfordring", "boligmangel") == [1]
    assert _count(t, "Volda", ALL, "utfordring", "boligmangel") == [4]
    # the function rows add up to more than the municipality: 1 is in two of them
    roles = t[(t.municipality == "Volda") & (t.role != ALL) & (t.polarity == "utfordring")
              & (t.theme == "boligmangel")]
    assert roles["respondents"].sum() == 5
    # shares are of those in the function who answered a question of that polarity
    assert _count(t, "Volda", "Tildeling", "utfordring", "boligmangel", "answered") == [2]
    assert _count(t, "Volda", "Politisk nivå", "utfordring", "ansvarsavklaring", "share") \
        == [1.0]
    # across the municipalities
    assert _count(t, TOTAL, "Tildeling", "utfordring", "boligmangel") == [4]
    assert _count(t, TOTAL, ALL, "utfordring", "boligmangel") == [6]
    assert any("several functions counts under each" in n for n in s.meta["notes"])
    assert "1 of 7 respondents named more than one function." not in s.meta["notes"]
    assert "2 of 7 respondents named more than one function." in s.meta["notes"]


def test_ratings_by_function(survey, coder):
    s = summarize_files([survey], coder=coder, by="role")
    r = s.by_role.ratings.set_index(["municipality", "role"])
    # Volda, Tildeling: 4 and 2; NAV: 4 and 5; Politisk nivå: Vet ikke only
    assert (r.loc[("Volda", "Tildeling"), "n"], r.loc[("Volda", "Tildeling"), "mean"]) == (2, 3.0)
    assert (r.loc[("Volda", "NAV"), "n"], r.loc[("Volda", "NAV"), "mean"]) == (2, 4.5)
    assert r.loc[("Volda", "Politisk nivå"), "dont_know"] == 1
    assert pd.isna(r.loc[("Volda", "Politisk nivå"), "mean"])
    assert r.loc[(TOTAL, "Tildeling"), "n"] == 4
    assert r.loc[(TOTAL, "Tildeling"), "distribution"]["1"] == 25.0
    assert ("Ørsta", "Politisk nivå") not in r.index  # nobody there has that function


def _alle_equals_the_tables_without_roles(s):
    t, main = s.by_role.themes, s.themes
    alle = t[(t.role == ALL) & (t.municipality != TOTAL)]
    cols = ["municipality", "polarity", "theme", "respondents", "answered"]
    pd.testing.assert_frame_equal(
        alle[cols].sort_values(cols).reset_index(drop=True),
        main[cols].sort_values(cols).reset_index(drop=True))
    total = t[(t.role == ALL) & (t.municipality == TOTAL)]
    for pol, matrix in s.matrices.items():
        labels = dict(zip(total.loc[total.polarity == pol, "label"],
                          total.loc[total.polarity == pol, "respondents"], strict=True))
        sums = matrix.sum(axis=1)
        assert {k: v for k, v in sums.items() if v} == labels
    r = s.by_role.shown_ratings(s.min_cell)
    shown = s.shown_ratings()
    got = r[r.role == ALL].drop(columns="role").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, shown.reset_index(drop=True))


@pytest.mark.parametrize("min_cell", [0, 3])
def test_alle_is_the_municipality_total_of_the_demo(min_cell):
    s = summarize_files([DEMO_XLSX], by="role", min_cell=min_cell)
    _alle_equals_the_tables_without_roles(s)
    # every demo respondent counts in «Alle» once, and at least once under a function
    answered = s.by_role.answered
    for (muni, pol), grp in answered[answered.municipality != TOTAL].groupby(
            ["municipality", "polarity"]):
        alle = grp.loc[grp.role == ALL, "answered"].item()
        assert grp.loc[grp.role != ALL, "answered"].sum() >= alle
        assert alle == s.responses.set_index("municipality").at[
            muni, f"answered_{pol or 'uten_polaritet'}"]


def test_tables_without_by_role_are_unchanged(survey, coder):
    plain = summarize_files([survey], coder=coder)
    with_roles = summarize_files([survey], coder=coder, by="role")
    assert plain.by_role is None and "by_role" not in plain.to_json()
    pd.testing.assert_frame_equal(plain.themes, with_roles.themes)
    pd.testing.assert_frame_equal(plain.ratings, with_roles.ratings)


def test_small_cells_are_hidden_by_function(survey, coder):
    s = summarize_files([survey], coder=coder, by="role", min_cell=2)
    t = s.shown_role_themes()
    # one respondent: "<2", no share; two: shown
    row = t[(t.municipality == "Volda") & (t.role == "Ikke oppgitt") &
            (t.theme == "boligmangel")].iloc[0]
    assert (row.respondents, row.answered, row.share) == ("<2", "<2", None)
    row = t[(t.municipality == "Volda") & (t.role == "Tildeling") &
            (t.theme == "boligmangel") & (t.polarity == "utfordring")].iloc[0]
    assert (row.respondents, row.answered, row.share) == (2, 2, 1.0)
    r = s.by_role.shown_ratings(2).set_index(["municipality", "role"])
    assert r.loc[("Volda", "Politisk nivå"), "n"] == "<2"
    assert r.loc[("Volda", "Politisk nivå"), "distribution"] is None
    # Volda NAV rated 4 and 5, one each: both cells left out, N 2 shown
    dist = r.loc[("Volda", "NAV"), "distribution"]
    assert r.loc[("Volda", "NAV"), "n"] == 2 and dist["4"] is None and dist["5"] is None
    # Ørsta's NAV row of one person hides NAV's Totalt row (Totalt minus Volda would give
    # it away), as a small municipality row hides its item's «Totalt»
    assert r.loc[("Ørsta", "NAV"), "n"] == "<2"
    assert r.loc[(TOTAL, "NAV"), "n"] is None and r.loc[(TOTAL, "NAV"), "distribution"] is None
    assert r.loc[(TOTAL, "Tildeling"), "n"] == 4
    data = s.to_json()["by_role"]
    assert data["roles"] == ["Tildeling", "NAV", "Politisk nivå", "Ikke oppgitt"]
    assert all(x["respondents"] == "<2" or x["respondents"] >= 2 for x in data["themes"])
    assert all(x["n"] in ("<2", None) or x["n"] == 0 or x["n"] >= 2 for x in data["ratings"])


def test_a_cell_one_function_row_alone_leaves_out_takes_another_with_it(tmp_path, coder):
    # everyone has one function: «Alle» is the sum of the function rows, so a cell that only
    # one function row leaves out would be «Alle» minus the others; a second one goes too
    header = ["Kommune", "Funksjon", CHALLENGE_Q, RATING_Q]
    rows = ([["Volda", "Tildeling", "Boligmangel", "4"]] * 3
            + [["Volda", "Tildeling", "Boligmangel", "5"]]
            + [["Volda", "NAV", "Boligmangel", "5"]] * 4
            + [["Volda", "NAV", "Boligmangel", "6"]] * 3)
    path = write_delimited(tmp_path / "x.csv", header, rows)
    s = summarize_files([path], coder=coder, by="role", min_cell=2)
    r = s.by_role.shown_ratings(2).set_index("role")
    assert r.loc[ALL, "distribution"]["5"] is not None  # 5 people: shown in «Alle»
    assert r.loc["Tildeling", "distribution"]["5"] is None  # one person
    assert r.loc["NAV", "distribution"]["5"] is None  # else «Alle» − NAV = Tildeling's


def test_by_role_without_a_function_column_says_how_to_name_it(tmp_path, coder):
    path = write_delimited(tmp_path / "x.csv", ["Kommune", CHALLENGE_Q],
                           [["Volda", "For få boliger"]])
    with pytest.raises(ColumnError, match="no column with the respondents' functions found; "
                       "name it with --role-column COLUMN"):
        summarize_files([path], coder=coder, by="role")
    with pytest.raises(FritekstError, match="--by kommune: break the tables down by one of "
                       "role"):
        summarize_files([path], coder=coder, by="kommune")


def test_a_file_without_functions_counts_as_not_given(survey, tmp_path, coder):
    other = write_delimited(tmp_path / "annen.csv", ["Kommune", CHALLENGE_Q, RATING_Q],
                            [["Hareid", "For få boliger", "3"]])
    s = summarize_files([survey, other], coder=coder, by="role")
    t = s.by_role.themes
    assert _count(t, "Hareid", "Ikke oppgitt", "utfordring", "boligmangel") == [1]
    assert f"{other}: no function column, so its respondents count as «Ikke oppgitt»." \
        in s.meta["notes"]

"""The respondents' functions: found in checkbox matrices and listing cells, read per row."""

import pytest

from conftest import CHALLENGE_Q, RATING_Q, write_delimited, write_xlsx
from fritekst.errors import ColumnError
from fritekst.extract.columns import ColumnOptions
from fritekst.extract.survey import load_survey

FUNCTION_Q = "Hvilken funksjon har du i det boligsosiale arbeidet?"


def _roles(survey) -> dict[str, list[str]]:
    """respondent → functions, in the order read."""
    out: dict[str, list[str]] = {}
    for r in survey.roles.itertuples(index=False):
        out.setdefault(r.respondent, []).append(r.role)
    return out


def test_checkbox_matrix_with_option_texts_in_a_norwegian_excel_csv(tmp_path):
    options = ["Tildeling", "Oppfølging/miljøtjeneste", "NAV", "Politisk nivå"]
    header = ["Respondent-ID", "Kommune", *[f"{FUNCTION_Q} - {o}" for o in options],
              CHALLENGE_Q, RATING_Q]
    rows = [
        ["1", "Volda", "Tildeling", "", "NAV", "", "For få bustader", "4"],
        ["2", "Volda", "", "Oppfølging/miljøtjeneste", "", "", "Uklart ansvar", "3"],
        ["3", "Ørsta", "", "", "", "", "Boligmangel", "Vet ikke"],  # ticked nothing
        ["4", "Ørsta", "", "", "", "Politisk nivå", "Lite fokus", "2"],
    ]
    path = write_delimited(tmp_path / "eksport.csv", header, rows, encoding="cp1252",
                           delimiter=";")
    s = load_survey([path])
    plan = s.plans[str(path)]
    assert plan["role"] == header[2:6]
    assert plan["ignored"] == []
    assert _roles(s) == {"1": ["Tildeling", "NAV"], "2": ["Oppfølging/miljøtjeneste"],
                         "3": ["Ikke oppgitt"], "4": ["Politisk nivå"]}
    assert (f"{path}: the respondents' functions read from the checkbox matrix '{FUNCTION_Q}' "
            "(4 options: Tildeling, Oppfølging/miljøtjeneste, NAV, Politisk nivå)") in s.notes
    # the functions are not read as answers or ratings
    assert set(s.units["question"]) == {CHALLENGE_Q}
    assert set(s.ratings["item"]) == {RATING_Q}


def test_checkbox_matrix_of_ones_and_zeros_under_a_merged_two_row_header(tmp_path):
    grid = [
        ["Kommune", FUNCTION_Q, None, None, "Hva er de største utfordringene?"],
        [None, "Tildeling", "NAV", "Ledelse", None],
        ["Alta", 1, 0, 1, "Boligmangel"],
        ["Alta", 0, 1, 0, "Tid"],
        ["Alta", 0, 0, 0, "For få folk"],
        ["Alta", None, 1, None, "Samarbeid"],
    ]
    path = write_xlsx(tmp_path / "eksport.xlsx", grid, merges=["B1:D1"])
    s = load_survey([path])
    assert s.plans[str(path)]["role"] == [f"{FUNCTION_Q} - {o}" for o in
                                          ("Tildeling", "NAV", "Ledelse")]
    assert _roles(s) == {"rad 3": ["Tildeling", "Ledelse"], "rad 4": ["NAV"],
                         "rad 5": ["Ikke oppgitt"], "rad 6": ["NAV"]}


def test_one_cell_listing_functions_with_any_separator(tmp_path):
    header = ["Kommune", "Kva funksjon har du i det bustadsosiale arbeidet?",
              "Kva er dei største utfordringane?"]
    rows = [
        ["Stord", "Tildeling; NAV", "For få bustader"],
        ["Stord", "tildeling\nLeiing", "Tid"],
        ["Stord", "Politisk nivå, NAV", "Lite samarbeid"],
        ["Stord", "NAV | Tildeling", "Uklart ansvar"],
        ["Stord", "Bygg, eigedom", "Boligmangel"],
        ["Stord", "Bygg, eigedom", "Tid"],
        ["Stord", "Vet ikke", "Ingen bustader"],
        ["Stord", "", "Ingen bustader"],
    ]
    path = write_delimited(tmp_path / "x.csv", header, rows, delimiter=";", encoding="cp1252")
    s = load_survey([path])
    assert s.plans[str(path)]["role"] == ["Kva funksjon har du i det bustadsosiale arbeidet?"]
    assert _roles(s) == {
        "rad 2": ["Tildeling", "NAV"], "rad 3": ["Tildeling", "Leiing"],
        "rad 4": ["Politisk nivå", "NAV"], "rad 5": ["NAV", "Tildeling"],
        # an option with a comma that rows give whole is one function
        "rad 6": ["Bygg, eigedom"], "rad 7": ["Bygg, eigedom"],
        "rad 8": ["Ikke oppgitt"], "rad 9": ["Ikke oppgitt"]}


@pytest.mark.parametrize("header", [
    "Hvilken funksjon har du?", "Kva funksjon har du i nettverket?", "Din rolle",
    "Hvilken stilling har du?", "Hvilket tjenesteområde arbeider du i?",
    "Kva tenesteområde jobbar du i?"])
def test_role_headers_in_bokmal_and_nynorsk(tmp_path, header):
    rows = [["Volda", "Tildeling", "For få boliger"], ["Volda", "NAV", "Tid"],
            ["Volda", "Tildeling", "Uklart ansvar"]]
    path = write_delimited(tmp_path / "x.csv", ["Kommune", header, CHALLENGE_Q], rows)
    assert load_survey([path]).plans[str(path)]["role"] == [header]


@pytest.mark.parametrize("header, answers", [
    ("Beskriv din rolle i samarbeidet", ["Jeg har ansvar for tildeling av kommunale boliger "
                                         "og møter i tildelingsgruppa hver uke.",
                                         "Saksbehandler i NAV, jobber mest med bostøtte.",
                                         "Leder av hjemmetjenesten."]),
    ("Hvor lenge har du hatt din stilling?", ["2 år", "10", "5"]),
])
def test_prose_and_other_questions_about_the_role_are_not_the_role(tmp_path, header, answers):
    rows = [["Volda", a, "For få boliger"] for a in answers]
    path = write_delimited(tmp_path / "x.csv", ["Kommune", header, CHALLENGE_Q], rows)
    assert load_survey([path]).plans[str(path)]["role"] == []


def test_a_checkbox_matrix_of_another_question_is_not_the_role(tmp_path):
    q = "Hvilke virkemidler bruker kommunen?"
    header = ["Kommune", f"{q} - Startlån", f"{q} - Bostøtte", CHALLENGE_Q]
    rows = [["Volda", "Startlån", "", "For få boliger"], ["Volda", "", "Bostøtte", "Tid"]]
    s = load_survey([write_delimited(tmp_path / "x.csv", header, rows)])
    assert s.plans[str(tmp_path / "x.csv")]["role"] == []
    assert set(s.roles["role"]) == {"Ikke oppgitt"}


def test_role_column_option_names_a_column_or_a_matrix_question(tmp_path):
    header = ["Kommune", "Bakgrunn", "Enhet - Tildeling", "Enhet - NAV", CHALLENGE_Q]
    rows = [["Volda", "Tildeling, NAV", "x", "", "For få boliger"],
            ["Volda", "Ledelse", "", "x", "Tid"]]
    path = write_delimited(tmp_path / "x.csv", header, rows)
    s = load_survey([path], ColumnOptions(role_columns=["Bakgrunn"]))
    assert s.plans[str(path)]["role"] == ["Bakgrunn"]
    assert _roles(s) == {"rad 2": ["Tildeling", "NAV"], "rad 3": ["Ledelse"]}
    s = load_survey([path], ColumnOptions(role_columns=["enhet"]))
    assert s.plans[str(path)]["role"] == ["Enhet - Tildeling", "Enhet - NAV"]
    assert _roles(s) == {"rad 2": ["Tildeling"], "rad 3": ["NAV"]}
    with pytest.raises(ColumnError, match="no column 'Funksjon' \\(--role-column\\)"):
        load_survey([path], ColumnOptions(role_columns=["Funksjon"]))


def test_rows_of_one_respondent_give_the_functions_of_all_their_rows(tmp_path):
    header = ["Respondent-ID", "Kommune", "Funksjon", CHALLENGE_Q]
    rows = [["7", "Volda", "Tildeling", "For få boliger"], ["7", "Volda", "NAV", "Tid"],
            ["8", "Volda", "", "Tid"], ["8", "Volda", "", "Uklart ansvar"]]
    s = load_survey([write_delimited(tmp_path / "x.csv", header, rows)])
    assert _roles(s) == {"7": ["Tildeling", "NAV"], "8": ["Ikke oppgitt"]}


def test_other_please_specify_box_of_the_matrix_ticks_its_option(tmp_path):
    header = ["Kommune", f"{FUNCTION_Q} - Tildeling", f"{FUNCTION_Q} - NAV",
              f"{FUNCTION_Q} - Annet, spesifiser", CHALLENGE_Q]
    rows = [["Volda", "Tildeling", "", "", "For få boliger"],
            ["Volda", "", "NAV", "boligkonsulent", "Tid"],
            ["Volda", "", "", "Rådgiver i kommunalteknikk", "Uklart ansvar"]]
    s = load_survey([write_delimited(tmp_path / "x.csv", header, rows)])
    assert s.plans[str(tmp_path / "x.csv")]["role"] == header[1:4]
    assert _roles(s) == {"rad 2": ["Tildeling"], "rad 3": ["NAV", "Annet, spesifiser"],
                         "rad 4": ["Annet, spesifiser"]}
    # a matrix of one option and the other box is a matrix still, not a listing column
    s = load_survey([write_delimited(tmp_path / "y.csv", header[:2] + header[3:],
                                     [r[:2] + r[3:] for r in rows])])
    assert s.plans[str(tmp_path / "y.csv")]["role"] == [header[1], header[3]]
    assert _roles(s)["rad 2"] == ["Tildeling"]
    # a role-worded matrix with a column of prose under an option is not read as functions
    rows[0][2] = "Jeg jobber med mye forskjellig, både NAV-saker og tildeling av boliger"
    rows[1][2] = "Også litt NAV-arbeid, men mest annet, som oppfølging i hjemmet"
    s = load_survey([write_delimited(tmp_path / "z.csv", header, rows)])
    assert s.plans[str(tmp_path / "z.csv")]["role"] == []

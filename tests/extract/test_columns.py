import pytest

from fritekst.errors import ColumnError
from fritekst.extract.columns import (
    ColumnOptions,
    parse_scale_value,
    plan_columns,
    polarity_from_text,
)


def _plan(header, rows, **opts):
    return plan_columns(header, rows, ColumnOptions(**opts), "eksport.csv")


@pytest.mark.parametrize(("suffixes", "stem"), [
    ((" - Styrke 1", " - Styrke 2"), "Hva er de viktigste styrkene?"),
    ((" - 1", " - 2"), "Hva er de viktigste styrkene?"),
    ((" (1)", " (2)"), "Hva er de viktigste styrkene?"),
    ((": Styrke 1", ": Styrke 2"), "Hva er de viktigste styrkene?"),
    ((" – 1", " – 2"), "Hva er de viktigste styrkene?"),
])
def test_two_boxes_of_one_question_merge(suffixes, stem):
    header = ["Kommune", stem + suffixes[0], stem + suffixes[1]]
    rows = [["Volda", "Samarbeid på tvers", "Korte avstander"],
            ["Rissa", "Tildelingsteamet", "Engasjerte ansatte"]]
    plan = _plan(header, rows)
    assert len(plan.questions) == 1
    q = plan.questions[0]
    assert q.name == stem
    assert q.columns == header[1:]
    assert q.polarity == "styrke"


@pytest.mark.parametrize(("question", "polarity"), [
    ("Ut fra ditt ståsted, hva opplever du som de to viktigste styrkene i det boligsosiale "
     "arbeidet i din kommune?", "styrke"),
    ("Kva opplever du som dei to største utfordringane i det bustadsosiale arbeidet?",
     "utfordring"),
    ("Kva er dei viktigaste styrkane i arbeidet?", "styrke"),
    ("Hva er de største utfordringene knyttet til samordning?", "utfordring"),
    ("Hva fungerer dårlig i samarbeidet?", "utfordring"),
    ("Hva fungerer godt i samarbeidet?", "styrke"),
    ("Hva kan forbedres?", "utfordring"),
    ("Andre kommentarer", None),
    ("Hva er styrker og utfordringer?", None),
])
def test_polarity_from_question_text(question, polarity):
    assert polarity_from_text(question) == polarity


def test_detects_municipality_id_rating_and_text():
    header = ["Resp.nr", "Startet", "Hvilken kommune jobber du i?",
              "Hvilken funksjon har du?",
              "Hvor godt mener du at SAMORDNINGEN fungerer?",
              "Hva er de største utfordringene?"]
    rows = [
        [str(30400 + i), f"2025-09-0{i % 9 + 1} 10:1{i % 10}", muni, func, rating, text]
        for i, (muni, func, rating, text) in enumerate([
            ("Volda", "Tildeling", "4", "For få bustader"),
            ("Volda", "NAV", "Vet ikke", "Uklar ansvarsfordeling mellom einingane"),
            ("Rissa", "Tildeling", "1 - Svært dårlig", "Vi har ikke noe å tilby"),
            ("Rissa", "NAV", "6 - Svært godt", ""),
            ("Oppdal", "Tildeling", "", "Tid og ressurser"),
            ("Oppdal", "NAV", "3", "Lite oppfølging"),
        ])
    ]
    plan = _plan(header, rows)
    assert plan.municipality == "Hvilken kommune jobber du i?"
    assert plan.id == "Resp.nr"
    assert plan.ratings == ["Hvor godt mener du at SAMORDNINGEN fungerer?"]
    assert [q.name for q in plan.questions] == ["Hva er de største utfordringene?"]
    assert plan.roles == ["Hvilken funksjon har du?"]  # the function, read since issue 14
    assert set(plan.ignored) == {"Startet"}


def test_options_override_detection():
    header = ["id", "text", "sted"]
    rows = [["1", "For få boliger", "Volda"], ["2", "Uklart ansvar", "Volda"]]
    plan = _plan(header, rows, id_column="id", text_columns=["text"],
                 municipality_column="sted", polarity={"text": "utfordring"})
    assert (plan.id, plan.municipality) == ("id", "sted")
    assert plan.questions[0].polarity == "utfordring"


def test_unknown_column_names_the_file_and_lists_columns():
    with pytest.raises(ColumnError) as exc:
        _plan(["id", "text"], [["1", "x"]], text_columns=["svar"])
    assert str(exc.value) == "eksport.csv: no column 'svar' (--text-column). Columns are: 'id', " \
                             "'text'"


def test_bad_polarity_values():
    with pytest.raises(ColumnError) as exc:
        ColumnOptions(polarity={"text": "positiv"})
    assert str(exc.value) == "--polarity text=positiv: polarity must be one of styrke, utfordring."
    with pytest.raises(ColumnError) as exc:
        ColumnOptions.parse_polarity(["styrke"])
    assert str(exc.value) == "--polarity 'styrke': write it as COLUMN=styrke or COLUMN=utfordring."
    with pytest.raises(ColumnError) as exc:
        _plan(["id", "text"], [["1", "x y"]], text_columns=["text"],
              polarity={"annet": "styrke"})
    assert str(exc.value) == "eksport.csv: --polarity names 'annet', which is not a free-text " \
                             "column."


@pytest.mark.parametrize(("raw", "value"), [
    ("4", 4), ("1 - Svært dårlig", 1), ("6 - Svært godt", 6), ("6 – Svært godt", 6),
    ("3.0", 3), ("Vet ikke", "dont_know"), ("vet ikkje", "dont_know"), ("", None),
    ("Svært godt", 6), ("  2 ", 2),
])
def test_scale_values(raw, value):
    assert parse_scale_value(raw) == value


@pytest.mark.parametrize("raw", ["7", "0", "fint", "4,5"])
def test_values_off_the_scale(raw):
    with pytest.raises(ValueError) as exc:
        parse_scale_value(raw)
    assert str(exc.value) == raw   # the survey quotes it in the error the user sees

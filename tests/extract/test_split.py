import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fritekst.extract.split import is_non_answer, split_units


@pytest.mark.parametrize(("text", "units"), [
    ("1) For få boliger 2) Uklar ansvarsfordeling",
     ["For få boliger", "Uklar ansvarsfordeling"]),
    ("1. Mangel på boliger. 2. Lite oppfølging.", ["Mangel på boliger.", "Lite oppfølging."]),
    ("1) bustader, 2) tid", ["bustader", "tid"]),
    ("- For få boliger\n- Uklar ansvarsfordeling", ["For få boliger", "Uklar ansvarsfordeling"]),
    ("• Boligmangel\n• Samordning", ["Boligmangel", "Samordning"]),
    ("Boligmangel\nOppfølging i bolig\n", ["Boligmangel", "Oppfølging i bolig"]),
    ("- for få boliger - lite samarbeid", ["for få boliger", "lite samarbeid"]),
    ("For få boliger; uklar ansvarsfordeling", ["For få boliger", "uklar ansvarsfordeling"]),
    ("For få boliger og uklar ansvarsfordeling", ["For få boliger", "uklar ansvarsfordeling"]),
    ("For få boliger. Uklar ansvarsfordeling.", ["For få boliger.", "Uklar ansvarsfordeling."]),
])
def test_splits_lists_into_units(text, units):
    assert split_units(text) == units


@pytest.mark.parametrize("text", [
    "Samarbeid mellom NAV og helse",
    "samarbeid og koordinering",
    "Vi kjenner kommunen og folka godt",
    "Det finnes rett og slett ikke boliger for rusavhengige",
    "Både tildeling og oppfølging fungerer godt",
    "Hvem har ansvaret for en leietaker som ruser seg og trenger helsehjelp?",
    "Mangel på boliger gjør det vanskelig å bosette flyktninger, og ventelistene blir lengre.",
    "Tiltak 2 av 5 er gjennomført",
    "Hvem eier saken? Ingen vet.",
])
def test_keeps_single_points_whole(text):
    assert split_units(text) == [text]


def test_wrapped_line_continues_sentence():
    text = ("Vi har en boligsosial handlingsplan, men den er ikke fulgt opp med penger og\n"
            "stillinger, så det blir mest ord")
    # one unit, the line break read as a space, every word kept
    assert split_units(text) == ["Vi har en boligsosial handlingsplan, men den er ikke fulgt opp "
                                 "med penger og stillinger, så det blir mest ord"]


@pytest.mark.parametrize("text", ["", "  ", "Vet ikke", "vet ikkje.", "-", "Ingen kommentar",
                                  "nei", "Nei.", "?", "...", "ikke relevant", "Veit ikkje"])
def test_non_answers(text):
    assert is_non_answer(text)


@pytest.mark.parametrize("text", ["Tid.", "Nei til mer byråkrati", "For få boliger", "NAV"])
def test_short_real_answers_are_answers(text):
    assert not is_non_answer(text)


def test_lettered_lists_and_phrases_that_say_nothing():
    assert split_units("a) boliger b) samarbeid") == ["boliger", "samarbeid"]
    assert split_units("Samarbeid med NAV og psykisk helse er dårlig") == [
        "Samarbeid med NAV og psykisk helse er dårlig"]
    for text in ["Ingen kommentarer utover dette", "Har ingen formening om dette",
                 "Ikke noe å tilføye", "Kjenner ikke til dette", "Vanskelig å svare på"]:
        assert is_non_answer(text), text
    assert not is_non_answer("Ingen boliger å tilby")


# ---- the promise in words: splitting never drops or changes a word -------------------------

_LETTERS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    """The words a reader would quote: runs of two letters or more (single letters may be
    list markers such as "a)" or Word's "o")."""
    return [w for w in _LETTERS.findall(text) if len(w) >= 2]


_MARKER = re.compile(r"\(?\d{1,2}[).:]?")


def _check_no_number_lost(text: str, units: list[str]) -> None:
    """Every figure that is not a list marker ("1)", "2.") stays as written: "1.5 årsverk",
    "12.000 kr", "2:1"."""
    joined = "\n".join(units)
    for token in text.split():
        token = token.strip(",;!?").lstrip("-–—•*·▪●")  # a bullet may touch its point
        if any(ch.isdigit() for ch in token) and not _MARKER.fullmatch(token.rstrip(".")):
            assert token.rstrip(".") in joined, (text, units, token)


def _check_no_word_lost(text: str) -> None:
    units = split_units(text)
    _check_no_number_lost(text, units)
    got = [(w, k) for k, u in enumerate(units) for w in _words(u)]
    want = _words(text)
    i = 0
    for word in want:
        if i < len(got) and got[i][0] == word:
            i += 1
            continue
        # the only word splitting may take out is the "og" that joined two points: a unit
        # boundary lies between the words around it (a point may be a bare figure: "1) og 2)")
        before = got[i - 1][1] if i > 0 else -1
        after = got[i][1] if i < len(got) else len(units)
        assert word.lower() == "og" and before < after and after >= 1, (text, units, word)
    assert i == len(got), (text, units)


_TRICKY = ["1).", "oppfølging", "ofte", "og", "o", "a", "e", "Og", "OG", "i", "å", "Tid.", "1)",
           "2)",
           "1.5", "12.000", "2:1", "24.7", "3.", "10:", "1.mai",
           "1.", "2.", "a)", "b)", "-", "–", "•", "*", "o", "Vet ikke", "bl.a.", "Ca.", "17.",
           "rus", "psykisk", "helse", "innen", "mellom", "NAV", "bustader", "For", "få"]
_SEPARATORS = [" ", "  ", "\n", "\r\n", ", ", ". ", "; ", " - ", "\n- ", "\n• ", "\no ", "\t",
               "? ", "! "]
_answers = st.lists(
    st.tuples(st.one_of(st.sampled_from(_TRICKY),
                        st.text(alphabet="abcdefghijklmnoprstuvyæøåABDFHNOSTVØÅ", min_size=1,
                                max_size=10)),
              st.sampled_from(_SEPARATORS)),
    max_size=14,
).map(lambda pairs: "".join(w + s for w, s in pairs))


@settings(max_examples=400, deadline=None)
@given(_answers)
def test_splitting_never_drops_or_changes_a_word(text):
    _check_no_word_lost(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_splitting_any_text_never_drops_or_changes_a_word(text):
    _check_no_word_lost(text)


@pytest.mark.parametrize(("text", "units"), [
    # regression: a lower-case "o" at the start was taken for a bullet
    ("oppfølging i bolig mangler", ["oppfølging i bolig mangler"]),
    ("ofte for få boliger", ["ofte for få boliger"]),
    ("o Tid\no Penger", ["Tid", "Penger"]),
    # "rus og psykisk helse" is one field, not two points
    ("Dyktige fagfolk innen rus og psykisk helse", ["Dyktige fagfolk innen rus og psykisk helse"]),
    ("Kompetanse på rus og psykisk helse", ["Kompetanse på rus og psykisk helse"]),
    # a keyword point before a longer sentence is a point of its own
    ("Tid. Vi får ikkje informasjon når nokon flyttar inn i kommunale bustader",
     ["Tid.", "Vi får ikkje informasjon når nokon flyttar inn i kommunale bustader"]),
    ("For få boliger. Vi har ventelister på over to år for kommunale boliger i sentrum",
     ["For få boliger.", "Vi har ventelister på over to år for kommunale boliger i sentrum"]),
    # a figure at the start is no list marker (regression: "1.5" became "5")
    ("1.5 årsverk er for lite", ["1.5 årsverk er for lite"]),
    ("12.000 kr i tilskudd hjelper", ["12.000 kr i tilskudd hjelper"]),
    ("For lite penger\n10.000 kr er for lite", ["For lite penger", "10.000 kr er for lite"]),
    ("2:1 fordeling av kostnader", ["2:1 fordeling av kostnader"]),
    ("1)Tid\n2)Penger", ["Tid", "Penger"]),
    ("1.Tid\n2.Penger", ["Tid", "Penger"]),
    ("1.mai er fristen for søknad", ["1.mai er fristen for søknad"]),
    # an abbreviation ends no sentence
    ("Bl.a. NAV og helse", ["Bl.a. NAV og helse"]),
    ("Ca. 20 søkere venter", ["Ca. 20 søkere venter"]),
])
def test_regressions(text, units):
    assert split_units(text) == units

import pytest

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
    assert len(split_units(text)) == 1


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

import pytest

from fritekst.privacy import redact, suppress


@pytest.mark.parametrize(("text", "expected"), [
    ("Ring gjerne Kari Nygård på 912 34 567", "Ring gjerne [navn] på [telefon]"),
    ("Send e-post til ola.nordmann@kommune.no", "Send e-post til [e-post]"),
    ("Fnr 01017012345 står i saken", "Fnr [fnr] står i saken"),
    ("Snakk med Trine Olsen i NAV", "Snakk med [navn] i NAV"),
    ("Tlf +47 41234567", "Tlf [telefon]"),
])
def test_redacts_personal_details(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "For få boliger i Volda",
    "Godt samarbeid med NAV og Husbanken",
    "Boligmangel. Tildelingsgruppa fungerer godt.",
    "Vi bosatte 12 flyktninger i 2023",
])
def test_leaves_ordinary_answers_alone(text):
    assert redact(text, frozenset({"Volda"})) == text


def test_small_cells_suppressed():
    assert suppress(2, 3) == "<3"
    assert suppress(0, 3) == 0
    assert suppress(5, 3) == 5
    assert suppress(1, 0) == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("Per Olsen i tildelingsgruppa er flink.", "[navn] i tildelingsgruppa er flink."),
    ("Kari på NAV gjør en god jobb", "[navn] på NAV gjør en god jobb"),
    ("Snakk med Kari", "Snakk med [navn]"),
    ("Rådmannen Siv Jensen bryr seg", "Rådmannen [navn] bryr seg"),
    ("Vi har Hanne og Trine Olsen", "Vi har [navn] og [navn]"),
])
def test_more_names(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "Samarbeid med Trondheim og Bufetat", "Ørland og Bjugn slo seg sammen",
    "Kirkens Bymisjon hjelper", "Boligsosial handlingsplan 2019-2023 er ikke fulgt opp",
    "Vi fikk 12 000 000 kroner", "Per i dag har vi for få boliger", "Liv og helse",
    "Godt samarbeid ved Tildelingskontoret", "Kontakt Husbanken",
])
def test_no_false_redactions(text):
    assert redact(text) == text

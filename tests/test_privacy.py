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

"""Municipalities in sentences: old names, Sami forms, and names that are not the municipality."""

import sys

import pytest

from conftest import REPO
from fritekst.lexicon import gazetteer
from fritekst.nlp.places import find_places

KOMMUNER = REPO.parent / "shared" / "realdata" / "kommuner"


def labels(text: str) -> list[str]:
    return [p.label for p in find_places(text)]


def test_gazetteer_covers_every_municipality_of_2026():
    current = {e[0] for entries in gazetteer().values() for e in entries if e[2] == "current"}
    # 357 municipalities in 2026, and not SSB's placeholder "9999 Uoppgitt" (regression)
    assert len(current) == 357 and "9999" not in current
    assert min(current) == "0301" and max(current) == "5636"   # Oslo … Nesseby
    assert ("1577", "Volda", "current", "") in gazetteer()["Volda"]
    assert "Uoppgitt" not in gazetteer()


@pytest.mark.skipif(not KOMMUNER.is_dir(), reason="SSB's lists not on this machine")
def test_the_gazetteer_is_what_the_script_builds(tmp_path, monkeypatch):
    """src/fritekst/data/kommuner.tsv is generated: it must be the script's output."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_gazetteer",
                                                  REPO / "scripts" / "build_gazetteer.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    monkeypatch.setattr(script, "OUT", tmp_path / "kommuner.tsv")
    monkeypatch.setattr(sys, "argv", ["build_gazetteer.py", str(KOMMUNER)])
    script.main()
    shipped = REPO / "src" / "fritekst" / "data" / "kommuner.tsv"
    assert (tmp_path / "kommuner.tsv").read_text("utf-8") == shipped.read_text("utf-8")


@pytest.mark.parametrize(("text", "expected"), [
    ("I Volda kommune trekker informantene fram tildelingsmøtet.", ["Volda"]),
    ("Rissa og Nærøy har slått seg saman med andre.", ["Rissa (nå Indre Fosen)",
                                                        "Nærøy (nå Nærøysund)"]),
    ("Bjugn vart ein del av Ørland i 2020.", ["Bjugn (nå Ørland)", "Ørland"]),
    ("Hornindal er no ein del av Volda.", ["Hornindal (nå Volda)", "Volda"]),
    ("Oppdals kommunestyre vedtok planen.", ["Oppdal"]),
    ("Vi snakka med folk frå Guovdageaidnu og Deatnu.", ["Kautokeino", "Tana"]),
    ("I Time er det godt samarbeid.", ["Time"]),
    ("Bygda Åmot i Vinje har fått ny butikk.", ["Vinje"]),  # a village in Vinje
    ("I Volda Kommune og i Oslo sentrum er det få boliger.", ["Volda", "Oslo"]),
    ("Landet unntatt Oslo Vestfold og Telemark", ["Oslo"]),
])
def test_municipalities_are_found_and_mapped(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize("text", [
    "Høgskulen i Volda har laga ein rapport om dette.",
    "Volda sjukehus har mange tilsette.",
    "Rapporten er skrevet av Kari Volda og Per Hansen.",
    "Time brukt på dette er stor.",
    "Gran og furu vokser her.",
    "Volda-modellen er kjent.",
    "I Uoppgitt kommune er det få boliger.",   # SSB's "municipality not stated"
    # found in real reports (issue 13): authors, a font, a person, a village
    "Lund, R. og Berg, A. M. (red.) skreiv om akademia.",
    "Kjelde: S.M. Moss og A. Berg, intervju 2019.",
    "Teksten er satt i Times New Roman.",
    "Omslagsillustrasjon: © Giske Sigmundstad / Bokhylle II.",
])
def test_names_that_are_not_the_municipality(text):
    assert labels(text) == []


def test_place_knows_its_number_and_position():
    (place,) = find_places("Tiltaket i Nærøy var vellykket.")
    assert place.numbers == ("5060",) and place.kind == "historic" and place.until == "2020"
    assert "Tiltaket i Nærøy var vellykket."[place.start:place.end] == "Nærøy"


@pytest.mark.parametrize("text", [
    "Som Strand (2011) viser, er bo-oppfølging eit fagfelt i rask utvikling.",
    "Funna er i tråd med Lund og Berg (2017), som fann store skilnader.",
    "Resultata liknar det Eide (2016) fann i ein studie.",
    "Dette er drøftet av Moss m.fl. 2015.",
])
def test_authors_cited_in_the_text_are_not_municipalities(text):
    assert labels(text) == []


def test_footnote_number_after_the_name():
    assert labels("I Rissa3 vet ingen kven som har ansvaret.") == ["Rissa (nå Indre Fosen)"]


def test_a_name_of_two_municipalities_says_so():
    (place,) = find_places("Stader som Seljord og Bø ligg langs vegen.")[1:]
    assert place.kind == "ambiguous" and set(place.numbers) == {"1867", "4020"}
    assert place.label == "Bø (Bø eller Midt-Telemark)"
    assert labels("I Herøy kommune er det godt samarbeid.") == [
        "Herøy (Møre og Romsdal) / Herøy (Nordland)"]


@pytest.mark.parametrize("text", [
    "Dette er studert før (se Aarseth, Bråten & Lund i denne boken).",
    "Rebecca Lund er postdoktor ved senteret.",
    "Kari Volda leder tildelingsteamet.",
])
def test_authors_in_lists_and_names_opening_a_sentence_are_not_municipalities(text):
    assert labels(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Kommunene Volda og Rissa samarbeider.", ["Volda", "Rissa (nå Indre Fosen)"]),
    ("Både Oppdal og Ørland har planer.", ["Oppdal", "Ørland"]),
    ("Asker har mange utleieboliger.", ["Asker"]),
])
def test_a_word_of_the_language_opening_a_sentence_is_no_name(text, expected):
    assert labels(text) == expected


@pytest.mark.parametrize(("text", "evidence"), [
    ("I Volda mangler boliger.", ["I Volda"]),
    ("Volda kommune har få boliger.", ["Volda kommune"]),
    ("Tabellen viser Skien, Porsgrunn og Bamble.",
     ["viser Skien, Porsgrunn", "Skien, Porsgrunn og", "og Bamble"]),
])
def test_every_municipality_carries_the_words_that_name_it(text, evidence):
    assert [p.evidence for p in find_places(text)] == evidence


@pytest.mark.parametrize(("text", "expected"), [
    ("Dette er kjent (Berg, Flemmen & Gulbrandsen, 2020).", []),
    ("Dette er kjent (Lund mfl. 2019).", []),
    ("Prosjektet (i Volda fra 2019) var vellykket.", ["Volda"]),
    ("Kommunene (Volda og Rissa) har planer.", ["Volda", "Rissa (nå Indre Fosen)"]),
])
def test_names_inside_a_citation_are_authors(text, expected):
    assert labels(text) == expected


def test_a_name_of_two_municipalities_is_settled_by_the_document():
    from fritekst.nlp.places import counties, settle

    (bo,) = find_places("Mange bur i Bø.")
    telemark = counties(find_places("Seljord, Notodden og Kragerø samarbeider."))
    nordland = counties(find_places("Hadsel og Øksnes samarbeider."))
    assert settle(bo, telemark).label == "Bø (nå Midt-Telemark)"
    assert settle(bo, nordland).label == "Bø"
    assert settle(bo, {}).label == "Bø (Bø eller Midt-Telemark)"

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fritekst.nlp.normalize import analyse, compound_parts, variety, word_keys


@pytest.mark.parametrize(("word", "key"), [
    ("bustader", "bolig"), ("bustadene", "bolig"), ("tenesta", "tjeneste"),
    ("oppfylginga", "oppfølging"), ("busetjing", "bosetting"), ("kommunane", "kommune"),
    ("boligene", "bolig"), ("samarbeidet", "samarbeid"), ("ikkje", "ikke"),
    ("tilsette", "ansatt"), ("utfordringane", "utfordring"),
])
def test_bokmal_and_nynorsk_meet_on_shared_keys(word, key):
    assert key in word_keys(word)


@pytest.mark.parametrize(("word", "parts"), [
    ("boligmangel", ("bolig", "mangel")),
    ("ansvarsfordeling", ("ansvar", "fordeling")),
    ("utleiebolig", ("utleie", "bolig")),
    ("tildelingskriterium", ("tildeling", "kriterium")),
    ("bostøtte", ("bo", "støtte")),
])
def test_compound_parts(word, parts):
    assert compound_parts(word) == parts


@pytest.mark.parametrize(("word", "keys"), [
    ("utleieboligene", {"utleiebolig", "utleie", "bolig"}),
    ("utleigebustadene", {"utleiebolig", "utleie", "bolig"}),
    ("ansvarsfordelingen", {"ansvarsfordeling", "ansvar", "fordeling"}),
    ("bustadmangel", {"boligmangel", "bolig", "mangel"}),
])
def test_inflected_compounds_match_their_parts(word, keys):
    assert keys <= set(word_keys(word))


def test_whole_word_keys_come_before_parts():
    keys, n_whole = analyse("boligoppfølging")
    assert keys[0] == "boligoppfølging"
    assert "bolig" in keys[n_whole:]  # a part, not the head word
    keys, n_whole = analyse("utleieboliger")
    assert "utleiebolig" in keys[:n_whole]


def test_lexicalised_compounds_stay_whole():
    assert "bolig" not in word_keys("boligsosiale")
    assert "tid" not in word_keys("midlertidig")


def test_no_junk_splits_of_short_words():
    assert compound_parts("bolig") == ()
    assert compound_parts("kommune") == ()


@pytest.mark.parametrize(("text", "code"), [
    ("Vi har ikkje nok bustader, og eg veit ikkje kva vi skal gjere", "nn"),
    ("Vi har ikke nok boliger, og jeg vet ikke hva vi skal gjøre", "nb"),
    ("Tid.", None),
])
def test_variety(text, code):
    assert variety(text) == code


@given(st.text(min_size=1, max_size=30))
def test_analyse_never_fails_and_keeps_the_form(word):
    keys, n_whole = analyse(word.lower())
    assert 1 <= n_whole <= len(keys)
    assert keys[0] == word.lower()

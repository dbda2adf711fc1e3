import pytest

from fritekst.nlp.pipeline import make_pipeline


@pytest.fixture(scope="module")
def nlp():
    return make_pipeline()


def _denied_words(nlp, text):
    doc = nlp(text)
    return [t.text for t, d in zip(doc, doc._.denied, strict=True) if d]


@pytest.mark.parametrize(("text", "denied_word"), [
    ("Ikke noe problem med boligmangel hos oss", "boligmangel"),
    ("Boligmangel er ikkje eit problem her", "Boligmangel"),
    ("Det mangler ikke på boliger", "boliger"),
    ("Vi har ingen problemer med bosetting", "bosetting"),
    ("Få utfordringer med samarbeidet", "samarbeidet"),
])
def test_denied_problems(nlp, text, denied_word):
    assert denied_word in _denied_words(nlp, text)


@pytest.mark.parametrize("text", [
    "Ikke nok boliger",
    "Ikke godt nok samarbeid mellom enhetene",
    "Samarbeidet fungerer ikkje",
    "Vi får problemer med å bosette flyktninger",
    "For få boliger er et stort problem",
])
def test_negation_that_states_a_problem_is_not_denial(nlp, text):
    assert _denied_words(nlp, text) == []


def test_denial_stops_at_men(nlp):
    words = _denied_words(nlp, "Ikke noe problem med boligmangel, men oppfølgingen svikter")
    assert "boligmangel" in words
    assert "oppfølgingen" not in words


def test_sentences_lemmas_and_variety(nlp):
    doc = nlp("Bustadene er for få. Tenesta fungerer ikkje.")
    assert len(list(doc.sents)) == 2
    assert [t.lemma_ for t in doc if t.text in {"Bustadene", "Tenesta"}] == ["bolig", "tjeneste"]
    assert doc._.variety == "nn"


def test_sentences_split_at_years_but_not_at_dates_or_abbreviations():
    from fritekst.nlp.pipeline import make_pipeline

    doc = make_pipeline()("Bjugn vart ein del av Ørland frå 2020. Rus- og psykisk helse er "
                          "eiga eining. Møtet er 17. mai. Se kap. 3 nedenfor. Det kostar "
                          "3 mill. kr i året.")
    assert [s.text for s in doc.sents] == [
        "Bjugn vart ein del av Ørland frå 2020.", "Rus- og psykisk helse er eiga eining.",
        "Møtet er 17. mai.", "Se kap. 3 nedenfor.", "Det kostar 3 mill. kr i året."]


def test_ligatures_soft_hyphens_and_odd_spaces_read_as_plain_letters():
    """PDFs carry typographic ligatures, soft hyphens and non-breaking spaces; the pipeline
    reads "utﬂytting" as "utflytting", so the coder sees the same word."""
    from fritekst.nlp.pipeline import make_pipeline

    nlp = make_pipeline()
    odd = nlp("For lite utﬂytting fra kommunale bu\u00adstader\u00a0i ﬁre år")
    plain = nlp("For lite utflytting fra kommunale bustader i fire år")
    assert [t.text for t in odd] == [t.text for t in plain]
    assert odd._.keys == plain._.keys

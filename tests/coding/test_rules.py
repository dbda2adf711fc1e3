"""The codebook coder on answers as respondents write them."""

import pytest


@pytest.mark.parametrize(("text", "themes"), [
    ("For få boliger", {"boligmangel"}),
    ("Boligmangel", {"boligmangel"}),
    ("Mangel på egnede utleieboliger", {"boligmangel"}),
    ("vi har ikkje nok bustader", {"boligmangel"}),
    ("Dyrt leiemarked", {"boligmangel"}),
    ("bustader", {"boligmangel"}),
    ("uklar ansvarsfordeling", {"ansvarsavklaring"}),
    ("Ingen tar tak", {"ansvarsavklaring"}),
    ("Kven eig saka?", {"ansvarsavklaring"}),
    ("For lite bo-oppfølging", {"oppfolging"}),
    ("Oppfylginga blir tilfeldig", {"oppfolging"}),
    ("Vi jobbar i siloar", {"samordning"}),
    ("Samarbeidet mellom einingane er dårleg", {"samordning"}),
    ("Mangler oppdatert boligsosial plan", {"plan_strategi"}),
    ("Tid.", {"ressurser"}),
    ("Folk blir boende for lenge i kommunale boliger", {"gjennomstromning"}),
    ("Det er vanskeleg å busetje flyktningar", {"flyktninger"}),
    ("Lav prioritet hos politikerne", {"politisk_forankring"}),
    ("Slitne bustader og konfliktar mellom naboar", {"bomiljo"}),
    ("Urettferdige tildelingskriterier", {"tildeling"}),
    ("vi har ikke noe sted å bo for ROP-pasienter", {"boligmangel", "rus_psykisk"}),
])
def test_challenges(code, text, themes):
    assert set(code(text, "utfordring")) == themes


@pytest.mark.parametrize(("text", "themes"), [
    ("Tildelingsgruppa fungerer godt", {"moteplasser"}),
    ("Faste møter i boligteamet", {"moteplasser"}),
    ("Korte avstander og alle kjenner alle", {"lokalkunnskap"}),
    ("God lokalkunnskap", {"lokalkunnskap"}),
    ("Startlån og bostøtte brukes aktivt", {"virkemidler"}),
    ("Engasjerte og dyktige ansatte", {"kompetanse"}),
    ("Godt samarbeid med NAV", {"samordning"}),
])
def test_strengths(code, text, themes):
    assert set(code(text, "styrke")) == themes


def test_typos_are_read_as_the_word_meant(code):
    assert code("bolgmangel") == ("boligmangel",)
    assert code("godt samarbied", "styrke") == ("samordning",)
    assert code("ppfylging") == ("oppfolging",)


def test_denied_problem_is_no_challenge(code, coder):
    text = "Ikke noe problem med boligmangel hos oss, men oppfølgingen svikter"
    assert code(text, "utfordring") == ("oppfolging",)
    coding = coder.code([text], ["utfordring"])[0]
    assert coding.denied == {"boligmangel": ["boligmangel"]}
    assert code("Vi har ingen problemer med bosetting", "utfordring") == ()
    # as a strength, "no problems with settling refugees" is about settling refugees
    assert code("Vi har ingen problemer med bosetting", "styrke") == ("flyktninger",)


def test_stated_problems_with_negation_still_count(code):
    assert code("Ikke nok boliger") == ("boligmangel",)
    assert code("Samarbeidet fungerer ikkje") == ("samordning",)


def test_a_theme_word_in_another_role_does_not_code(code):
    # "bolig" and "mangel" here are about follow-up, a plan, a meeting: those themes only
    assert code("For lite boligoppfølging") == ("oppfolging",)
    assert code("Mangel på boligsosial handlingsplan") == ("plan_strategi",)
    assert code("Mangel på oppfølging i boligen") == ("oppfolging",)
    assert code("Tildelingsgruppa fungerer godt", "styrke") == ("moteplasser",)


def test_no_theme_for_non_topical_text(code):
    assert code("Spennende undersøkelse, ser frem til resultatene", None) == ()


def test_evidence_scores_and_confidence(coder):
    c = coder.code(["For få boliger og uklar ansvarsfordeling"], ["utfordring"])[0]
    assert c.themes == ("boligmangel", "ansvarsavklaring")
    assert c.evidence == {"boligmangel": ["For få boliger"],
                          "ansvarsavklaring": ["uklar ansvarsfordeling"]}
    # two distinct patterns each (noisy-or of 0.9s), capped at 0.99
    assert c.scores == {"boligmangel": 0.99, "ansvarsavklaring": 0.99} and c.confidence == 0.99
    # one strong pattern gives 0.9; the unit's confidence is its least sure theme
    d = coder.code(["Mangel på egnede utleieboliger og uklar ansvarsfordeling"],
                   ["utfordring"])[0]
    assert d.scores == {"boligmangel": 0.9, "ansvarsavklaring": 0.99} and d.confidence == 0.9
    empty = coder.code(["Spennende undersøkelse"], [None])[0]
    assert (empty.themes, empty.scores, empty.confidence) == ((), {}, 0.5)


def test_weak_evidence_alone_does_not_code(code):
    assert code("NAV", "styrke") == ()

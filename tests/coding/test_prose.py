"""Report prose: three-way polarity (styrke, utfordring, nøytral) and relevance (text that is
not about housing-social work gets no theme)."""

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_model import ROWS

from fritekst.coding.evaluate import evaluate
from fritekst.coding.learned import LearnedCoder
from fritekst.coding.linear import apply_gate
from fritekst.coding.model import ThemeClassifier
from fritekst.coding.train import read_labelled, train
from fritekst.errors import InputError, ModelError

JUDGED = [
    ("Samarbeidet mellom NAV og boligkontoret fungerer godt.", "samordning", "styrke"),
    ("Informantene beskriver et godt samarbeid på tvers av enhetene.", "samordning", "styrke"),
    ("Samarbeidet mellom etatene fungerer dårlig.", "samordning", "utfordring"),
    ("Det er lite samarbeid mellom tjenestene i kommunen.", "samordning", "utfordring"),
    ("Det er stor mangel på egnede utleieboliger.", "boligmangel", "utfordring"),
    ("Kommunen har for få boliger til vanskeligstilte.", "boligmangel", "utfordring"),
    ("Kommunen har god tilgang på egnede boliger.", "boligmangel", "styrke"),
    ("Ansvaret for oppfølgingen er tydelig plassert.", "ansvarsavklaring", "styrke"),
    ("Ansvarsfordelingen mellom enhetene er uklar.", "ansvarsavklaring", "utfordring"),
    ("Det er uklart hvem som har ansvaret for bostøtte.", "ansvarsavklaring", "utfordring"),
]
NEUTRAL = [
    ("Kommunen eier 212 utleieboliger fordelt på sju områder.", "boligmangel", "nøytral"),
    ("Kommunen disponerer om lag 300 kommunale boliger.", "boligmangel", "nøytral"),
    ("Kommunen har 140 kommunale bustader i dag.", "boligmangel", "nøytral"),
    ("Boligkontoret har ansvar for tildeling av kommunale boliger.", "ansvarsavklaring",
     "nøytral"),
    ("Tildelingsutvalget møtes hver tirsdag.", "moteplasser", "nøytral"),
    ("Tildelingsgruppa består av representanter fra NAV og helse.", "moteplasser", "nøytral"),
    ("Samarbeidet med NAV er regulert i en egen avtale.", "samordning", "nøytral"),
    ("NAV og kommunen samarbeider om oppfølging etter en fast avtale.", "samordning",
     "nøytral"),
    ("Eiendomsavdelingen har ansvaret for vedlikehold av boligene.", "ansvarsavklaring",
     "nøytral"),
    ("Søknader om kommunal bolig behandles av tildelingsgruppa.", "moteplasser", "nøytral"),
]
OFF_TOPIC = [
    "Bussrutene mellom byene skal samordnes bedre.",
    "Kollektivtilbudet skal styrkes i hele regionen.",
    "Parken skal bli en møteplass for alle generasjoner.",
    "Skolen har fått ny rektor fra høsten.",
    "Kristendommen er en religion som bygger på en tekst.",
    "Andelen kvinner blant professorene har økt.",
    "Fylkesveien over fjellet stenges om vinteren.",
    "Planen skal rulleres hvert fjerde år.",
    "Oppfølging av planen skjer gjennom handlingsprogrammet.",
    "Klimagassutslippene fra transport skal reduseres.",
    "Mange flyktninger mangler formell kompetanse som arbeidsgivere etterspør.",
    "Kulturhuset har mange arrangementer i året.",
    "Landbruket i regionen er preget av små bruk.",
    "Forskerne samarbeider med universiteter i Europa.",
    "Tildeling av midler fra næringsfondet skjer to ganger i året.",
    "Turistene kommer for å se fjordene og fjellene.",
    "Fiskeriene har lange tradisjoner langs kysten.",
    "Strømprisene var høye gjennom vinteren.",
    "Idrettslaget har ansvar for banen.",
    "Vegvesenet har ansvaret for riksveiene.",
    "Sykefraværet blant lærerne har økt.",
    "Avhandlingen drøfter kjønn og karriere i akademia.",
    "Stortinget vedtok statsbudsjettet i desember.",
    "Museet samler på gamle fotografier fra bygda.",
]


@pytest.fixture(scope="module")
def prose_data(tmp_path_factory):
    rows = [(t, th, p, "answer", "") for t, th, p in ROWS]
    for copy in range(3):  # each sentence in three wordings: the folds see every kind
        tag = ["", " i fjor", " nå"][copy]
        rows += [(t.rstrip(".") + tag + ".", th, p, "sentence", "1")
                 for t, th, p in JUDGED + NEUTRAL]
        rows += [(t.rstrip(".") + tag + ".", "", "", "sentence", "0") for t in OFF_TOPIC]
    path = tmp_path_factory.mktemp("prose") / "labelled.csv"
    pd.DataFrame(rows, columns=["text", "themes", "polarity", "kind", "relevant"]).to_csv(
        path, index=False)
    return path


@pytest.fixture(scope="module")
def prose_model(prose_data, coder, tmp_path_factory):
    df = read_labelled(prose_data, coder.codebook.ids)
    model = train(df, name="prosa", version="0.1", folds=3, variant="text+rules",
                  learner="logistic", C=32.0)
    folder = model.save(tmp_path_factory.mktemp("model") / "m")
    return model, folder


def test_polarity_has_three_values_and_relevance_is_learned(prose_model):
    model, _ = prose_model
    assert model.polarity_classes_ == ["styrke", "utfordring", "nøytral"]
    assert model.relevance_layer_ is not None
    cv = model.meta_["cross_validation"]
    assert cv["relevance"]["off_topic"] == 3 * len(OFF_TOPIC)
    assert cv["polarity"]["classes"] == ["styrke", "utfordring", "nøytral"]
    docs = model.parse(["Kommunen eier 95 utleieboliger.",
                        "Det er stor mangel på boliger.",
                        "Fylkesveien over fjellet skal bli bedre."])
    p = model.polarity_proba(docs, ["sentence"] * 3)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert p.idxmax(axis=1).tolist()[:2] == ["nøytral", "utfordring"]
    rel = model.relevance_proba(docs, ["sentence"] * 3)
    assert rel[0] > 0.5 and rel[1] > 0.5 and rel[2] < 0.5


def test_the_gate_keeps_themes_off_text_about_other_fields(prose_model):
    _, folder = prose_model
    texts = ["Idrettslaget samarbeider med skolen om banen.",
             "Samarbeidet mellom NAV og boligkontoret fungerer godt."]
    gated = ThemeClassifier.load(folder)
    gated.gates_ = {"answer": 0.0, "sentence": 0.5}
    coder = LearnedCoder(gated)
    codings = coder.code(texts, [None, None], ["sentence", "sentence"])
    assert codings[0].relevance < 0.5 <= codings[1].relevance
    assert codings[0].themes == () and codings[0].polarity is None
    assert codings[1].themes == ("samordning",) and codings[1].polarity == "styrke"
    # without a gate the same model gives the off-topic sentence a theme
    ungated = ThemeClassifier.load(folder)
    ungated.gates_ = {"answer": 0.0, "sentence": 0.0}
    assert LearnedCoder(ungated).code(texts[:1], [None], ["sentence"])[0].themes


def test_apply_gate_closes_only_rows_under_their_gate():
    pred = np.array([[True, False], [True, True], [False, True]])
    out, closed = apply_gate(pred, np.array([0.1, 0.9, 0.3]), np.array([0.5, 0.5, 0.0]))
    assert closed.tolist() == [True, False, False]
    assert out.tolist() == [[False, False], [True, True], [False, True]]
    assert apply_gate(pred, None, np.zeros(3))[0] is pred


def test_save_and_load_keep_polarity_classes_gates_and_relevance(prose_model):
    model, folder = prose_model
    again = ThemeClassifier.load(folder)
    assert again.polarity_classes_ == model.polarity_classes_
    assert again.gates_ == model.gates_
    texts = ["Kommunen eier 212 utleieboliger.", "Skolen får ny rektor i år.",
             "Samarbeidet fungerer dårlig."]
    a = LearnedCoder(model).code(texts, [None] * 3, ["sentence"] * 3)
    b = LearnedCoder(again).code(texts, [None] * 3, ["sentence"] * 3)
    assert [(c.themes, c.polarity, c.relevance) for c in a] == \
        [(c.themes, c.polarity, c.relevance) for c in b]


def test_evaluate_reports_three_way_polarity_and_off_topic_rate(prose_model, tmp_path, coder):
    model, _ = prose_model
    gold = pd.DataFrame(
        [("Kommunen eier 180 utleieboliger.", "boligmangel", "nøytral", "sentence", "1"),
         ("Det er for få utleieboliger i sentrum.", "boligmangel", "utfordring", "sentence",
          "1"),
         ("Samarbeidet med NAV fungerer godt.", "samordning", "styrke", "sentence", "1"),
         ("Kollektivtilbudet skal styrkes.", "", "", "sentence", "0"),
         ("Skolen har fått ny rektor.", "", "", "sentence", "0")],
        columns=["text", "themes", "polarity", "kind", "relevant"])
    path = tmp_path / "gull.csv"
    gold.to_csv(path, index=False)
    result = evaluate(read_labelled(path, coder.codebook.ids), LearnedCoder(model))
    s = result.summary
    coded = LearnedCoder(model).code(gold["text"].tolist(), [None] * 5, ["sentence"] * 5)
    want = [(g, c.polarity) for g, c in zip(gold["polarity"], coded, strict=True)
            if g and c.themes]
    assert s["polarity_units"] == len(want)
    assert s["polarity_accuracy"] == sum(g == p for g, p in want) / len(want)
    judging = [(g, p) for g, p in want if g != "nøytral"]
    assert s["polarity_judging_units"] == len(judging)
    assert s["off_topic_units"] == 2
    assert s["off_topic_coded"] == sum(bool(c.themes) for c in coded[3:]) / 2


def test_relevant_column_is_checked(tmp_path, coder):
    path = tmp_path / "kodet.csv"
    path.write_text("text,themes,polarity,kind,relevant\n"
                    "Kommunen eier 180 boliger.,boligmangel,nøytral,sentence,1\n"
                    "Bussen går hver time.,,,sentence,kanskje\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_labelled(path, coder.codebook.ids)
    assert str(exc.value) == (f"{path}, row 3: relevant 'kanskje' is not 1 (about "
                              "housing-social work), 0 (off-topic) or empty.")
    path.write_text("text,themes,polarity,kind,relevant\n"
                    "Kommunen eier 180 boliger.,boligmangel,nøytral,sentence,1\n"
                    "Bussen går hver time.,,,sentence,0\n"
                    "For få boliger,boligmangel,utfordring,answer,\n", encoding="utf-8")
    df = read_labelled(path, coder.codebook.ids)
    assert df["polarity"].tolist() == ["nøytral", "", "utfordring"]
    assert df["relevant"].tolist()[:2] == [1.0, 0.0] and np.isnan(df["relevant"].iloc[2])


def test_confidence_counts_the_chance_that_the_unit_is_about_the_field(prose_model):
    model, _ = prose_model
    texts = ["Skolen har fått nye lærebøker.", "Det er stor mangel på boliger."]
    codings = LearnedCoder(model).code(texts, [None, None], ["sentence", "sentence"])
    docs = model.parse(texts)
    reading = model.read(docs, [None, None], ["sentence", "sentence"])
    x, rules = model.featurize(docs, [None, None], ["sentence", "sentence"])
    p = model.theme_layer_.proba(x, rules)
    for i, c in enumerate(codings):
        r = reading.relevance[i]
        chosen = reading.pred[i]
        product = float(np.prod(np.where(chosen, p[i], 1 - p[i])))
        want = r * product if c.themes else (1 - r) + r * product
        assert c.confidence == pytest.approx(want)
    assert codings[0].themes == () and codings[1].themes == ("boligmangel",)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.001, 0.999), min_size=1, max_size=40),
       st.floats(0.05, 0.95), st.floats(0.05, 0.95))
def test_moving_the_prior_is_undone_by_moving_it_back(p, base, prior):
    """Bayes' rule on the odds: moving probabilities from one base rate to another and back
    gives them again, keeps their order, and a prior equal to the base changes nothing."""
    from fritekst.coding.model import shift_prior

    p = np.array(p)
    there = shift_prior(p, base, prior)
    assert np.allclose(shift_prior(there, prior, base), p, atol=1e-6)
    assert np.allclose(shift_prior(p, base, base), p)
    order = np.argsort(p, kind="stable")
    assert np.all(np.diff(there[order]) >= -1e-12)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(0.001, 0.999), min_size=5, max_size=60), st.floats(0.1, 0.9))
def test_the_estimated_share_is_a_fixed_point(p, base):
    """EM's estimate of a report's share of relevant sentences: the mean of the probabilities
    moved to it is the estimate itself (within the 2–98 % bounds)."""
    from fritekst.coding.model import estimate_prior, shift_prior

    p = np.array(p)
    est = estimate_prior(p, base, iterations=2000, tol=1e-10)
    if 0.02 < est < 0.98:
        assert float(np.mean(shift_prior(p, base, est))) == pytest.approx(est, abs=1e-4)


def test_polarity_weights_shift_sentences_only_and_survive_saving(prose_model, tmp_path):
    model, _ = prose_model
    texts = ["Det er stor mangel på boliger.", "Samarbeidet fungerer godt."]
    docs = model.parse(texts)
    before = model.polarity_proba(docs, ["sentence", "answer"])
    assert before.idxmax(axis=1).tolist() == ["utfordring", "styrke"]
    heavy = model.with_settings(polarity_weights={"sentence": {"nøytral": 100.0}})
    after = heavy.polarity_proba(docs, ["sentence", "answer"])
    # the sentence's odds of neutral against either judgement are 100 times what they were;
    # the answer, a kind with no weights, is read as it was
    for other in ("styrke", "utfordring"):
        assert np.isclose(after.at[0, "nøytral"] / after.at[0, other],
                          100 * before.at[0, "nøytral"] / before.at[0, other])
    assert np.allclose(after.iloc[1], before.iloc[1])
    assert np.allclose(after.sum(axis=1), 1.0)
    again = ThemeClassifier.load(heavy.save(tmp_path / "m"))
    assert again.polarity_weights_ == {"sentence": {"nøytral": 100.0}}
    assert again.polarity_proba(docs, ["sentence", "answer"]).equals(after)
    assert model.polarity_weights_ == {}  # the copy's settings did not leak back


@pytest.mark.parametrize("weights", [{"sentence": {"nøytral": 0}}, {"sentence": {"x": 2}},
                                     {"report": {"nøytral": 2}}, {"sentence": 2}])
def test_bad_polarity_weights_are_refused_on_loading(prose_model, tmp_path, weights):
    model, _ = prose_model
    folder = model.save(tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["polarity_weights"] = weights
    (folder / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError) as err:
        ThemeClassifier.load(folder)
    assert str(err.value) == (f"{folder / 'model.json'}: polarity_weights must map "
                              "answer/sentence to a positive weight per polarity.")

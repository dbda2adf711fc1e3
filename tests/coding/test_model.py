"""Train → save → load → code round trips, safe loading, calibration sanity."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from fritekst.coding.fitting import kind_floors
from fritekst.coding.learned import LearnedCoder
from fritekst.coding.linear import apply_floor
from fritekst.coding.model import ThemeClassifier
from fritekst.coding.train import read_labelled, train
from fritekst.errors import InputError, ModelError

ROWS = [
    ("For få boliger", "boligmangel", "utfordring"),
    ("Mangel på utleieboliger", "boligmangel", "utfordring"),
    ("vi har ikkje nok bustader", "boligmangel", "utfordring"),
    ("Ingen ledige leiligheter å tilby", "boligmangel", "utfordring"),
    ("Det finnes ikke noe å leie", "boligmangel", "utfordring"),
    ("Dyrt leiemarked og få kommunale boliger", "boligmangel", "utfordring"),
    ("Uklar ansvarsfordeling", "ansvarsavklaring", "utfordring"),
    ("Ingen tar tak i sakene", "ansvarsavklaring", "utfordring"),
    ("Kven eig saka?", "ansvarsavklaring", "utfordring"),
    ("Det er uklart hvem som har ansvaret", "ansvarsavklaring", "utfordring"),
    ("Sakene faller mellom to stoler", "ansvarsavklaring", "utfordring"),
    ("Rollene er uavklarte", "ansvarsavklaring", "utfordring"),
    ("Godt samarbeid med NAV", "samordning", "styrke"),
    ("Vi snakker godt sammen på tvers", "samordning", "styrke"),
    ("Samarbeidet mellom einingane fungerer", "samordning", "styrke"),
    ("Tett dialog mellom tjenestene", "samordning", "styrke"),
    ("Vi jobber godt sammen", "samordning", "styrke"),
    ("Godt samarbeid og tett kontakt", "samordning", "styrke"),
    ("Tildelingsgruppa møtes hver uke", "moteplasser", "styrke"),
    ("Faste møter i boligteamet", "moteplasser", "styrke"),
    ("Forvaltningskontoret", "moteplasser", "styrke"),
    ("Vi har et tildelingsmøte", "moteplasser", "styrke"),
    ("Boligkontoret samler alt", "moteplasser", "styrke"),
    ("Vedtaksteamet fungerer godt", "moteplasser", "styrke"),
    ("Spennende undersøkelse", "", ""),
    ("Jeg er ny i jobben", "", ""),
    ("Vanskelig å svare på", "", ""),
    ("Takk for at dere spør", "", ""),
    ("Kommunen har fem boliger under bygging, les mer i planen", "", ""),
    ("Ser fram til resultatene", "", ""),
]
SENTENCES = [
    ("Samarbeidet mellom NAV og boligkontoret fungerer godt.", "samordning", "styrke"),
    ("Informantene beskriver et godt samarbeid på tvers.", "samordning", "styrke"),
    ("Samarbeidet fungerer ikke.", "samordning", "utfordring"),
    ("Det er lite samarbeid mellom enhetene.", "samordning", "utfordring"),
    ("Det er mangel på egnede boliger.", "boligmangel", "utfordring"),
    ("Kommunen har nok boliger til alle som trenger det.", "boligmangel", "styrke"),
    ("Ansvaret er tydelig plassert.", "ansvarsavklaring", "styrke"),
    ("Ansvaret er uklart.", "ansvarsavklaring", "utfordring"),
] * 3


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    rows = [(t, th, p, "answer") for t, th, p in ROWS] + \
        [(f"{t} ({i})" if i else t, th, p, "sentence")
         for i, (t, th, p) in enumerate(SENTENCES)]
    path = tmp_path_factory.mktemp("data") / "labelled.csv"
    pd.DataFrame(rows, columns=["text", "themes", "polarity", "kind"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def trained(labelled, tmp_path_factory, coder):
    df = read_labelled(labelled, coder.codebook.ids)
    model = train(df, name="test", version="0.1", folds=3, variant="text+rules+override",
                  learner="logistic", C=8.0, progress=TRAINING_SAID.append)
    folder = model.save(tmp_path_factory.mktemp("model") / "m")
    return model, folder


TRAINING_SAID: list[str] = []  # what training told its progress display


def test_training_tells_each_fold_and_theme(trained):
    """Long training shows where it is, not one message for minutes (issue 15)."""
    n = len(trained[0].themes_)
    for fold in (1, 2, 3):
        for theme in (1, n):
            assert (f"cross-validation, fit 1 of 1, fold {fold} of 3, theme {theme} of {n}"
                    in TRAINING_SAID)
    assert f"fitting text+rules+override, logistic, C=8, theme {n} of {n}" in TRAINING_SAID
    assert TRAINING_SAID.index("cross-validation, fit 1 of 1, fold 3 of 3, theme 1 of "
                               f"{n}") < TRAINING_SAID.index("polarity model")


def test_round_trip_gives_identical_codings(trained):
    model, folder = trained
    texts = ["For få bustader", "Tildelingsgruppa", "Uklart ansvar", "Hei"]
    pols = ["utfordring", "styrke", "utfordring", "styrke"]
    a = LearnedCoder(model).code(texts, pols)
    b = LearnedCoder(folder).code(texts, pols)
    assert [c.themes for c in a] == [c.themes for c in b]
    assert np.allclose([c.confidence for c in a], [c.confidence for c in b])
    assert a[0].themes == ("boligmangel",)
    assert a[1].themes == ("moteplasser",)


def test_probabilities_and_thresholds(trained):
    model, _ = trained
    # 54 rows are too few to choose a floor: a unit no theme passed stays uncoded
    assert model.floors_ == {"answer": None, "sentence": None}
    codings = LearnedCoder(model).code(["For få boliger", "Godt samarbeid", "Spennende"],
                                       ["utfordring", "styrke", None])
    assert [c.themes for c in codings] == [("boligmangel",), ("samordning",), ()]
    # the codebook's strong verdict (0.99) and the model's probability; nothing for "Spennende"
    assert [c.scores for c in codings] == [{"boligmangel": 0.99},
                                           {"samordning": pytest.approx(1.0, abs=0.01)}, {}]
    # measured 0.980, 0.992 and 0.869 (the probability that no theme is right)
    assert [c.confidence for c in codings] == pytest.approx([0.98, 0.99, 0.87], abs=0.02)
    ids = model.themes_
    assert model.thresholds_.shape == (2, len(ids))
    # fewer than 50 rows of each kind: both kinds use the cut-offs chosen on all rows
    assert (model.thresholds_[0] == model.thresholds_[1]).all()
    seen = {"boligmangel", "ansvarsavklaring", "samordning", "moteplasser"}
    for j, theme in enumerate(ids):  # chosen on the grid 0.15-0.85; 0.5 for a theme never seen
        cut = model.thresholds_[0, j]
        assert 0.15 <= cut <= 0.85 if theme in seen else cut == 0.5, theme


def test_polarity_is_read_when_no_question_gives_it(trained):
    model, _ = trained
    c = LearnedCoder(model).code(["Samarbeidet fungerer ikke.",
                                  "Samarbeidet fungerer godt."], [None, None])
    assert [x.polarity for x in c] == ["utfordring", "styrke"]


def test_model_files_hold_no_code(trained):
    _, folder = trained
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    assert meta["format"] == "fritekst-model/3" and meta["data"]["rows"] == 54
    assert meta["name"] == "test"
    assert (meta["settings"]["learner"], meta["settings"]["C"]) == ("logistic", 8.0)
    with np.load(folder / "weights.npz", allow_pickle=False) as z:
        assert all(z[k].dtype != object for k in z.files)


def test_a_pickled_array_is_refused(trained, tmp_path):
    _, folder = trained
    bad = tmp_path / "bad"
    bad.mkdir()
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    del meta["weights_sha256"]  # a crafted folder need not carry one
    (bad / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    np.savez(bad / "weights.npz", columns=np.array([object()], dtype=object))
    with pytest.raises(ModelError) as exc:
        ThemeClassifier.load(bad)
    assert str(exc.value) == (f"{bad / 'weights.npz'}: unreadable weights (Object arrays "
                              "cannot be loaded when allow_pickle=False).")


def test_floor_gives_the_most_probable_theme_only_when_nothing_passed(trained):
    model, _ = trained
    texts, pols = ["Spennende arbeid", "For få boliger og uklart ansvar"], ["styrke",
                                                                          "utfordring"]
    plain = model.with_floors({"answer": None})
    floored = model.with_floors({"answer": 0.0})
    never = model.with_floors({"answer": 1.0})
    a, b, c = (LearnedCoder(m).code(texts, pols) for m in (plain, floored, never))
    assert a[0].themes == () == c[0].themes
    # floor 0: the most probable theme, however unlikely (measured 0.049)
    assert b[0].themes == ("moteplasser",)
    assert b[0].scores == {"moteplasser": pytest.approx(0.049, abs=0.01)}
    # units with a theme are left as they were
    assert b[1].themes == a[1].themes == c[1].themes == ("boligmangel", "ansvarsavklaring")


def test_floor_maths():
    p = np.array([[0.05, 0.12, 0.08], [0.9, 0.1, 0.0], [0.05, 0.02, 0.01]])
    pred = p >= 0.5
    out = apply_floor(p, pred, np.array([0.1, 0.1, 0.1]))
    assert out.tolist() == [[False, True, False], [True, False, False], [False] * 3]
    assert (apply_floor(p, pred, np.full(3, 0.15)) == pred).all()
    assert (apply_floor(p, pred, np.full(3, np.nan)) == pred).all()
    y = np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]] * 20)
    floors = kind_floors(np.tile(p, (20, 1)), np.tile(pred, (20, 1)), y, np.zeros(60, int))
    assert floors[0] == 0.1 and np.isnan(floors[1])  # only 0.1 recovers row 0; sentences: none


def test_floors_survive_save_and_load(trained, tmp_path):
    model, _ = trained
    floored = model.with_floors({"answer": 0.2, "sentence": None})
    assert ThemeClassifier.load(floored.save(tmp_path / "m")).floors_ == floored.floors_


def test_floor_comes_after_the_codebook_override(trained):
    """As in training, the floor only fills units that neither the thresholds nor a strong
    codebook verdict gave a theme."""
    model, _ = trained
    assert model.variant_ == "text+rules+override"
    strict = model.with_floors({"answer": 0.0})
    strict.thresholds_ = np.ones_like(model.thresholds_)
    coder = LearnedCoder(strict)
    texts, pols = ["Startlån og bostøtte", "Spennende"], ["styrke", "styrke"]
    rule = coder.rules.code(texts, pols)[0]
    strong = {t for t in rule.themes if rule.scores[t] >= 0.9}
    assert strong, "the test needs a unit with a strong codebook verdict"
    by_rule, by_floor = coder.code(texts, pols)
    assert strong == {"virkemidler"}
    assert by_rule.themes == ("virkemidler",)
    assert by_floor.themes == ("moteplasser",)   # the floor's pick, at 0.059 (measured)


FLOORS_MESSAGE = "model.json: floors must map answer/sentence to a probability or null."


@pytest.mark.parametrize(("damage", "message"), [
    ("indices", ": damaged model (ValueError: indices must be < {columns}); retrain it or "
                "reinstall fritekst."),
    ("thresholds", "/weights.npz: thresholds do not fit 16 themes."),
    ("idf", "/weights.npz: column indices out of range."),
    ("variant", "/model.json: unknown variant 'magic'."),
    ("floors", "/" + FLOORS_MESSAGE),
    ("floors_bool", "/" + FLOORS_MESSAGE),
    ("floors_list", "/" + FLOORS_MESSAGE),
])
def test_damaged_models_are_refused_not_crashed(trained, tmp_path, damage, message):
    """A crafted weights file must not read out of bounds (it would crash the process)."""
    _, folder = trained
    bad = tmp_path / damage
    bad.mkdir()
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    del meta["weights_sha256"]  # a crafted folder need not carry one (or a matching one)
    with np.load(folder / "weights.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    if damage == "indices":
        arrays["theme_indices"] = arrays["theme_indices"] + 2**22
    elif damage == "thresholds":
        arrays["thresholds"] = arrays["thresholds"][:, :3]
    elif damage == "idf":
        arrays["columns"] = arrays["columns"] + 2**22
    elif damage == "floors":
        meta["floors"] = {"answer": "7"}
    elif damage == "floors_bool":
        meta["floors"] = {"answer": True}
    elif damage == "floors_list":
        meta["floors"] = []
    else:
        meta["variant"] = "magic"
    np.savez(bad / "weights.npz", **arrays)
    (bad / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        ThemeClassifier.load(bad)
    assert str(exc.value) == str(bad) + message.format(columns=meta["settings"]["columns"])


def test_missing_or_foreign_model(tmp_path):
    with pytest.raises(ModelError) as exc:
        ThemeClassifier.load(tmp_path)
    assert str(exc.value) == f"{tmp_path}: not a fritekst model (needs model.json and " \
                             "weights.npz)."
    (tmp_path / "model.json").write_text('{"format": "other"}', encoding="utf-8")
    (tmp_path / "weights.npz").write_bytes(b"")
    with pytest.raises(ModelError) as exc:
        ThemeClassifier.load(tmp_path)
    assert str(exc.value) == f"{tmp_path}: model format 'other' is not 'fritekst-model/3'; " \
                             "retrain it with this version of fritekst."


KNOWN = ("known ids: boligmangel, ansvarsavklaring, oppfolging, samordning, moteplasser, "
         "plan_strategi, politisk_forankring, kompetanse, ressurser, virkemidler, flyktninger, "
         "gjennomstromning, lokalkunnskap, rus_psykisk, tildeling, bomiljo.")


@pytest.mark.parametrize(("content", "message"), [
    ("text,themes\nFor få boliger,boligmangle\n",
     ", row 2: unknown theme 'boligmangle'; " + KNOWN),
    ("tekst,tema\nx,y\n", ": needs a 'text' column (and optionally polarity, kind)."),
    ("text,themes,polarity\nFor få boliger,boligmangel,negativ\n",
     ", row 2: polarity 'negativ' is not styrke, utfordring, nøytral or empty."),
    ("text,themes,kind\nFor få boliger,boligmangel,svar\n",
     ", row 2: kind 'svar' is not answer, sentence or empty."),
    ("text,themes\n ,boligmangel\n", ": no rows with text."),
    # saved from a spreadsheet, not exported from a survey (regression: "export the survey")
    ("", ": the file is empty; save the coded units again."),
    ("text,themes,polarity,kind\n", ": only a header row, no data rows; save the coded units "
                                    "again."),
])
def test_bad_labelled_files(tmp_path, coder, content, message):
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_labelled(path, coder.codebook.ids)
    assert str(exc.value) == f"{path}{message}"


def test_labelled_file_from_norwegian_excel(tmp_path, coder):
    """cp1252 with ';', as Excel saves it: themes joined by ';' inside a quoted cell."""
    path = tmp_path / "kodet.csv"
    path.write_bytes('text;themes;polarity\r\n"For få boliger";boligmangel;utfordring\r\n'
                     '\r\n"Uklart ansvar";"ansvarsavklaring;samordning";utfordring\r\n'
                     'Tid;ressurs;utfordring\r\n'.encode("cp1252"))
    with pytest.raises(InputError) as exc:
        read_labelled(path, coder.codebook.ids)
    assert str(exc.value) == f"{path}, row 5: unknown theme 'ressurs'; {KNOWN}"
    path.write_bytes(path.read_bytes().replace(b"ressurs;", b"ressurser;"))
    df = read_labelled(path, coder.codebook.ids)
    assert df["theme_set"].tolist() == [{"boligmangel"}, {"ansvarsavklaring", "samordning"},
                                        {"ressurser"}]


def _as_first_format(folder, target):
    """A model folder as fritekst wrote them before format 2: weights over all 2^20 hashed
    columns and the idf as (index, value) pairs."""
    from scipy import sparse

    from fritekst.coding.features import N_FEATURES

    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    meta["format"] = "fritekst-model/1"
    del meta["weights_sha256"]  # the first format had none
    with np.load(folder / "weights.npz", allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    columns = arrays.pop("columns")
    arrays["idf_index"], arrays["idf_value"] = columns, arrays.pop("idf")
    # its polarity model was one row, P(styrke); it had no relevance model
    for key in ("polarity_classes", "has_relevance", "gates"):
        meta.pop(key, None)
    for part in ("data", "indices", "indptr", "rules", "intercept", "calibration"):
        arrays.pop(f"relevance_{part}", None)
    one = sparse.csr_matrix((arrays["polarity_data"], arrays["polarity_indices"],
                             arrays["polarity_indptr"]))[:1]
    arrays.update({"polarity_data": one.data, "polarity_indices": one.indices,
                   "polarity_indptr": one.indptr,
                   "polarity_rules": arrays["polarity_rules"][:1],
                   "polarity_intercept": arrays["polarity_intercept"][:1],
                   "polarity_calibration": arrays["polarity_calibration"][:1]})
    for name in ("theme", "polarity"):
        k = len(arrays[f"{name}_indptr"]) - 1
        compact = sparse.csr_matrix((arrays[f"{name}_data"], arrays[f"{name}_indices"],
                                     arrays[f"{name}_indptr"]), shape=(k, len(columns)))
        wide = sparse.csr_matrix((compact.data, columns[compact.indices], compact.indptr),
                                 shape=(k, N_FEATURES))
        arrays.update({f"{name}_data": wide.data, f"{name}_indices": wide.indices,
                       f"{name}_indptr": wide.indptr})
    target.mkdir()
    np.savez(target / "weights.npz", **arrays)
    (target / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    return target


def test_a_first_format_model_is_read_and_codes_the_same(trained, tmp_path):
    _, folder = trained
    old = _as_first_format(folder, tmp_path / "gammel")
    texts = ["For få bustader", "Tildelingsgruppa", "Uklart ansvar", "Samarbeidet fungerer",
             "Hei"]
    pols = ["utfordring", "styrke", "utfordring", None, "styrke"]
    a, b = LearnedCoder(folder).code(texts, pols), LearnedCoder(old).code(texts, pols)
    assert [c.themes for c in a] == [c.themes for c in b]
    # the old one-row polarity model reads P(styrke) against 0.5, the same row as now
    model = ThemeClassifier.load(old)
    docs = model.parse(texts)
    p = model.polarity_proba(docs, ["answer"] * len(texts))
    assert list(p.columns) == ["styrke", "utfordring"]
    assert np.allclose(p.sum(axis=1), 1.0)
    assert [c.polarity for c in b] == [
        None if q is not None or not c.themes else
        ("styrke" if p["styrke"][i] >= p["utfordring"][i] else "utfordring")
        for i, (q, c) in enumerate(zip(pols, b, strict=True))]
    assert np.allclose([c.confidence for c in a], [c.confidence for c in b], atol=1e-12)
    assert ThemeClassifier.load(old).meta_["name"] == "test"


def test_a_model_outlives_new_labels_but_not_new_patterns(trained, tmp_path):
    """A model that reads the codebook's verdicts is tied to the patterns, not the wording."""
    from fritekst.coding.codebook import load_codebook
    from fritekst.data import __file__ as data_init

    model, _ = trained
    source = (Path(data_init).parent / "codebook.toml").read_text(encoding="utf-8")
    relabelled = tmp_path / "ny_ordlyd.toml"
    relabelled.write_text(source.replace('label = "Samordning og samarbeid"',
                                         'label = "Samarbeid på tvers"'), encoding="utf-8")
    assert LearnedCoder(model, relabelled).codebook.labels["samordning"] == "Samarbeid på tvers"
    changed = tmp_path / "nye_mønstre.toml"
    changed.write_text(source.replace('"boligmangel", "*bolig + mangel"', '"*bolig + mangel"'),
                       encoding="utf-8")
    assert load_codebook(changed).patterns_sha256 != load_codebook().patterns_sha256
    with pytest.raises(ModelError) as exc:
        LearnedCoder(model, changed)
    assert str(exc.value) == ("the model was trained with codebook fritekst-boligsosialt; use "
                              "--rules-only with your own codebook, or train a model with it.")


def test_models_trained_with_codebook_1_0_0_fit_the_shipped_codebook():
    """1.1.0 added labels per polarity; its patterns are those of 1.0.0 (sha 5e0deae61c20),
    so models trained with 1.0.0 before patterns were hashed apart still load."""
    from fritekst.coding.codebook import load_codebook

    shipped = load_codebook()
    assert shipped.codes_like({"sha256": "5e0deae61c20"})
    assert not shipped.codes_like({"sha256": "0123456789ab"})
    assert shipped.codes_like(shipped.describe())


def test_a_half_saved_model_folder_is_refused(trained, tmp_path):
    """model.json names the sha256 of the weights it was saved with: new weights beside an
    old description (a save interrupted between the two files) are refused."""
    model, _ = trained
    first = model.save(tmp_path / "m")
    second = model.with_floors({"answer": 0.2}).save(tmp_path / "andre")
    assert ThemeClassifier.load(second).floors_ == {"answer": 0.2}
    (first / "model.json").write_text((second / "model.json").read_text(encoding="utf-8")
                                      .replace('"weights_sha256": "', '"weights_sha256": "0'),
                                      encoding="utf-8")
    with pytest.raises(ModelError) as exc:
        ThemeClassifier.load(first)
    assert str(exc.value) == (f"{first}: model.json and weights.npz do not belong together (a "
                              "save that was interrupted?); train the model again or restore "
                              "the folder.")


def test_training_refuses_an_unwritable_model_folder_before_it_starts(tmp_path, monkeypatch):
    import fritekst.coding.train as training
    from fritekst.errors import OutputError

    monkeypatch.setattr(training, "read_labelled", lambda *a, **k: pytest.fail("read first"))
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe", encoding="utf-8")
    with pytest.raises(OutputError) as exc:
        training.train_file(tmp_path / "kodet.csv", blocker)
    assert str(exc.value) == f"{blocker}: is a file; give a folder for the model."
    with pytest.raises(OutputError) as exc:
        training.train_file(tmp_path / "kodet.csv", blocker / "modell")
    assert str(exc.value) == (f"{blocker / 'modell'}: {blocker} is a file, so the folder "
                              "cannot be made; give another folder for the model.")

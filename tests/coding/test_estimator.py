"""The learned coder is a scikit-learn estimator: it clones, cross-validates and fits in a
researcher's own pipelines, and passes scikit-learn's API checks that apply to text input."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import cross_val_predict
from sklearn.utils import estimator_checks as checks

from coding.test_model import KNOWN, ROWS, SENTENCES
from fritekst.coding.metrics import micro_f1
from fritekst.coding.model import ThemeClassifier
from fritekst.errors import InputError

FAST = {"learner": "logistic", "C": 8.0, "variant": "text", "folds": 3}


@pytest.mark.parametrize("check", [
    checks.check_no_attributes_set_in_init, checks.check_parameters_default_constructible,
    checks.check_get_params_invariance, checks.check_set_params,
    checks.check_estimator_cloneable, checks.check_estimator_repr,
    checks.check_do_not_raise_errors_in_init_or_set_params,
    checks.check_estimator_tags_renamed, checks.check_estimators_unfitted,
])
def test_scikit_learn_api_checks(check):
    check("ThemeClassifier", ThemeClassifier(**FAST))


def _data():
    frame = pd.DataFrame([{"text": t, "themes": th, "polarity": p, "kind": "answer"}
                          for t, th, p in ROWS] +
                         [{"text": f"{t} ({i})", "themes": th, "polarity": p, "kind": "sentence"}
                          for i, (t, th, p) in enumerate(SENTENCES)])
    return frame


def test_fit_predict_on_plain_texts_and_an_indicator_matrix():
    data = _data()
    model = ThemeClassifier(**FAST)
    ids = model._codebook().ids
    y = np.array([[t in s.split(";") for t in ids] for s in data["themes"]], dtype=int)
    assert model.fit(data["text"].tolist(), y) is model
    assert list(model.classes_) == ids
    proba = model.predict_proba(["For få bustader", "Godt samarbeid med NAV"])
    assert proba.shape == (2, len(ids)) and ((proba >= 0) & (proba <= 1)).all()
    pred = model.predict(["For få bustader", "Godt samarbeid med NAV"])
    assert pred.dtype.kind == "i" and pred.shape == (2, len(ids))
    assert pred[0, ids.index("boligmangel")] == 1 and pred[1, ids.index("samordning")] == 1


def test_cross_validation_and_clone():
    data = _data()
    model = ThemeClassifier(**FAST)
    y = data["themes"].tolist()
    ids = model._codebook().ids
    y_bin = np.array([[t in s.split(";") for t in ids] for s in y], dtype=int)
    out_of_fold = cross_val_predict(model, data, y_bin, cv=3)
    assert out_of_fold.shape == y_bin.shape
    # 54 rows, each fit on 36: clearly better than always naming the most frequent theme
    guess = np.zeros_like(y_bin)
    guess[:, y_bin.sum(axis=0).argmax()] = 1
    assert micro_f1(y_bin, out_of_fold) > micro_f1(y_bin, guess) + 0.1
    twin = clone(model)
    assert twin.get_params() == model.get_params() and not hasattr(twin, "classes_")


def test_themes_as_strings_and_errors_in_the_words_users_see():
    data = _data()
    model = ThemeClassifier(**FAST).fit(data, data["themes"])
    assert model.variant_ == "text" and model.meta_["settings"]["C"] == 8.0
    with pytest.raises(InputError) as exc:
        ThemeClassifier(**FAST).fit(data, ["boligmangle"] * len(data))
    assert str(exc.value) == f"unknown theme 'boligmangle'; {KNOWN}"
    with pytest.raises(InputError) as exc:
        ThemeClassifier(**FAST).fit(data, np.zeros((len(data), 3)))
    assert str(exc.value) == f"y has shape ({len(data)}, 3); the codebook has 16 themes and X " \
                             f"{len(data)} units."
    with pytest.raises(NotFittedError) as exc:
        ThemeClassifier().predict(["For få boliger"])
    assert str(exc.value) == ("This ThemeClassifier instance is not fitted yet. Call 'fit' with "
                              "appropriate arguments before using this estimator.")


def test_the_forms_of_y_researchers_hand_it():
    """Review findings: themes read from a CSV have gaps (NaN); a list of 0/1 rows; a
    DataFrame with the theme ids as columns in another order; n_jobs=None."""
    data = _data()
    ids = ThemeClassifier()._codebook().ids
    matrix = np.array([[t in s.split(";") for t in ids] for s in data["themes"]], dtype=int)
    reference = ThemeClassifier(**FAST).fit(data, matrix).predict(data)
    with_gaps = data["themes"].replace("", np.nan)
    forms = {
        "gaps": with_gaps,
        "list of rows": matrix.tolist(),
        "named columns, reordered": pd.DataFrame(matrix, columns=ids)[ids[::-1]],
        "sets": [set(s.split(";")) - {""} for s in data["themes"]],
    }
    for name, y in forms.items():
        got = ThemeClassifier(**{**FAST, "n_jobs": None}).fit(data, y).predict(data)
        assert (got == reference).all(), name
    with pytest.raises(InputError) as exc:
        ThemeClassifier(**FAST).fit(data, pd.DataFrame(matrix, columns=[*ids[:-1], "bolig"]))
    assert str(exc.value) == "y's columns must be the codebook's theme ids; 'bolig' is not one."


def test_set_params_codebook_is_read_again(tmp_path):
    path = tmp_path / "kb.toml"
    path.write_text('[[theme]]\nid = "bolig"\npatterns = ["bolig"]\n\n[[theme]]\nid = "tid"\n'
                    'patterns = ["tid"]\n', encoding="utf-8")
    model = ThemeClassifier(**FAST)
    assert len(model._codebook().ids) == 16
    model.set_params(codebook=path)
    assert model._codebook().ids == ["bolig", "tid"]


def test_no_units_give_empty_results():
    data = _data()
    model = ThemeClassifier(**FAST).fit(data, data["themes"])
    assert model.predict([]).shape == (0, 16) and model.predict_proba([]).shape == (0, 16)
    from fritekst.coding.learned import LearnedCoder

    assert LearnedCoder(model).code([], []) == []


def test_fitting_twice_gives_the_same_model_and_text_models_read_no_verdicts():
    """liblinear visits rows in a random order: seeded, a retrain is the same model. A model
    without the codebook's verdicts gets none when it codes, so its polarity model learns
    from none either."""
    data = _data()
    params = {**FAST, "learner": "svm", "C": 1.0}
    a = ThemeClassifier(**params).fit(data, data["themes"])
    b = ThemeClassifier(**params).fit(data, data["themes"])
    assert (a.theme_layer_.text != b.theme_layer_.text).nnz == 0
    assert (a.polarity_layer_.text != b.polarity_layer_.text).nnz == 0
    assert a.variant_ == "text"
    assert a.polarity_layer_.rules.shape == (len(a.polarity_classes_), 0)

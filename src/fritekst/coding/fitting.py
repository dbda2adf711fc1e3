"""The steps of :meth:`ThemeClassifier.fit <fritekst.coding.model.ThemeClassifier.fit>`.

Everything that is tuned (which way to combine with the codebook, learner, regularisation,
per-theme thresholds, calibration, floors) is chosen by cross-validation on the data given;
held-out data is for ``fritekst evaluate`` only. The models are fitted on the columns of the
hashed feature space that occur in the data, weighted by scikit-learn's TF-IDF, so a small
sample trains in seconds.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import platform
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

from fritekst.coding import features as F
from fritekst.coding.linear import (
    FLOORS,
    KINDS,
    LEARNERS,
    POLARITIES,
    VARIANTS,
    LinearLayer,
    Units,
    apply_floor,
)
from fritekst.coding.metrics import best_threshold, micro_f1, per_label
from fritekst.coding.rules import STRONG
from fritekst.errors import InputError

# the polarity model's regularisation grid
C_GRID = (8.0, 32.0, 100.0)
Progress = Callable[[str], None]


@dataclass
class Matrices:
    """The training data as the learners see it."""

    x_text: sparse.csr_matrix   # TF-IDF over the columns that occur
    x_rules: np.ndarray         # the codebook's verdicts
    override: np.ndarray        # units × themes: a strong codebook verdict
    columns: np.ndarray         # the hashed columns kept
    tfidf: TfidfTransformer


def fit_classifier(model, units: Units, y: np.ndarray, *,
                   progress: Progress | None = None, source: str = "") -> None:
    """Set every fitted attribute of ``model``, a ``ThemeClassifier`` whose parameters say
    what to choose from."""
    say = progress or (lambda _msg: None)
    if len(units.texts) < 2 * model.folds:
        raise InputError(f"{source or 'labelled data'}: {len(units.texts)} rows are too few to "
                         f"cross-validate in {model.folds} folds; give at least "
                         f"{2 * model.folds}.")
    rules = model.rule_coder()
    themes = rules.codebook.ids
    say("NLP")
    docs = list(rules.nlp.pipe(units.texts, batch_size=512))
    m = matrices(docs, units, themes, rules)
    splits = list(KFold(model.folds, shuffle=True, random_state=model.random_state)
                  .split(np.arange(len(units.texts))))
    choice = select(model, m, y, units.kind_rows(), splits, say)
    say(f"fitting {choice.variant}, {choice.learner}, C={choice.C:g}")
    text_w, rule_w, intercept = fit_layer(m.x_text, m.x_rules if choice.variant != "text"
                                          else None, y, choice.C, learner=choice.learner,
                                          random_state=model.random_state)
    say("polarity model")
    # a model that does not read the codebook's verdicts gets none when it codes, so its
    # polarity model must not learn from them either
    polarity_layer, polarity_cv = train_polarity(units, docs, themes, m, splits,
                                                 choice.variant != "text", model.random_state)
    model.classes_ = np.array(themes)
    model.columns_ = m.columns
    model.tfidf_ = m.tfidf
    model.theme_layer_ = LinearLayer(text_w, rule_w, intercept, choice.calibration)
    model.polarity_layer_ = polarity_layer
    model.thresholds_ = choice.thresholds
    model.variant_ = choice.variant
    model.floors_ = {k: None if np.isnan(f) else float(f)
                     for k, f in zip(KINDS, choice.floors, strict=True)}
    model.meta_ = provenance(model, units, y, rules.codebook, choice, polarity_cv, source)


def matrices(docs: list, units: Units, themes: list[str], rules) -> Matrices:
    """Hash the features, keep the columns that occur, weigh them by TF-IDF."""
    counts = F.hash_features([F.text_features(d, p, k) for d, p, k in
                              zip(docs, units.context, units.kinds, strict=True)])
    columns = np.unique(counts.indices).astype(np.int64)
    tfidf = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=False)
    x_text = tfidf.fit_transform(counts[:, columns]).tocsr()
    override = np.array([[rules.coding_of(d, p).scores.get(t, 0) >= STRONG for t in themes]
                         for d, p in zip(docs, units.context, strict=True)])
    return Matrices(x_text, F.rule_block(docs, themes), override, columns, tfidf)


@dataclass
class Choice:
    """What cross-validation chose, with the out-of-fold figures it chose by."""

    score: float
    variant: str
    learner: str
    C: float
    calibration: np.ndarray
    thresholds: np.ndarray
    floors: np.ndarray
    pred: np.ndarray
    trials: list[dict]


def select(model, m: Matrices, y: np.ndarray, kind_rows: np.ndarray,
           splits: list, say: Progress) -> Choice:
    """Try every variant × learner × C on out-of-fold decisions; keep the best micro-F1."""
    variants = VARIANTS if model.variant == "auto" else (model.variant,)
    names = list(LEARNERS) if model.learner == "auto" else [model.learner]
    learners: dict[str, tuple[float, ...]] = {
        name: LEARNERS[name] if model.C is None else (float(model.C),) for name in names}
    # the override variant differs from text+rules only after fitting: fit each once
    fits = sorted({(v != "text", how, c) for v in variants
                   for how, grid in learners.items() for c in grid})
    say(f"cross-validation of {len(fits)} fits")
    decisions = Parallel(n_jobs=min(model.n_jobs or 1, len(fits)), prefer="threads")(
        delayed(out_of_fold)(m.x_text, m.x_rules if use_rules else None, y, c, splits, how,
                             model.random_state)
        for use_rules, how, c in fits)
    by_fit = dict(zip(fits, decisions, strict=True))
    best: Choice | None = None
    trials = []
    kinds = np.array(KINDS)[kind_rows]
    for variant in variants:
        for how, grid in learners.items():
            for c in grid:
                z = by_fit[(variant != "text", how, c)]
                calib = np.array([platt(z[:, j], y[:, j]) for j in range(y.shape[1])])
                p = sigmoid(z * calib[:, 0] + calib[:, 1])
                thr = kind_thresholds(p, y, kinds)
                pred = p >= thr[kind_rows]
                if variant.endswith("override"):
                    pred = pred | m.override
                floors = kind_floors(p, pred, y, kind_rows)
                pred = apply_floor(p, pred, floors[kind_rows])
                score = micro_f1(y, pred)
                trials.append({"variant": variant, "learner": how, "C": c,
                               "micro_f1": round(score, 4)})
                if best is None or score > best.score:
                    best = Choice(score, variant, how, c, calib, thr, floors, pred, trials)
    assert best is not None
    return best


def kind_thresholds(p: np.ndarray, y: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Per kind of text (answers, sentences) and theme, the cut-off with the best F1; a kind
    with few rows uses the cut-offs chosen on all rows."""
    overall = np.array([best_threshold(p[:, j], y[:, j]) for j in range(y.shape[1])])
    rows = []
    for kind in KINDS:
        mask = kinds == kind
        if mask.sum() < 50:
            rows.append(overall)
            continue
        rows.append(np.array([best_threshold(p[mask, j], y[mask, j])
                              if y[mask, j].sum() >= 5 else overall[j]
                              for j in range(y.shape[1])]))
    return np.vstack(rows)


def kind_floors(p: np.ndarray, pred: np.ndarray, y: np.ndarray, kind_rows: np.ndarray
                ) -> np.ndarray:
    """Per kind of text, the floor of :data:`FLOORS` with the best micro-F1 (NaN: none)."""
    out = np.full(len(KINDS), np.nan)
    for k in range(len(KINDS)):
        mask = kind_rows == k
        if mask.sum() < 50:
            continue
        scores = [micro_f1(y[mask], apply_floor(p[mask], pred[mask], np.full(
            mask.sum(), np.nan if f is None else f))) for f in FLOORS]
        best = FLOORS[int(np.argmax(scores))]
        out[k] = np.nan if best is None else best
    return out


def fit_layer(x_text, x_rules, y, c, weight=None, learner="logistic", random_state=0):
    """One linear model per theme (logistic regression or linear SVM); returns sparse text
    weights, rule weights, bias. ``weight`` weighs the rows (None: all alike)."""
    x = sparse.hstack([x_text, sparse.csr_matrix(x_rules)]).tocsr() if x_rules is not None \
        else x_text
    n_text = x_text.shape[1]
    coefs, intercepts = [], []
    for j in range(y.shape[1]):
        w, b = _fit_one(x, y[:, j], c, weight, learner, random_state)
        coefs.append(w)
        intercepts.append(b)
    coef = np.vstack(coefs)
    text_w = sparse.csr_matrix(coef[:, :n_text])
    text_w.eliminate_zeros()
    rule_w = coef[:, n_text:] if x_rules is not None else np.zeros((y.shape[1], 0))
    return text_w, rule_w, np.array(intercepts)


def _fit_one(x, target, c, weight=None, learner="logistic", random_state=0):
    if target.min() == target.max():  # a theme absent (or everywhere) in this fold
        return np.zeros(x.shape[1]), (8.0 if target.max() else -8.0)
    # liblinear visits the rows in a random order: seeded, so a retrain gives the same model
    clf = LinearSVC(C=c, max_iter=5000, random_state=random_state) if learner == "svm" else \
        LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=random_state)
    clf.fit(x, target, sample_weight=weight)
    return clf.coef_.ravel(), float(clf.intercept_[0])


def out_of_fold(x_text, x_rules, y, c, splits, learner="logistic", random_state=0
                ) -> np.ndarray:
    z = np.zeros(y.shape, dtype=float)
    for train_idx, val_idx in splits:
        tw, rw, b = fit_layer(x_text[train_idx], None if x_rules is None else x_rules[train_idx],
                              y[train_idx], c, learner=learner, random_state=random_state)
        z[val_idx] = LinearLayer(tw, rw, b, np.empty((0, 2))).decision(
            x_text[val_idx], x_rules[val_idx] if x_rules is not None else None)
    return z


def platt(z: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration of decision values on out-of-fold data."""
    if target.min() == target.max():
        return 1.0, 0.0
    clf = LogisticRegression(C=1e4)
    clf.fit(z.reshape(-1, 1), target)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def train_polarity(units: Units, docs: list, themes: list[str], m: Matrices, splits: list,
                   use_rules: bool = True, random_state: int = 0
                   ) -> tuple[LinearLayer | None, dict]:
    """Styrke (1) vs utfordring (0) for text no question gives a polarity; rows: sentences
    with a polarity, plus answers when cross-validation on the sentences says they help."""
    polarity = np.array(units.polarity)
    has = np.isin(polarity, POLARITIES)
    sentence = np.array(units.kinds) == "sentence"
    if (has & sentence).sum() < 20:
        return None, {"note": "too few sentences with a polarity to train a polarity model"}
    counts = F.hash_features([F.text_features(d, None, k) for d, k in
                              zip(docs, units.kinds, strict=True)])
    x_text = m.tfidf.transform(counts[:, m.columns]).tocsr()
    x_rules = m.x_rules if use_rules else None

    def rules(rows):
        return None if x_rules is None else x_rules[rows]

    def fit(rows, c, weights):
        return fit_layer(x_text[rows], rules(rows), target[rows, None], c, weights,
                         random_state=random_state)

    target = (polarity == "styrke").astype(int)
    # answers teach the words of praise and complaint; sentences how reports say them. With
    # many more answers than sentences, the sentences may need more weight: CV decides.
    options = {"sentences": (has & sentence, 1.0), "sentences+answers": (has, 1.0),
               "sentences x3+answers": (has, 3.0)}
    results = {}
    for rows_name, (rows, s_weight) in options.items():
        weights = np.where(sentence, s_weight, 1.0)
        for c in C_GRID:
            correct, total = 0, 0
            for train_idx, val_idx in splits:
                tr = train_idx[rows[train_idx]]
                va = val_idx[(has & sentence)[val_idx]]
                if len(va) == 0 or len(set(target[tr])) < 2:
                    continue
                tw, rw, b = fit(tr, c, weights[tr])
                z = LinearLayer(tw, rw, b, np.empty((0, 2))).decision(x_text[va], rules(va))[:, 0]
                correct += int(((z >= 0).astype(int) == target[va]).sum())
                total += len(va)
            results[f"{rows_name}, C={c:g}"] = round(correct / total, 4) if total else 0.0
    choice = max(results, key=lambda k: results[k])
    rows_name, c_text = choice.split(", C=")
    c = float(c_text)
    rows, s_weight = options[rows_name]
    weights = np.where(sentence, s_weight, 1.0)
    tw, rw, b = fit(rows, c, weights[rows])
    # calibrate on out-of-fold values over the chosen rows
    z_all = np.zeros(len(units.texts))
    for train_idx, val_idx in splits:
        tr, va = train_idx[rows[train_idx]], val_idx[rows[val_idx]]
        if len(va) == 0 or len(set(target[tr])) < 2:
            continue
        ftw, frw, fb = fit(tr, c, weights[tr])
        z_all[va] = LinearLayer(ftw, frw, fb, np.empty((0, 2))).decision(x_text[va],
                                                                         rules(va))[:, 0]
    a, bb = platt(z_all[rows], target[rows])
    return LinearLayer(tw, rw, b, np.array([[a, bb]])), {"accuracy_sentences": results,
                                                        "chosen": choice}


def provenance(model, units: Units, y: np.ndarray, codebook, choice: Choice,
               polarity_cv: dict, source: str) -> dict:
    """What the model was trained on and how it was chosen (model.json and the card)."""
    themes = codebook.ids
    per = per_label(y, choice.pred)
    rows = "\n".join(f"{t}\t{';'.join(th for th, v in zip(themes, yy, strict=True) if v)}\t"
                     f"{p}\t{k}" for t, yy, p, k in
                     zip(units.texts, y, units.polarity, units.kinds, strict=True))
    return {
        "name": model.name, "version": model.version,
        "trained": _dt.date.today().isoformat(),
        "data": {"source": source, "rows": len(units.texts),
                 "sha256": hashlib.sha256(rows.encode()).hexdigest(),
                 "kinds": pd.Series(units.kinds).value_counts().to_dict()},
        "codebook": {k: v for k, v in codebook.describe().items() if k != "source"},
        "settings": {"learner": choice.learner, "C": choice.C, "folds": model.folds,
                     "random_state": model.random_state, "char_weight": F.CHAR_WEIGHT,
                     "columns": len(model.columns_) if hasattr(model, "columns_") else None,
                     "features": f"hashed keys, key bigrams, negation scope, char 3-5-grams "
                                 f"(weight {F.CHAR_WEIGHT}; {F.N_FEATURES} buckets, the ones "
                                 "that occur kept), TF-IDF + codebook verdicts"},
        "cross_validation": {
            "micro_f1": round(choice.score, 4), "trials": choice.trials,
            "per_theme": {t: {"support": int(per["support"][j]),
                              "f1": round(float(per["f1"][j]), 4)}
                          for j, t in enumerate(themes)},
            "polarity": polarity_cv,
            "thresholds": {k: dict(zip(themes, map(float, choice.thresholds[i]), strict=True))
                           for i, k in enumerate(KINDS)}},
        "versions": versions(),
    }


def versions() -> dict:
    import scipy
    import sklearn
    import spacy

    from fritekst import __version__

    return {"fritekst": __version__, "python": platform.python_version(),
            "scikit-learn": sklearn.__version__, "scipy": scipy.__version__,
            "numpy": np.__version__, "spacy": spacy.__version__}

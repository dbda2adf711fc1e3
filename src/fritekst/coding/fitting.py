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
    GATES,
    KINDS,
    LEARNERS,
    VARIANTS,
    LinearLayer,
    Units,
    apply_floor,
    apply_gate,
)
from fritekst.coding.metrics import best_threshold, micro_f1, per_label
from fritekst.coding.prose import platt, sigmoid, train_polarity, train_relevance
from fritekst.coding.rules import STRONG
from fritekst.errors import InputError

Progress = Callable[[str], None]


@dataclass
class Matrices:
    """The training data as the learners see it."""

    x_text: sparse.csr_matrix   # TF-IDF over the columns that occur
    x_rules: np.ndarray         # the codebook's verdicts
    override: np.ndarray        # units × themes: a strong codebook verdict
    columns: np.ndarray         # the hashed columns kept
    tfidf: TfidfTransformer
    x_plain: sparse.csr_matrix  # the same without the question's polarity


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
    x_plain = m.x_plain
    say("relevance model")
    relevance_layer, relevance_oof, relevance_cv = train_relevance(
        units, y, x_plain, splits, fit_layer, model.random_state)
    choice = select(model, m, y, units.kind_rows(), splits, say, relevance_oof,
                    row_weights(model, units))
    fitting = f"fitting {choice.variant}, {choice.learner}, C={choice.C:g}"
    say(fitting)
    text_w, rule_w, intercept = fit_layer(m.x_text, m.x_rules if choice.variant != "text"
                                          else None, y, choice.C, row_weights(model, units),
                                          learner=choice.learner,
                                          random_state=model.random_state,
                                          say=_prefixed(say, fitting))
    say("polarity model")
    # a model that does not read the codebook's verdicts gets none when it codes, so its
    # polarity model must not learn from them either
    polarity_layer, polarity_classes, polarity_cv = train_polarity(
        units, x_plain, m.x_rules if choice.variant != "text" else None, splits, fit_layer,
        model.random_state)
    model.classes_ = np.array(themes)
    model.columns_ = m.columns
    model.tfidf_ = m.tfidf
    model.theme_layer_ = LinearLayer(text_w, rule_w, intercept, choice.calibration)
    model.polarity_layer_ = polarity_layer
    model.polarity_classes_ = polarity_classes
    model.relevance_layer_ = relevance_layer
    model.relevance_base_ = float(relevance_cv.get("base_rate", 0.5))
    model.gates_ = {k: float(g) for k, g in zip(KINDS, choice.gates, strict=True)}
    model.polarity_weights_ = {}
    model.thresholds_ = choice.thresholds
    model.variant_ = choice.variant
    model.floors_ = {k: None if np.isnan(f) else float(f)
                     for k, f in zip(KINDS, choice.floors, strict=True)}
    model.meta_ = provenance(model, units, y, rules.codebook, choice,
                             {"polarity": polarity_cv, "relevance": relevance_cv}, source)


def _prefixed(say: Progress, prefix: str) -> Progress:
    return lambda msg: say(f"{prefix}, {msg}")


def matrices(docs: list, units: Units, themes: list[str], rules) -> Matrices:
    """Hash the features, keep the columns that occur, weigh them by TF-IDF."""
    plain = F.plain_counts(docs, units.kinds)
    counts = F.with_context(plain, units.context)
    columns = np.unique(counts.indices).astype(np.int64)
    tfidf = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=False)
    x_text = tfidf.fit_transform(counts[:, columns]).tocsr()
    x_plain = tfidf.transform(plain[:, columns]).tocsr()
    override = np.array([[rules.coding_of(d, p).scores.get(t, 0) >= STRONG for t in themes]
                         for d, p in zip(docs, units.context, strict=True)])
    return Matrices(x_text, F.rule_block(docs, themes), override, columns, tfidf, x_plain)


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
    gates: np.ndarray
    pred: np.ndarray
    trials: list[dict]


def row_weights(model, units: Units) -> np.ndarray | None:
    """How much each unit weighs in the theme models: report sentences count
    ``model.sentence_weight`` times an answer (None: all alike)."""
    w = getattr(model, "sentence_weight", 1.0)
    if w == 1.0:
        return None
    return np.where(np.array(units.kinds) == "sentence", float(w), 1.0)


def select(model, m: Matrices, y: np.ndarray, kind_rows: np.ndarray,
           splits: list, say: Progress, relevance: np.ndarray | None = None,
           weights: np.ndarray | None = None) -> Choice:
    """Try every variant × learner × C on out-of-fold decisions; keep the best micro-F1.
    ``relevance`` (out-of-fold P(about the field)) lets each kind of text have a gate."""
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
                             model.random_state, weights,
                             _prefixed(say, f"cross-validation, fit {i + 1} of {len(fits)}"))
        for i, (use_rules, how, c) in enumerate(fits))
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
                gates = kind_gates(pred, y, kind_rows, relevance)
                pred, closed = apply_gate(pred, relevance, gates[kind_rows])
                floors = kind_floors(p, pred, y, kind_rows)
                pred = apply_floor(p, pred, np.where(closed, np.nan, floors[kind_rows]))
                score = micro_f1(y, pred)
                trials.append({"variant": variant, "learner": how, "C": c,
                               "micro_f1": round(score, 4)})
                if best is None or score > best.score:
                    best = Choice(score, variant, how, c, calib, thr, floors, gates, pred,
                                  trials)
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


def kind_gates(pred: np.ndarray, y: np.ndarray, kind_rows: np.ndarray,
               relevance: np.ndarray | None) -> np.ndarray:
    """Per kind of text, the relevance gate of :data:`GATES` with the best micro-F1 over
    that kind's units (0: no gate, also without a relevance model)."""
    out = np.zeros(len(KINDS))
    if relevance is None:
        return out
    for k in range(len(KINDS)):
        mask = kind_rows == k
        if mask.sum() < 50:
            continue
        scores = [micro_f1(y[mask], apply_gate(pred[mask], relevance[mask],
                                               np.full(mask.sum(), g))[0]) for g in GATES]
        out[k] = GATES[int(np.argmax(scores))]
    return out


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


def fit_layer(x_text, x_rules, y, c, weight=None, learner="logistic", random_state=0,
              say: Progress | None = None):
    """One linear model per theme (logistic regression or linear SVM); returns sparse text
    weights, rule weights, bias. ``weight`` weighs the rows (None: all alike); ``say`` is
    told each theme as it is fitted ("theme 3 of 12")."""
    x = sparse.hstack([x_text, sparse.csr_matrix(x_rules)]).tocsr() if x_rules is not None \
        else x_text
    n_text = x_text.shape[1]
    coefs, intercepts = [], []
    for j in range(y.shape[1]):
        if say is not None:
            say(f"theme {j + 1} of {y.shape[1]}")
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


def out_of_fold(x_text, x_rules, y, c, splits, learner="logistic", random_state=0,
                weights=None, say: Progress | None = None) -> np.ndarray:
    """Decisions for every row from models fitted without its fold; ``say`` is told each
    fold and theme ("fold 2 of 5, theme 3 of 12")."""
    z = np.zeros(y.shape, dtype=float)
    for k, (train_idx, val_idx) in enumerate(splits):
        step = None if say is None else \
            (lambda msg, k=k: say(f"fold {k + 1} of {len(splits)}, {msg}"))
        tw, rw, b = fit_layer(x_text[train_idx], None if x_rules is None else x_rules[train_idx],
                              y[train_idx], c, None if weights is None else weights[train_idx],
                              learner=learner, random_state=random_state, say=step)
        z[val_idx] = LinearLayer(tw, rw, b, np.empty((0, 2))).decision(
            x_text[val_idx], x_rules[val_idx] if x_rules is not None else None)
    return z


def provenance(model, units: Units, y: np.ndarray, codebook, choice: Choice,
               prose_cv: dict, source: str) -> dict:
    """What the model was trained on and how it was chosen (model.json and the card)."""
    themes = codebook.ids
    per = per_label(y, choice.pred)
    rows = "\n".join(f"{t}\t{';'.join(th for th, v in zip(themes, yy, strict=True) if v)}\t"
                     f"{p}\t{k}" + ("" if np.isnan(r) else f"\t{int(r)}") for t, yy, p, k, r in
                     zip(units.texts, y, units.polarity, units.kinds, units.relevant,
                         strict=True))
    return {
        "name": model.name, "version": model.version,
        "trained": _dt.date.today().isoformat(),
        "data": {"source": source, "rows": len(units.texts),
                 "sha256": hashlib.sha256(rows.encode()).hexdigest(),
                 "kinds": pd.Series(units.kinds).value_counts().to_dict()},
        "codebook": {k: v for k, v in codebook.describe().items() if k != "source"},
        "settings": {"learner": choice.learner, "C": choice.C, "folds": model.folds,
                     "sentence_weight": getattr(model, "sentence_weight", 1.0),
                     "random_state": model.random_state, "char_weight": F.CHAR_WEIGHT,
                     "columns": len(model.columns_) if hasattr(model, "columns_") else None,
                     "features": f"hashed keys, key bigrams, negation scope, char 3-5-grams "
                                 f"(weight {F.CHAR_WEIGHT}; {F.N_FEATURES} buckets, the ones "
                                 "that occur kept), TF-IDF + codebook verdicts"},
        "cross_validation": {
            "micro_f1": round(choice.score, 4), "trials": choice.trials,
            "micro_f1_by_kind": {k: round(micro_f1(y[mask], choice.pred[mask]), 4)
                                 for k in KINDS
                                 if (mask := np.array(units.kinds) == k).any()},
            "per_theme": {t: {"support": int(per["support"][j]),
                              "f1": round(float(per["f1"][j]), 4)}
                          for j, t in enumerate(themes)},
            **prose_cv,
            "gates": {k: float(g) for k, g in zip(KINDS, choice.gates, strict=True)},
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

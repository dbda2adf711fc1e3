"""Train a :class:`~fritekst.coding.model.ThemeModel` from labelled units.

Labelled data is a CSV with ``text``, ``themes`` (``;``-joined ids, empty for none),
``polarity`` (``styrke``/``utfordring``/empty) and ``kind`` (``answer``/``sentence``). For
answers the polarity is the question's and is given to the model as context; for sentences the
polarity model learns to read it from the sentence.

Everything that is tuned (which way to combine with the codebook, regularisation, per-theme
thresholds, calibration) is chosen by cross-validation on the data given; held-out data is for
``fritekst evaluate`` only.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import platform
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

from fritekst.coding import features as F
from fritekst.coding.model import KINDS, VARIANTS, LinearModel, ThemeModel, apply_floor
from fritekst.coding.rules import STRONG, RuleCoder
from fritekst.errors import InputError
from fritekst.extract.readers import read_table

POLARITIES = {"styrke", "utfordring"}
C_GRID = (8.0, 32.0, 100.0)
# the learners cross-validation chooses between, each with its own regularisation grid
LEARNERS = {"logistic": (32.0, 100.0, 300.0), "svm": (1.0, 3.0, 10.0)}
# "no theme passed its threshold": give the most probable theme if it reaches this floor
# (None: leave the unit uncoded); chosen per kind of text by cross-validation
FLOORS = (None, 0.1, 0.15, 0.2, 0.25)
Progress = Callable[[str], None]


def read_labelled(path: str | Path, themes: list[str]) -> pd.DataFrame:
    """Read and validate coded units (.csv in any encoding and delimiter, .xlsx, .tsv): unknown
    theme ids and bad values are errors naming the row as a spreadsheet shows it. Theme ids
    may be separated by ";" or ",".
    """
    table = read_table(path)
    header = [h.strip().lower() for h in table.header]
    df = pd.DataFrame(table.rows, columns=header).astype(str)
    df["rowno_"] = table.row_numbers
    for col in ("text", "themes"):
        if col not in df.columns:
            raise InputError(f"{path}: needs a '{col}' column (and optionally polarity, kind).")
    for col, default in (("polarity", ""), ("kind", "answer")):
        if col not in df.columns:
            df[col] = default
    df["themes"] = df["themes"].str.replace(",", ";")
    known = set(themes)
    for row in df.itertuples(index=False):
        bad = [t for t in row.themes.split(";") if t.strip() and t.strip() not in known]
        if bad:
            raise InputError(f"{path}, row {row.rowno_}: unknown theme '{bad[0]}'; known ids: "
                             f"{', '.join(themes)}.")
        if row.polarity.strip() and row.polarity.strip() not in POLARITIES:
            raise InputError(f"{path}, row {row.rowno_}: polarity '{row.polarity}' is not styrke, "
                             "utfordring or empty.")
        if row.kind.strip() not in {"", "answer", "sentence"}:
            raise InputError(f"{path}, row {row.rowno_}: kind '{row.kind}' is not answer, "
                             "sentence or empty.")
    df = df[df["text"].str.strip() != ""].copy()
    if df.empty:
        raise InputError(f"{path}: no rows with text.")
    df["theme_set"] = df["themes"].map(lambda s: {t.strip() for t in s.split(";") if t.strip()})
    df["polarity"] = df["polarity"].str.strip()
    df["kind"] = df["kind"].str.strip().replace("", "answer")
    return df.drop(columns="rowno_").reset_index(drop=True)


def context_polarity(df: pd.DataFrame) -> list[str | None]:
    """The polarity a question would give: answers have it, sentences do not."""
    return [p if k == "answer" and p else None for p, k in zip(df["polarity"], df["kind"],
                                                               strict=True)]


def train(df: pd.DataFrame, *, name: str = "fritekst", version: str = "1",
          codebook_path: str | Path | None = None, folds: int = 5, random_state: int = 0,
          progress: Progress | None = None, source: str = "",
          variants: tuple[str, ...] = VARIANTS,
          learners: dict[str, tuple[float, ...]] | None = None) -> ThemeModel:
    """Fit a model on every row of ``df`` (see :func:`read_labelled`); ``variants`` and
    ``learners`` (learner name → grid of C) are the choices cross-validation picks from."""
    say = progress or (lambda _msg: None)
    if len(df) < 2 * folds:
        raise InputError(f"{source or 'labelled data'}: {len(df)} rows are too few to "
                         f"cross-validate in {folds} folds; give at least {2 * folds}.")
    rules = RuleCoder(codebook_path)
    themes = rules.codebook.ids
    say("NLP")
    docs = list(rules.nlp.pipe(df["text"].tolist(), batch_size=512))
    ctx = context_polarity(df)
    kinds = df["kind"].tolist()
    counts = F.hash_features([F.text_features(d, p, k)
                              for d, p, k in zip(docs, ctx, kinds, strict=True)])
    idf = inverse_document_frequency(counts)
    x_text = F.weigh(counts, idf)
    x_rules = F.rule_block(docs, themes)
    y = np.array([[t in s for t in themes] for s in df["theme_set"]], dtype=int)
    override = np.array([[rules.coding_of(d, p).scores.get(t, 0) >= STRONG for t in themes]
                         for d, p in zip(docs, ctx, strict=True)])
    kf = KFold(folds, shuffle=True, random_state=random_state)
    splits = list(kf.split(np.arange(len(df))))

    learners = learners or LEARNERS
    kind_rows = np.array([KINDS.index(k) if k in KINDS else 0 for k in kinds])
    # the override variant differs from text+rules only after fitting: fit each once
    fits = sorted({(v != "text", how, c) for v in variants
                   for how, grid in learners.items() for c in grid})
    say(f"cross-validation of {len(fits)} fits")
    decisions = Parallel(n_jobs=min(2, len(fits)))(
        delayed(out_of_fold)(x_text, x_rules if use_rules else None, y, c, splits, how)
        for use_rules, how, c in fits)
    by_fit = dict(zip(fits, decisions, strict=True))
    best = None
    trials = []
    for variant in variants:
        for how, grid in learners.items():
            for c in grid:
                z = by_fit[(variant != "text", how, c)]
                calib = np.array([platt(z[:, j], y[:, j]) for j in range(len(themes))])
                p = sigmoid(z * calib[:, 0] + calib[:, 1])
                thr = kind_thresholds(p, y, df["kind"].to_numpy())
                pred = p >= thr[kind_rows]
                if variant.endswith("override"):
                    pred = pred | override
                floors = kind_floors(p, pred, y, kind_rows)
                pred = apply_floor(p, pred, floors[kind_rows])
                score = micro_f1(y, pred)
                trials.append({"variant": variant, "learner": how, "C": c,
                               "micro_f1": round(score, 4)})
                if best is None or score > best[0]:
                    best = (score, variant, how, c, calib, thr, floors, pred)
    score, variant, learner, c, calib, thr, floors, pred = best
    say(f"fitting {variant}, {learner}, C={c:g}")
    text_w, rule_w, intercept = fit_layer(x_text, x_rules if variant != "text" else None, y, c,
                                          learner=learner)
    layer = LinearModel(text_w, rule_w, intercept, calib)
    say("polarity model")
    polarity_layer, polarity_cv = train_polarity(df, docs, themes, idf, splits, random_state)
    thresholds = {k: dict(zip(themes, map(float, thr[i]), strict=True))
                  for i, k in enumerate(KINDS)}
    meta = {
        "name": name, "version": version,
        "trained": _dt.date.today().isoformat(),
        "data": {"source": source, "rows": len(df),
                 "sha256": hashlib.sha256("\n".join(
                     f"{t}\t{th}\t{p}\t{k}" for t, th, p, k in
                     zip(df["text"], df["themes"], df["polarity"], df["kind"], strict=True)
                 ).encode()).hexdigest(),
                 "kinds": df["kind"].value_counts().to_dict()},
        "codebook": {k: v for k, v in rules.codebook.describe().items() if k != "source"},
        "settings": {"learner": learner, "C": c, "folds": folds, "random_state": random_state,
                     "char_weight": F.CHAR_WEIGHT,
                     "features": f"hashed keys, key bigrams, negation scope, char 3-5-grams "
                                 f"(weight {F.CHAR_WEIGHT}; {F.N_FEATURES} buckets) + codebook "
                                 "verdicts"},
        "cross_validation": {"micro_f1": round(score, 4), "trials": trials,
                             "per_theme": per_theme_scores(y, pred, themes),
                             "polarity": polarity_cv, "thresholds": thresholds},
        "versions": versions(),
    }
    return ThemeModel(themes, idf, layer, thr, variant, polarity_layer, meta,
                      floors={k: None if np.isnan(f) else float(f)
                              for k, f in zip(KINDS, floors, strict=True)})


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


def inverse_document_frequency(counts: sparse.csr_matrix) -> np.ndarray:
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    n = counts.shape[0]
    idf = np.zeros(counts.shape[1])
    seen = df > 0
    idf[seen] = np.log((1 + n) / (1 + df[seen])) + 1.0
    return idf


def fit_layer(x_text, x_rules, y, c, weight=None, learner="logistic"):
    """One linear model per theme (logistic regression or linear SVM); returns sparse text
    weights, rule weights, bias. ``weight`` weighs the rows (None: all alike)."""
    x = sparse.hstack([x_text, sparse.csr_matrix(x_rules)]).tocsr() if x_rules is not None \
        else x_text
    n_text = x_text.shape[1]
    coefs, intercepts = [], []
    for j in range(y.shape[1]):
        w, b = _fit_one(x, y[:, j], c, weight, learner)
        coefs.append(w)
        intercepts.append(b)
    coef = np.vstack(coefs)
    text_w = sparse.csr_matrix(coef[:, :n_text])
    text_w.eliminate_zeros()
    rule_w = coef[:, n_text:] if x_rules is not None else np.zeros((y.shape[1], 0))
    return text_w, rule_w, np.array(intercepts)


def _fit_one(x, target, c, weight=None, learner="logistic"):
    if target.min() == target.max():  # a theme absent (or everywhere) in this fold
        return np.zeros(x.shape[1]), (8.0 if target.max() else -8.0)
    clf = LinearSVC(C=c, max_iter=5000) if learner == "svm" else \
        LogisticRegression(C=c, solver="liblinear", max_iter=1000)
    clf.fit(x, target, sample_weight=weight)
    return clf.coef_.ravel(), float(clf.intercept_[0])


def out_of_fold(x_text, x_rules, y, c, splits, learner="logistic") -> np.ndarray:
    z = np.zeros(y.shape, dtype=float)
    for train_idx, val_idx in splits:
        tw, rw, b = fit_layer(x_text[train_idx], None if x_rules is None else x_rules[train_idx],
                              y[train_idx], c, learner=learner)
        z[val_idx] = LinearModel(tw, rw, b, np.empty((0, 2))).decision(
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


def best_threshold(p: np.ndarray, target: np.ndarray) -> float:
    """The probability cut-off with the best F1 for one theme (0.5 when it never occurs)."""
    if target.sum() == 0:
        return 0.5
    grid = np.arange(0.15, 0.86, 0.025)
    f1s = []
    for t in grid:
        pred = p >= t
        tp = int((pred & (target == 1)).sum())
        f1s.append(2 * tp / (pred.sum() + target.sum()) if pred.sum() + target.sum() else 0)
    return float(grid[int(np.argmax(f1s))])


def micro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = int((pred & (y == 1)).sum())
    denom = int(pred.sum() + y.sum())
    return 2 * tp / denom if denom else 0.0


def per_theme_scores(y, pred, themes) -> dict:
    out = {}
    for j, t in enumerate(themes):
        tp = int((pred[:, j] & (y[:, j] == 1)).sum())
        denom = int(pred[:, j].sum() + y[:, j].sum())
        out[t] = {"support": int(y[:, j].sum()), "f1": round(2 * tp / denom, 4) if denom else 0}
    return out


def train_polarity(df, docs, themes, idf, splits, random_state):
    """Styrke (1) vs utfordring (0) for text no question gives a polarity; rows: sentences
    with a polarity, plus answers when cross-validation on the sentences says they help."""
    has = df["polarity"].isin(POLARITIES).to_numpy()
    sentence = (df["kind"] == "sentence").to_numpy()
    if (has & sentence).sum() < 20:
        return None, {"note": "too few sentences with a polarity to train a polarity model"}
    counts = F.hash_features([F.text_features(d, None, k) for d, k in zip(docs, df["kind"],
                                                                              strict=True)])
    x_text = F.weigh(counts, idf)
    x_rules = F.rule_block(docs, themes)
    target = (df["polarity"] == "styrke").to_numpy().astype(int)
    results = {}
    # answers teach the words of praise and complaint; sentences how reports say them. With
    # many more answers than sentences, the sentences may need more weight: CV decides.
    options = {"sentences": (has & sentence, 1.0), "sentences+answers": (has, 1.0),
               "sentences x3+answers": (has, 3.0)}
    for rows_name, (rows, s_weight) in options.items():
        weights = np.where(sentence, s_weight, 1.0)
        for c in C_GRID:
            correct, total = 0, 0
            for train_idx, val_idx in splits:
                tr = train_idx[rows[train_idx]]
                va = val_idx[(has & sentence)[val_idx]]
                if len(va) == 0 or len(set(target[tr])) < 2:
                    continue
                tw, rw, b = fit_layer(x_text[tr], x_rules[tr], target[tr, None], c, weights[tr])
                z = LinearModel(tw, rw, b, np.empty((0, 2))).decision(
                    x_text[va], x_rules[va])[:, 0]
                correct += int(((z >= 0).astype(int) == target[va]).sum())
                total += len(va)
            results[f"{rows_name}, C={c:g}"] = round(correct / total, 4) if total else 0.0
    choice = max(results, key=results.get)
    rows_name, c = choice.split(", C=")
    c = float(c)
    rows, s_weight = options[rows_name]
    weights = np.where(sentence, s_weight, 1.0)
    tw, rw, b = fit_layer(x_text[rows], x_rules[rows], target[rows, None], c, weights[rows])
    # calibrate on out-of-fold values over the chosen rows
    z_all = np.zeros(len(df))
    for train_idx, val_idx in splits:
        tr, va = train_idx[rows[train_idx]], val_idx[rows[val_idx]]
        if len(va) == 0 or len(set(target[tr])) < 2:
            continue
        ftw, frw, fb = fit_layer(x_text[tr], x_rules[tr], target[tr, None], c, weights[tr])
        z_all[va] = LinearModel(ftw, frw, fb, np.empty((0, 2))).decision(
            x_text[va], x_rules[va])[:, 0]
    a, bb = platt(z_all[rows], target[rows])
    layer = LinearModel(tw, rw, b, np.array([[a, bb]]))
    return layer, {"accuracy_sentences": results, "chosen": choice}


def versions() -> dict:
    import scipy
    import sklearn
    import spacy

    from fritekst import __version__

    return {"fritekst": __version__, "python": platform.python_version(),
            "scikit-learn": sklearn.__version__, "scipy": scipy.__version__,
            "numpy": np.__version__, "spacy": spacy.__version__}

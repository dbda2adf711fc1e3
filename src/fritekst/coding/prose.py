"""The two models that read what no question gives: the polarity of a unit (styrke,
utfordring or nøytral) and whether it is about housing-social work at all (relevance).

Both learn from the text alone (no question context, so an answer and a report sentence with
the same words get the same reading), over the theme model's TF-IDF columns, with their
settings chosen by cross-validation on the same folds as the themes.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from fritekst.coding.linear import POLARITIES, LinearLayer, Units

# the regularisation grid of both models
C_GRID = (8.0, 32.0, 100.0)
MIN_SENTENCES = 20   # sentences with a polarity needed to learn polarity
MIN_OFF_TOPIC = 20   # off-topic units needed to learn relevance


def _decisions(fit, x_text, x_rules, train_idx, val_idx, target, c, weights) -> np.ndarray:
    tw, rw, b = fit(train_idx, target, c, weights)
    return LinearLayer(tw, rw, b, np.empty((0, 2))).decision(
        x_text[val_idx], None if x_rules is None else x_rules[val_idx])


def train_polarity(units: Units, x_text: sparse.csr_matrix, x_rules: np.ndarray | None,
                   splits: list, fit_layer, random_state: int = 0
                   ) -> tuple[LinearLayer | None, list[str], dict]:
    """One calibrated one-vs-rest model per polarity found among the sentences (styrke,
    utfordring and, where coded, nøytral); the unit gets the most probable. Rows: sentences
    with a polarity, plus answers (their question's) when cross-validation on the sentences
    says they help. Returns the layer, its classes and the cross-validation figures."""
    polarity = np.array(units.polarity)
    sentence = np.array(units.kinds) == "sentence"
    has = np.isin(polarity, POLARITIES)
    if (has & sentence).sum() < MIN_SENTENCES:
        return None, [], {"note": "too few sentences with a polarity to train a polarity "
                                  "model"}
    classes = [p for p in POLARITIES if (polarity[sentence] == p).any()]
    target = np.column_stack([(polarity == p).astype(int) for p in classes])

    def rules(rows):
        return None if x_rules is None else x_rules[rows]

    def fit(rows, y, c, weights):
        return fit_layer(x_text[rows], rules(rows), y[rows], c, weights,
                         random_state=random_state)

    # answers teach the words of praise and complaint; sentences how reports say them, and
    # what describing without judging looks like. CV decides how much answers may add.
    options = {"sentences": (has & sentence, 1.0), "sentences+answers": (has, 1.0),
               "sentences x3+answers": (has, 3.0)}
    results = {}
    for rows_name, (rows, s_weight) in options.items():
        weights = np.where(sentence, s_weight, 1.0)
        for c in C_GRID:
            correct = total = 0
            for train_idx, val_idx in splits:
                tr = train_idx[rows[train_idx]]
                va = val_idx[(has & sentence)[val_idx]]
                if len(va) == 0 or len(set(polarity[tr])) < 2:
                    continue
                z = _decisions(fit, x_text, x_rules, tr, va, target, c, weights[tr])
                correct += int((z.argmax(axis=1) == target[va].argmax(axis=1)).sum())
                total += len(va)
            results[f"{rows_name}, C={c:g}"] = round(correct / total, 4) if total else 0.0
    choice = max(results, key=lambda k: results[k])
    rows_name, c_text = choice.split(", C=")
    c = float(c_text)
    rows, s_weight = options[rows_name]
    weights = np.where(sentence, s_weight, 1.0)
    tw, rw, b = fit(rows, target, c, weights[rows])
    # calibrate each class on out-of-fold values over the chosen rows
    z_all = np.zeros(target.shape)
    for train_idx, val_idx in splits:
        tr, va = train_idx[rows[train_idx]], val_idx[rows[val_idx]]
        if len(va) and len(set(polarity[tr])) >= 2:
            z_all[va] = _decisions(fit, x_text, x_rules, tr, va, target, c, weights[tr])
    calibration = np.array([platt(z_all[rows, j], target[rows, j])
                            for j in range(len(classes))])
    return (LinearLayer(tw, rw, b, calibration), classes,
            {"classes": classes, "accuracy_sentences": results, "chosen": choice})


def relevance_targets(units: Units, y: np.ndarray) -> np.ndarray:
    """1 about housing-social work, 0 off-topic, NaN unknown: as coded, and a unit with a
    theme is about the field by definition."""
    out = units.relevant.astype(float).copy()
    out[np.isnan(out) & (y.sum(axis=1) > 0)] = 1.0
    return out


def train_relevance(units: Units, y: np.ndarray, x_text: sparse.csr_matrix, splits: list,
                    fit_layer, random_state: int = 0
                    ) -> tuple[LinearLayer | None, np.ndarray | None, dict]:
    """P(the unit is about housing-social work), learned from units coded relevant or
    off-topic. Cross-validation chooses the regularisation and whether survey answers (all
    about the field, in their own register) join the report sentences in training; it is
    judged on the sentences. Returns the layer, out-of-fold probabilities for every unit (for
    choosing the gates), and the cross-validation figures; ``None`` without enough off-topic
    units."""
    rel = relevance_targets(units, y)
    known = ~np.isnan(rel)
    if (rel[known] == 0).sum() < MIN_OFF_TOPIC:
        return None, None, {"note": "too few units coded off-topic to train a relevance model"}
    target = np.nan_to_num(rel).astype(int)[:, None]
    sentence = np.array(units.kinds) == "sentence"
    judged = known & sentence if (known & sentence).any() else known

    def fit(rows, _y, c, weights):
        return fit_layer(x_text[rows], None, target[rows], c, weights,
                         random_state=random_state)

    options = {"sentences": known & sentence, "sentences+answers": known}
    if not (known & sentence & (target[:, 0] == 0)).any():
        options = {"sentences+answers": known}
    results, oof = {}, {}
    for name, rows in options.items():
        for c in C_GRID:
            z = np.zeros(len(rel))
            for train_idx, val_idx in splits:
                tr = train_idx[rows[train_idx]]
                if len(set(target[tr, 0])) < 2:
                    continue
                z[val_idx] = _decisions(fit, x_text, None, tr, val_idx, target, c, None)[:, 0]
            right = ((z[judged] >= 0).astype(int) == target[judged, 0]).mean()
            key = f"{name}, C={c:g}"
            results[key] = round(float(right), 4)
            oof[key] = z
    best = max(results, key=lambda k: results[k])
    name, c_text = best.split(", C=")
    rows = options[name]
    tw, rw, b = fit(np.flatnonzero(rows), target, float(c_text), None)
    a, bb = platt(oof[best][rows], target[rows, 0])
    proba = sigmoid(a * oof[best] + bb)
    off = known & (target[:, 0] == 0)
    return (LinearLayer(tw, rw, b, np.array([[a, bb]])), proba,
            {"accuracy_sentences": results, "chosen": best, "units": int(rows.sum()),
             "base_rate": round(float(target[rows, 0].mean()), 4),
             "off_topic": int(off.sum()), "off_topic_sentences": int((off & sentence).sum())})


def platt(z: np.ndarray, target: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration of decision values on out-of-fold data."""
    from sklearn.linear_model import LogisticRegression

    if len(target) == 0 or target.min() == target.max():
        return 1.0, 0.0
    clf = LogisticRegression(C=1e4)
    clf.fit(z.reshape(-1, 1), target)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))

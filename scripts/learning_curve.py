"""Does more labelled data still help? 5-fold cross-validation on the training split, with
each fold's model fitted on half, three quarters and all of its training rows.

Uses the shipped model's learner and C and per-kind thresholds chosen on the out-of-fold
probabilities (as ``fritekst train`` does), with no floor. Reads only train.csv; the held-out
split is not touched. If the last step still adds, more data of the same kind should too.
Run: python scripts/learning_curve.py
"""

from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from fritekst.coding.fitting import fit_layer, kind_thresholds, matrices, platt, sigmoid
from fritekst.coding.linear import KINDS, Units
from fritekst.coding.metrics import micro_f1
from fritekst.coding.model import ThemeClassifier
from fritekst.coding.rules import RuleCoder
from fritekst.coding.train import read_labelled, shipped_training_data

ROOT = Path(__file__).resolve().parent.parent
FRACTIONS = (0.5, 0.75, 1.0)


def main() -> None:
    shipped = ROOT / "src" / "fritekst" / "models" / "fritekst-nb-nn"
    settings = ThemeClassifier.load(shipped).meta_["settings"]
    learner, c = settings.get("learner", "logistic"), settings["C"]
    rules = RuleCoder()
    df = read_labelled(shipped_training_data(), rules.codebook.ids)
    units = Units.of(df)
    docs = list(rules.nlp.pipe(units.texts, batch_size=512))
    x = matrices(docs, units, rules.codebook.ids, rules).x_text
    themes = rules.codebook.ids
    y = np.array([[t in s for t in themes] for s in df["theme_set"]], dtype=int)
    kinds = df["kind"].to_numpy()
    answer = kinds == "answer"
    splits = list(KFold(5, shuffle=True, random_state=0).split(np.arange(len(df))))
    rng = np.random.default_rng(0)
    print(f"{len(df)} training rows; {learner}, C={c:g}")
    for frac in FRACTIONS:
        z = np.zeros(y.shape)
        for train_idx, val_idx in splits:
            part = rng.permutation(train_idx)[:int(len(train_idx) * frac)]
            w, _, b = fit_layer(x[part], None, y[part], c, learner=learner)
            z[val_idx] = (x[val_idx] @ w.T).toarray() + b
        calib = np.array([platt(z[:, j], y[:, j]) for j in range(len(themes))])
        p = sigmoid(z * calib[:, 0] + calib[:, 1])
        thr = kind_thresholds(p, y, kinds)
        pred = p >= thr[[KINDS.index(k) for k in kinds]]
        print(f"{frac:5.0%} of each fold ({int(len(df) * 0.8 * frac)} rows): micro-F1 answers "
              f"{micro_f1(y[answer], pred[answer]):.3f}, sentences "
              f"{micro_f1(y[~answer], pred[~answer]):.3f}")


if __name__ == "__main__":
    main()

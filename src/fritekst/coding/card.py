"""Model cards: what a model was trained on, how it was chosen, and how well it codes."""

from __future__ import annotations

from pathlib import Path

from fritekst.coding.model import ThemeClassifier
from fritekst.outfiles import write_text

LEARNER_NAMES = {"logistic": "logistic regression", "svm": "linear SVM (Platt-scaled)"}


def write_card(model: ThemeClassifier, folder: str | Path, extra: str = "") -> Path:
    m = model.meta_
    learner = m["settings"].get("learner", "logistic")
    data, cv = m.get("data", {}), m.get("cross_validation", {})
    lines = [
        f"# Model card: {m.get('name')} {m.get('version')}", "",
        f"Trained {m.get('trained')} with fritekst {m.get('versions', {}).get('fritekst')}. "
        f"Codes the {len(model.themes_)} themes of codebook {m.get('codebook', {}).get('name')} "
        f"{m.get('codebook', {}).get('version')} (sha256 {m.get('codebook', {}).get('sha256')}).",
        "",
        "## Data", "",
        f"- Source: `{data.get('source')}`, {data.get('rows')} labelled units "
        f"({', '.join(f'{v} {k}' for k, v in data.get('kinds', {}).items())}); "
        f"sha256 of the rows `{str(data.get('sha256'))[:16]}…`.",
        "",
        "## Model", "",
        f"- One calibrated {LEARNER_NAMES.get(learner, learner)} per theme over "
        f"{m['settings']['features']}.",
        f"- Learner, regularisation and combination with the codebook chosen by "
        f"{m['settings']['folds']}-fold cross-validation on the training data: "
        f"**{learner}, {model.variant_}**, C = {m['settings']['C']}.",
        "- Per-theme thresholds chosen on out-of-fold calibrated probabilities (best F1).",
        "- A unit with no theme over its threshold gets its most probable theme if that reaches "
        "a floor, chosen per kind of text by the same cross-validation: "
        + (", ".join(f"{k} {'none' if f is None else f'{f:g}'}"
                     for k, f in model.floors_.items()) or "none") + "."
        + (" The floor and gate for sentences and the weight of the neutral polarity "
           f"({model.polarity_weights_}) were then chosen on real text (see below)."
           if m.get("real_dev") else ""),
        "- Confidence of a unit = product over themes of the probability of the decision made.",
        "- Files: `model.json` (settings, thresholds, provenance) and `weights.npz` (arrays, "
        "loaded with `allow_pickle=False`): loading runs no code.",
        "",
        "Selection scores: cross-validated micro-F1 on the training data. The same folds chose "
        "the settings, thresholds and calibration, so these are optimistic; the held-out "
        "figures below are the ones to quote.", "",
        "| learner | variant | C | cross-validated micro-F1 (selection) |", "|---|---|---|---|",
        *[f"| {t.get('learner', 'logistic')} | {t['variant']} | {t['C']:g} | "
          f"{t['micro_f1']:.3f} |" for t in cv.get("trials", [])],
        "",
        "Polarity model (for text no question gives a polarity; one calibrated one-vs-rest "
        f"model per polarity, the most probable wins): {cv.get('polarity', {})}",
        "",
        "Relevance model (is the unit about housing-social work at all; a unit of a kind under "
        "its gate gets no theme): "
        f"{cv.get('relevance', {})}; gates: "
        + (", ".join(f"{k} {g:g}" for k, g in getattr(model, 'gates_', {}).items()) or "none")
        + ".",
        "",
        "Cross-validated micro-F1 by kind of text: "
        + (", ".join(f"{k} {v:.3f}" for k, v in cv.get("micro_f1_by_kind", {}).items())
           or "–") + ".",
        "",
        "## Cross-validated F1 per theme (training data, selection scores)", "",
        "| theme | support | F1 |", "|---|---|---|",
        *[f"| {t} | {v['support']} | {v['f1']:.3f} |" for t, v in cv.get("per_theme", {}).items()],
        "",
    ]
    if extra:
        lines += [extra, ""]
    lines += [
        "## Retrain", "",
        "```sh",
        f"fritekst train LABELLED.csv -o models/{Path(folder).name}",
        "fritekst evaluate HELDOUT.csv --model models/" + Path(folder).name,
        "```", "",
        "## Versions", "",
        *[f"- {k} {v}" for k, v in m.get("versions", {}).items()],
        "",
    ]
    return write_text(Path(folder) / "README.md", "\n".join(lines))

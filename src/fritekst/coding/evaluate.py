"""Check a coder against a human coder, the way methodologists check coders.

Per theme: precision, recall, F1 and Cohen's kappa (machine vs gold coder); micro and macro
F1; exact-set accuracy; three-way polarity accuracy where the coder had to read polarity
itself (and on the units that judge alone); how many off-topic units got a theme; the
theme pairs most often confused; the units it got most wrong; and how much could be coded
automatically at a given confidence (coverage and precision among the units above it).

:func:`agreement` compares two codings of a survey at the level the reports count
(respondent × polarity × theme), so the two need not split answers into the same units.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from fritekst.coding import metrics
from fritekst.coding.base import Coder
from fritekst.coding.linear import POLARITIES, QUESTION_POLARITIES
from fritekst.coding.train import context_polarity, read_labelled
from fritekst.errors import InputError
from fritekst.privacy import redact_column

TARGET_PRECISION = 0.95


@dataclass
class Evaluation:
    per_theme: pd.DataFrame
    summary: dict
    confused: pd.DataFrame
    worst: pd.DataFrame
    abstention: dict

    def redacted(self) -> Evaluation:
        """A copy with personal details in the texts of the worst units replaced."""
        worst = self.worst.assign(text=redact_column(self.worst["text"]))
        return Evaluation(self.per_theme, self.summary, self.confused, worst, self.abstention)

    def to_json(self) -> dict:
        return {
            "summary": self.summary,
            "per_theme": self.per_theme.round(4).to_dict(orient="records"),
            "confused": self.confused.to_dict(orient="records"),
            "worst": self.worst.to_dict(orient="records"),
            "abstention": self.abstention,
        }


def of_kind(gold: pd.DataFrame, kind: str, source: str = "gold file") -> pd.DataFrame:
    """The rows of one kind (``answer`` or ``sentence``): survey answers and report sentences
    are measured apart, as the model card does."""
    part = gold[gold["kind"] == kind].reset_index(drop=True)
    if part.empty:
        raise InputError(f"{source}: no rows of kind '{kind}' (kinds in the file: "
                         f"{', '.join(sorted(gold['kind'].unique()))}; rows without a kind "
                         "count as answers).")
    return part


def evaluate_file(path: str | Path, coder: Coder, *, kind: str | None = None,
                  min_confidence: float | None = None) -> Evaluation:
    """Code a file of coded units (see :func:`fritekst.coding.train.read_labelled`) and
    compare; ``kind`` ("answer" or "sentence") measures only the rows of that kind."""
    gold = read_labelled(path, coder.codebook.ids)
    if kind is not None:
        gold = of_kind(gold, kind, str(path))
    return evaluate(gold, coder, min_confidence=min_confidence)


def evaluate(gold: pd.DataFrame, coder: Coder, *, min_confidence: float | None = None,
             worst: int = 10) -> Evaluation:
    """``gold`` as read by :func:`fritekst.coding.train.read_labelled`."""
    themes = coder.codebook.ids
    labels = coder.codebook.labels
    ctx = context_polarity(gold)
    codings = coder.code(gold["text"].tolist(), ctx, gold["kind"].tolist())
    y = np.array([[t in s for t in themes] for s in gold["theme_set"]], dtype=int)
    pred = np.array([[t in c.themes for t in themes] for c in codings], dtype=int)
    conf = np.array([c.confidence for c in codings])

    per = metrics.per_label(y, pred)
    per_theme = pd.DataFrame({
        "theme": themes, "label": [labels[t] for t in themes], "support": per["support"],
        "predicted": per["predicted"], "precision": per["precision"], "recall": per["recall"],
        "f1": per["f1"], "kappa": [metrics.kappa(y[:, j], pred[:, j])
                                   for j in range(len(themes))]})
    overall = metrics.micro(y, pred)
    present = per_theme[(per_theme["support"] > 0) | (per_theme["predicted"] > 0)]
    summary = {
        "units": len(gold),
        "coder": coder.describe(),
        "micro_precision": overall["precision"], "micro_recall": overall["recall"],
        "micro_f1": overall["f1"],
        "macro_f1": float(present["f1"].mean()) if len(present) else 0.0,
        "exact_set_accuracy": metrics.exact_set(y, pred),
        "min_theme_f1": float(present["f1"].min()) if len(present) else 0.0,
    }
    summary.update(_polarity(gold, codings, ctx))
    summary.update(_off_topic(gold, codings))
    confused = _confusions(y, pred, themes)
    return Evaluation(per_theme, summary, confused,
                      _worst(gold, codings, y, pred, themes, worst),
                      _abstention(y, pred, conf, min_confidence))


def _polarity(gold: pd.DataFrame, codings, ctx) -> dict:
    """Polarity accuracy on units whose polarity the coder read itself (no question gave it)
    and gave a theme: over all three polarities, and over the units that judge (styrke or
    utfordring) alone."""
    if all(c.polarity is None for c in codings):
        return {"polarity_units": 0, "polarity_accuracy": None,
                "polarity_judging_units": 0, "polarity_judging_accuracy": None}
    pairs = [(want, c.polarity) for want, c, given in zip(gold["polarity"], codings, ctx,
                                                          strict=True)
             if given is None and want in POLARITIES and c.themes]
    judging = [(w, g) for w, g in pairs if w in QUESTION_POLARITIES]

    def share(items):
        return sum(w == g for w, g in items) / len(items) if items else None

    return {"polarity_units": len(pairs), "polarity_accuracy": share(pairs),
            "polarity_judging_units": len(judging), "polarity_judging_accuracy": share(judging)}


def _off_topic(gold: pd.DataFrame, codings) -> dict:
    """Of the units coded off-topic (``relevant`` 0), the share the coder gave a theme."""
    if "relevant" not in gold.columns:
        return {"off_topic_units": 0, "off_topic_coded": None}
    off = [c for r, c in zip(gold["relevant"], codings, strict=True) if r == 0]
    return {"off_topic_units": len(off),
            "off_topic_coded": sum(bool(c.themes) for c in off) / len(off) if off else None}


def _confusions(y, pred, themes, top: int = 10) -> pd.DataFrame:
    """Gold theme A missed in a unit where theme B was coded wrongly: (A, B) pairs."""
    pairs: Counter = Counter()
    for gi, pi in zip(y, pred, strict=True):
        missed = [themes[j] for j in np.flatnonzero(gi & (1 - pi))]
        extra = [themes[j] for j in np.flatnonzero(pi & (1 - gi))]
        for a in missed:
            for b in extra:
                pairs[(a, b)] += 1
    return pd.DataFrame([{"gold": a, "coded_as": b, "units": n}
                         for (a, b), n in pairs.most_common(top)],
                        columns=["gold", "coded_as", "units"])


def _worst(gold, codings, y, pred, themes, n: int) -> pd.DataFrame:
    errors = np.abs(y - pred).sum(axis=1)
    order = sorted(range(len(gold)), key=lambda i: (-errors[i], -codings[i].confidence))
    rows = []
    for i in order[:n]:
        if errors[i] == 0:
            break
        rows.append({"text": gold["text"].iloc[i], "gold": ";".join(
            t for t, v in zip(themes, y[i], strict=True) if v),
            "coded": ";".join(codings[i].themes), "confidence": round(codings[i].confidence, 3),
            "errors": int(errors[i])})
    return pd.DataFrame(rows, columns=["text", "gold", "coded", "confidence", "errors"])


def _abstention(y, pred, conf, min_confidence: float | None) -> dict:
    """Coverage and precision of automatic coding at a confidence cut-off.

    Precision here is the share of auto-coded units whose whole theme set is right; the
    micro precision of their themes is given beside it.
    """
    def at(cut: float) -> dict:
        keep = conf >= cut
        return {"min_confidence": round(float(cut), 4), "coverage": float(keep.mean()),
                "exact_precision": metrics.exact_set(y[keep], pred[keep]) if keep.any()
                else None,
                "theme_precision": metrics.micro(y[keep], pred[keep])["precision"]
                if pred[keep].sum() else None}

    cuts = np.unique(conf)[::-1]
    reach = None
    for cut in cuts:  # the lowest cut-off (most coverage) that keeps the units above it ≥ 95 %
        point = at(cut)
        if point["exact_precision"] is not None and point["exact_precision"] >= TARGET_PRECISION:
            reach = point
    out = {"target_precision": TARGET_PRECISION, "at_target": reach}
    if min_confidence is not None:
        out["at_min_confidence"] = at(min_confidence)
    return out


@dataclass
class Agreement:
    """Agreement of the tool with a gold coder over (respondent, polarity, theme)."""

    precision: float
    recall: float
    f1: float
    per_theme: pd.DataFrame       # theme, gold, tool, both, precision, recall, f1
    tables: pd.DataFrame          # municipality, polarity, theme, gold, tool (respondents)


def triples(df: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    """(municipality, respondent, polarity, theme) for every theme named."""
    out = set()
    muni = df["municipality"] if "municipality" in df else pd.Series("", index=df.index)
    for m, r, p, themes in zip(muni, df["respondent"], df["polarity"], df["themes"],
                               strict=True):
        for t in str(themes if isinstance(themes, str) else "").split(";"):
            if t.strip():
                out.add((str(m), str(r), str(p if isinstance(p, str) else ""), t.strip()))
    return out


def agreement(gold: pd.DataFrame, tool: pd.DataFrame) -> Agreement:
    """How well ``tool`` (coded units) agrees with ``gold`` (one row per respondent ×
    question or per unit, with ``respondent``, ``polarity``, ``themes`` and optionally
    ``municipality``), as sets of (respondent, polarity, theme)."""
    if "municipality" not in gold or "municipality" not in tool:
        gold, tool = (df.drop(columns="municipality", errors="ignore") for df in (gold, tool))
    g, t = triples(gold), triples(tool)
    overall = metrics.set_agreement([g], [t])
    rows = []
    for theme in sorted({x[3] for x in g | t}):
        gt = {x for x in g if x[3] == theme}
        tt = {x for x in t if x[3] == theme}
        score = metrics.set_agreement([gt], [tt])
        rows.append({"theme": theme, "gold": len(gt), "tool": len(tt), "both": len(gt & tt),
                     "precision": score["precision"], "recall": score["recall"],
                     "f1": score["f1"]})
    counts = (pd.DataFrame([(x[0], x[2], x[3], "gold") for x in g] +
                           [(x[0], x[2], x[3], "tool") for x in t],
                           columns=["municipality", "polarity", "theme", "coder"])
              .value_counts().unstack("coder", fill_value=0).reset_index())
    for col in ("gold", "tool"):
        if col not in counts:
            counts[col] = 0
    return Agreement(overall["precision"], overall["recall"], overall["f1"],
                     pd.DataFrame(rows, columns=["theme", "gold", "tool", "both", "precision",
                                                 "recall", "f1"]),
                     counts[["municipality", "polarity", "theme", "gold", "tool"]])

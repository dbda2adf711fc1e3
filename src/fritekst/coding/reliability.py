"""Agreement between coders for a method section: per theme Cohen's kappa and percent
agreement, and Krippendorff's alpha, for every pair of coders on the units both coded.

A multi-label coding is read per theme: on each unit, did the coder give the theme (1) or
not (0)? Per theme that gives kappa, percent agreement and alpha over the units both coded;
overall alpha pools every unit × theme decision of the pair.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from fritekst.coding import metrics
from fritekst.errors import StoreError

COLUMNS = ["coder_a", "coder_b", "kind", "theme", "units", "agreement", "kappa", "alpha",
           "a_coded", "b_coded"]


@dataclass
class Reliability:
    """``table``: one row per pair of coders and theme (``theme`` "(alle)" for the overall
    figures: percent agreement and alpha over every unit × theme, kappa their mean over
    the themes that occur); ``pairs``: coder pairs with the units both coded."""

    table: pd.DataFrame
    pairs: list[dict] = field(default_factory=list)


def reliability(codes: pd.DataFrame, themes: list[str], coders: list[str] | None = None
                ) -> Reliability:
    """Agreement from codes (``unit_id``, ``origin``, ``coder``, ``themes`` as ';'-joined
    ids; the newest per unit and coder, as :meth:`fritekst.store.Project.codes` gives them).
    ``coders`` picks the human coders to compare (default: all); every human coder is also
    compared with each model that coded the same units."""
    humans = sorted(codes.loc[codes["origin"] == "human", "coder"].unique())
    if coders:
        missing = [c for c in coders if c not in humans]
        if missing:
            raise StoreError(f"no codes by {missing[0]!r} in the project; coders with codes: "
                             f"{', '.join(humans) or '(none)'}.")
        humans = [c for c in humans if c in coders]
    machines = sorted(codes.loc[codes["origin"] == "machine", "coder"].unique())
    sets = {c: dict(zip(g["unit_id"], g["themes"].fillna("").map(
        lambda s: frozenset(t for t in s.split(";") if t)), strict=True))
        for c, g in codes.groupby("coder")}
    rows, pairs = [], []
    for kind, pair_list in (("human", list(combinations(humans, 2))),
                            ("machine", [(h, m) for h in humans for m in machines])):
        for a, b in pair_list:
            units = sorted(set(sets[a]) & set(sets[b]))
            if not units:
                continue
            pairs.append({"coder_a": a, "coder_b": b, "kind": kind, "units": len(units)})
            ya = np.array([[t in sets[a][u] for t in themes] for u in units], dtype=int)
            yb = np.array([[t in sets[b][u] for t in themes] for u in units], dtype=int)
            kappas = []
            for j, theme in enumerate(themes):
                k = metrics.kappa(ya[:, j], yb[:, j])
                if k is not None:
                    kappas.append(k)
                rows.append({"coder_a": a, "coder_b": b, "kind": kind, "theme": theme,
                             "units": len(units),
                             "agreement": float((ya[:, j] == yb[:, j]).mean()), "kappa": k,
                             "alpha": metrics.krippendorff_alpha(
                                 list(zip(ya[:, j], yb[:, j], strict=True))),
                             "a_coded": int(ya[:, j].sum()), "b_coded": int(yb[:, j].sum())})
            rows.append({"coder_a": a, "coder_b": b, "kind": kind, "theme": "(alle)",
                         "units": len(units), "agreement": float((ya == yb).mean()),
                         "kappa": float(np.mean(kappas)) if kappas else None,
                         "alpha": metrics.krippendorff_alpha(
                             list(zip(ya.ravel(), yb.ravel(), strict=True))),
                         "a_coded": int(ya.sum()), "b_coded": int(yb.sum())})
    return Reliability(pd.DataFrame(rows, columns=COLUMNS), pairs)


MIN_CHECKED = 20


@dataclass
class AutoPlan:
    """How much of a project the model can code alone at a wanted precision, judged on the
    units a researcher has coded: ``curve`` has, per confidence cut, the share of the
    project's answer units at or above it (``coverage``), how many of them a researcher
    coded (``checked``) and the share of those whose whole theme set the model got right
    (``precision``). ``cut`` is the lowest cut that reaches ``target`` on at least
    :data:`MIN_CHECKED` checked units (None: none does)."""

    target: float
    cut: float | None
    coverage: float | None
    checked: int
    curve: pd.DataFrame


def auto_plan(units: pd.DataFrame, human: pd.DataFrame, target: float = 0.95) -> AutoPlan:
    """The coverage/precision curve of the model's confidence (``units``: machine-coded
    units indexed by unit id with ``themes``, ``confidence``, ``status``) against the newest
    researcher's code per unit (``human``: ``unit_id``, ``themes``, ``at``)."""
    answers = units[units["status"].isin(["coded", "uncoded"])]
    conf_all = answers["confidence"].astype(float).fillna(0.0).to_numpy()
    newest = human.drop_duplicates("unit_id", keep="last")  # codes come in the order stored
    gold = newest.set_index("unit_id")["themes"].fillna("")
    ids = answers.index.intersection(gold.index)
    conf = answers.loc[ids, "confidence"].astype(float).fillna(0.0).to_numpy()

    def as_set(s: str) -> frozenset:
        return frozenset(t for t in str(s).split(";") if t)

    right = np.array([as_set(answers.at[i, "themes"]) == as_set(gold[i]) for i in ids])
    rows = []
    for cut in sorted(set(np.round(np.arange(0.0, 1.0, 0.05), 2)) | set(conf.tolist())):
        keep = conf >= cut
        rows.append({"min_confidence": float(cut),
                     "coverage": float((conf_all >= cut).mean()) if len(conf_all) else 0.0,
                     "checked": int(keep.sum()),
                     "precision": float(right[keep].mean()) if keep.any() else None})
    curve = pd.DataFrame(rows, columns=["min_confidence", "coverage", "checked", "precision"])
    ok = curve[(curve["checked"] >= MIN_CHECKED) & (curve["precision"].astype(float) >= target)]
    best = ok.iloc[0] if len(ok) else None
    return AutoPlan(target, None if best is None else float(best["min_confidence"]),
                    None if best is None else float(best["coverage"]), len(ids), curve)

"""Compare the tool's coding with a human coder's, at the level the reports use.

A gold file has one row per respondent × question (or per unit) with ``respondent``,
``polarity`` and ``themes`` (``;``-joined ids); ``municipality`` is optional. Both codings are
reduced to (respondent, polarity, theme) triples, the unit the theme tables count, so the two
need not split answers the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class Agreement:
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


def compare(gold: pd.DataFrame, tool: pd.DataFrame) -> Agreement:
    if "municipality" not in gold or "municipality" not in tool:
        gold, tool = (df.drop(columns="municipality", errors="ignore") for df in (gold, tool))
    g, t = triples(gold), triples(tool)
    both = g & t
    p = len(both) / len(t) if t else 0.0
    r = len(both) / len(g) if g else 0.0
    rows = []
    for theme in sorted({x[3] for x in g | t}):
        gt = {x for x in g if x[3] == theme}
        tt = {x for x in t if x[3] == theme}
        b = len(gt & tt)
        tp = b / len(tt) if tt else 0.0
        tr = b / len(gt) if gt else 0.0
        rows.append({"theme": theme, "gold": len(gt), "tool": len(tt), "both": b,
                     "precision": tp, "recall": tr,
                     "f1": 2 * tp * tr / (tp + tr) if tp + tr else 0.0})
    counts = (pd.DataFrame([(*x[:1], x[2], x[3], "gold") for x in g] +
                           [(*x[:1], x[2], x[3], "tool") for x in t],
                           columns=["municipality", "polarity", "theme", "coder"])
              .value_counts().unstack("coder", fill_value=0).reset_index())
    for col in ("gold", "tool"):
        if col not in counts:
            counts[col] = 0
    return Agreement(p, r, 2 * p * r / (p + r) if p + r else 0.0, pd.DataFrame(rows),
                     counts[["municipality", "polarity", "theme", "gold", "tool"]])

"""Agreement between the first and the blind second coding of the training parts.

`corpora/training/second_coding.csv` holds, for every row of the original five parts (by part
and line), the first coder's themes and a second coder's, who coded the text blind following
CODING_GUIDE.md. This prints micro-F1 and exact-set agreement overall, per kind and per theme:
the human ceiling the learned coder's figures should be read against.

`corpora/training/second_coding_prose.csv` does the same for the report-prose parts written for
issue 11 (themes, relevance and three-way polarity, per part), before adjudication.
Run: python scripts/intercoder_agreement.py
"""

from pathlib import Path

import pandas as pd

from fritekst.coding.metrics import set_agreement

ROOT = Path(__file__).resolve().parent.parent / "corpora" / "training"


def themes(s: str) -> frozenset[str]:
    return frozenset(t for t in s.split(";") if t)


def main() -> None:
    pairs = pd.read_csv(ROOT / "second_coding.csv", dtype=str, keep_default_na=False)
    kinds = pairs["part"].map(lambda p: "sentence" if p == "sentences" else "answer")
    a, b = pairs["first_coder"].map(themes), pairs["second_coder"].map(themes)
    overall = set_agreement(list(a), list(b))
    print(f"{len(pairs)} units: micro-F1 {overall['f1']:.3f}, exact set {overall['exact_set']:.3f}")
    for kind in ("answer", "sentence"):
        k = kinds == kind
        part = set_agreement(list(a[k]), list(b[k]))
        print(f"  {kind}: micro-F1 {part['f1']:.3f}, exact set {part['exact_set']:.3f} "
              f"(n={int(k.sum())})")
    for theme in sorted(set().union(*a, *b)):
        score = set_agreement([{theme} & s for s in a], [{theme} & s for s in b])
        print(f"  {theme:20} F1 {score['f1']:.3f}")
    prose()


def prose() -> None:
    """The report-prose parts: first coder (the writer) against the blind second coder."""
    pairs = pd.read_csv(ROOT / "second_coding_prose.csv", dtype=str, keep_default_na=False)
    print(f"report prose, {len(pairs)} units, {int(pairs['adjudicated'].astype(int).sum())} "
          "settled by a third coder:")
    for part, g in [("all", pairs), *pairs.groupby("part")]:
        th = set_agreement(list(g["first_themes"].map(themes)),
                           list(g["second_themes"].map(themes)))
        both = (g["first_polarity"] != "") & (g["second_polarity"] != "")
        pol = (g.loc[both, "first_polarity"] == g.loc[both, "second_polarity"]).mean()
        rel = (g["first_relevant"] == g["second_relevant"]).mean()
        print(f"  {part:16} themes micro-F1 {th['f1']:.3f}, relevance {rel:.3f}, "
              f"polarity {pol:.3f} (n={len(g)})")


if __name__ == "__main__":
    main()

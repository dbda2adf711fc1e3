"""Agreement between the first and the blind second coding of the training parts.

`corpora/training/second_coding.csv` holds, for every row of the original five parts (by part
and line), the first coder's themes and a second coder's, who coded the text blind following
CODING_GUIDE.md. This prints micro-F1 and exact-set agreement overall, per kind and per theme:
the human ceiling the learned coder's figures should be read against.
Run: python scripts/intercoder_agreement.py
"""

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent / "corpora" / "training"


def themes(s: str) -> frozenset[str]:
    return frozenset(t for t in s.split(";") if t)


def f1(a: list[frozenset], b: list[frozenset]) -> float:
    both = sum(len(x & y) for x, y in zip(a, b, strict=True))
    total = sum(len(x) + len(y) for x, y in zip(a, b, strict=True))
    return 2 * both / total if total else 1.0


def main() -> None:
    pairs = pd.read_csv(ROOT / "second_coding.csv", dtype=str, keep_default_na=False)
    kinds = pairs["part"].map(lambda p: "sentence" if p == "sentences" else "answer")
    a, b = pairs["first_coder"].map(themes), pairs["second_coder"].map(themes)
    print(f"{len(pairs)} units: micro-F1 {f1(list(a), list(b)):.3f}, "
          f"exact set {(a == b).mean():.3f}")
    for kind in ("answer", "sentence"):
        k = kinds == kind
        print(f"  {kind}: micro-F1 {f1(list(a[k]), list(b[k])):.3f}, exact set "
              f"{(a[k] == b[k]).mean():.3f} (n={int(k.sum())})")
    for theme in sorted(set().union(*a, *b)):
        x, y = a.map(lambda s, t=theme: t in s), b.map(lambda s, t=theme: t in s)
        both = int((x & y).sum())
        print(f"  {theme:20} F1 {2 * both / (x.sum() + y.sum()):.3f}")


if __name__ == "__main__":
    main()

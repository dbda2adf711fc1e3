"""Run fritekst on the unseen acceptance export and compare with the human coder's gold.

Prints the rating table against the expected one, agreement over (respondent, polarity,
theme), and per municipality the top themes of the gold coder next to the tool's counts.
Run: python scripts/check_acceptance.py
"""

from pathlib import Path

import pandas as pd

from fritekst import code_files, summarize_files
from fritekst.coding.evaluate import agreement

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "acceptance"


def main() -> None:
    export = HERE / "fem_kommuner_export.csv"
    summary = summarize_files([export])
    expected = pd.read_csv(HERE / "expected_ratings.csv")
    got = summary.ratings[summary.ratings["item"].str.contains("SAMORDNINGEN")]
    print("Ratings (expected mean → tool):")
    for e in expected.itertuples():
        r = got[got["municipality"] == e.municipality].iloc[0]
        print(f"  {e.municipality:8} n {e.n}/{r.n}  vet ikke {e.dont_know}/{r.dont_know}  "
              f"mean {e.mean:.2f}/{r['mean']:.2f}")
    gold = pd.read_csv(HERE / "gold_units.csv", dtype=str, keep_default_na=False)
    units = code_files([export]).units
    result = agreement(gold, units[units["status"] == "coded"])
    print(f"\nAgreement (respondent × polarity × theme): precision {result.precision:.3f}, "
          f"recall {result.recall:.3f}, F1 {result.f1:.3f}\n")
    print(result.per_theme.round(2).to_string(index=False))
    print()
    t = result.tables
    for (muni, pol), grp in t.groupby(["municipality", "polarity"]):
        top = grp.sort_values(["gold", "tool"], ascending=False).head(4)
        cells = ", ".join(f"{r.theme} {r.gold}/{r.tool}" for r in top.itertuples())
        print(f"  {muni:8} {pol:10} gold/tool: {cells}")


if __name__ == "__main__":
    main()

"""The literature review over the real PDFs in ../shared/realdata/pdfs/: what each report's
share of sentences about boligsosialt arbeid is, which reports are left out of the matrices,
and every sentence coded with a theme in the reports that are not about housing (the anthology
on gender in academia and the nurses' housing-affordability index), for reading by eye.

Run: python scripts/check_real_reports.py [FOLDER] [--model MODEL]
(default ../shared/realdata/pdfs and the shipped model)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fritekst.coding import make_coder
from fritekst.literature.review import review_files

ROOT = Path(__file__).resolve().parent.parent
WATCH = ("kjonn_og_akademia", "sykepleierindeksen")


def main() -> None:
    args = sys.argv[1:]
    model = None
    if "--model" in args:
        model = args.pop(args.index("--model") + 1)
        args.remove("--model")
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "realdata" / "pdfs"
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder (the real PDFs are not on this machine).")
    review = review_files([folder], make_coder(model=model))
    s = review.sentences
    print("| report | claims | coded | relevant share | in matrices |")
    print("|---|---|---|---|---|")
    for _, rep in review.reports.iterrows():
        src = rep["source"]
        mine = s[s["source"] == src]
        claims = mine["status"].isin(["coded", "uncoded"]).sum()
        coded = (mine["status"] == "coded").sum()
        share = rep["relevant_share"]
        print(f"| {Path(src).name} | {claims} | {coded} | "
              f"{'–' if share is None or share != share else f'{share:.0%}'} | "
              f"{'yes' if rep['in_matrices'] else 'no'} |")
    for key in WATCH:
        mine = s[s["source"].str.contains(key) & (s["status"] == "coded")]
        print(f"\n{key}: {len(mine)} sentences coded with a theme")
        for _, r in mine.iterrows():
            print(f"  p. {r['page_index'] + 1} [{r['themes']}/{r['polarity']}, relevance "
                  f"{r['relevance']:.2f}] {r['text']}")


if __name__ == "__main__":
    main()

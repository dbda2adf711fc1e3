"""Every municipality the literature review tags in a folder of real PDFs, with the words that
made it a tag, for reading by eye: a surname, a font, a village or a statistics category read
as a municipality shows up here.

Run: python scripts/check_real_places.py [FOLDER] [--all]
(default ../shared/realdata/pdfs; tables are left out unless --all, since a table of
municipalities is what it says)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from fritekst.coding import make_coder
from fritekst.literature.review import review_files

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--all"]
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "realdata" / "pdfs"
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder (the real PDFs are not on this machine).")
    review = review_files([folder], make_coder(rules_only=True))
    s = review.sentences
    s = s[s["municipalities"] != ""]
    if "--all" not in sys.argv:
        s = s[s["kind"] != "table"]
    forms: Counter[str] = Counter()
    for _, row in s.iterrows():
        for tag in row["municipality_evidence"].split("; "):
            label, _, evidence = tag.partition(": ")
            forms[label] += 1
            print(f"{Path(row['source']).name[:28]:28} {row['page_label'] or '-':>4}  "
                  f"{label:28} {evidence}")
    print()
    print(f"{sum(forms.values())} tags of {len(forms)} municipalities in {len(s)} sentences:")
    print(", ".join(f"{k} {v}" for k, v in forms.most_common()))


if __name__ == "__main__":
    main()

"""Build the municipality gazetteer (src/fritekst/data/kommuner.tsv) from SSB's classification 131.

Reads municipality lists of several vintages (numbers and names are public facts) and writes one
row per name form:

- every municipality of 2026 with its number, its Norwegian name and its Sami or Kven forms;
- every municipality merged, split or renamed 2011-2024 under its old name, pointing to the
  municipality or municipalities that took it over (Rissa -> Indre Fosen, Nærøy -> Nærøysund,
  Bjugn -> Ørland), with the year it ended.

Input: a folder with `ssb_klass_kommuneinndeling_2026_*.csv` (latin-1, ';'),
`ssb_klass131_changes_*.pyrepr.json` (a Python literal) and `minsak_kommuner_2013_maalform.csv`
(written standard in 2013). Letters the 2026 file lost in a latin-1 round trip ('?') are taken
from the change list, which kept them.
Run: python scripts/build_gazetteer.py ../shared/realdata/kommuner
"""

from __future__ import annotations

import argparse
import ast
import csv
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "fritekst" / "data" / "kommuner.tsv"


# SSB's code for "municipality not stated" ("9999 Uoppgitt"): a placeholder in the
# classification, not a municipality, so a sentence about "Uoppgitt kommune" names none
PLACEHOLDER = "9999"


def read_current(folder: Path) -> dict[str, str]:
    path = next(folder.glob("ssb_klass_kommuneinndeling_2026_*.csv"))
    with path.open(encoding="latin-1", newline="") as fh:
        return {r["code"]: r["name"] for r in csv.DictReader(fh, delimiter=";")
                if r["code"] != PLACEHOLDER}


def read_changes(folder: Path) -> list[dict]:
    path = next(folder.glob("ssb_klass131_changes_*.pyrepr.json"))
    changes = ast.literal_eval(path.read_text(encoding="utf-8"))
    return sorted(changes, key=lambda c: c["changeOccurred"])


def read_2013(folder: Path) -> dict[str, str]:
    """2013 names -> written standard ('nb' or 'nn')."""
    with (folder / "minsak_kommuner_2013_maalform.csv").open(encoding="utf-8", newline="") as fh:
        return {r["navn"]: r["default_language"] for r in csv.DictReader(fh)}


def split_name(full: str) -> tuple[str, str]:
    """'Herøy (Nordland)' -> ('Herøy', 'Nordland')."""
    m = re.match(r"^(.*?)\s*\((.+)\)$", full)
    return (m.group(1), m.group(2)) if m else (full, "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    args = ap.parse_args()
    current = read_current(args.folder)
    changes = read_changes(args.folder)
    standard_2013 = read_2013(args.folder)
    repaired = {c["newCode"]: c["newName"] for c in changes}
    for code, name in current.items():
        if "?" in name and code in repaired:
            current[code] = repaired[code]
    norwegian = set(standard_2013) | {c["newName"] for c in changes if " - " not in c["newName"]}

    rows: list[tuple[str, str, str, str, str]] = []  # form, number, municipality, kind, until
    names_now: dict[str, str] = {}
    for code, full in sorted(current.items()):
        base, region = split_name(full)
        parts = [p.strip() for p in base.split(" - ")]
        main_name = next((p for p in parts if p in norwegian), parts[-1])
        label = f"{main_name} ({region})" if region else main_name
        names_now[code] = label
        rows.append((main_name, code, label, "current", ""))
        rows.extend((p, code, label, "sami_kven", "") for p in parts if p != main_name)

    # follow every old number through the changes to the numbers of 2026
    successors: dict[str, list[tuple[str, str]]] = {}
    for c in changes:
        successors.setdefault(c["oldCode"], []).append((c["newCode"], c["changeOccurred"]))

    def final(code: str, since: str, seen: frozenset = frozenset()) -> set[str]:
        later = [(n, d) for n, d in successors.get(code, []) if d > since and (n, d) not in seen]
        if not later:
            return {code} if code in current else set()
        first_date = min(d for _, d in later)
        out: set[str] = set()
        for n, d in later:
            if d == first_date:
                out |= final(n, d, seen | {(n, d)})
        return out

    current_forms = {(r[0], r[1]) for r in rows}
    for c in changes:
        for part in c["oldName"].split(" - "):
            base, _ = split_name(part.strip())
            targets = final(c["oldCode"], "0000") or final(c["newCode"], c["changeOccurred"])
            until = c["changeOccurred"][:4]
            if any((base, t) in current_forms for t in targets):
                continue  # the name lives on in (one of) the municipalities it went to
            for t in sorted(targets):
                rows.append((base, t, names_now[t], "historic", until))
    unique = sorted(set(rows), key=lambda r: (r[0], r[1], r[3]))
    # a historic name keeps the year it ended last
    best: dict[tuple[str, str, str], tuple] = {}
    for r in unique:
        key = (r[0], r[1], r[3])
        if key not in best or r[4] > best[key][4]:
            best[key] = r
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Norwegian municipalities (SSB classification 131): name form, number of 2026,\n"
                 "# municipality of 2026, kind (current, sami_kven, historic), year a historic\n"
                 "# municipality ended. Built by scripts/build_gazetteer.py.\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["form", "number", "municipality", "kind", "until"])
        w.writerows(sorted(best.values(), key=lambda r: (r[0], r[1])))
    kinds = {k: sum(1 for r in best.values() if r[3] == k)
             for k in ("current", "sami_kven", "historic")}
    print(f"{OUT}: {len(best)} name forms {kinds}")


if __name__ == "__main__":
    main()

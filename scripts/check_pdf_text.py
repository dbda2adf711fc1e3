"""Count the text faults PDF extraction is known to make, file by file, on a folder of PDFs.

What is counted (each a symptom seen on real reports, issue 13):
- doubled: a word that starts with its own first one or two letters twice, as fake-bold
  printing draws them ("TeTelemark", "SySykdomsbyrde", "ATATP", "fofor"), where the word
  without the doubled start is known and the word as read is not;
- glued: a lower-case word the dictionary does not know that is a short word that begins no
  compounds and a known word run together ("ermange", "somfortjener": a producer left the
  space out);
- hyphens: a word part ending in a hyphen followed by a space and a lower-case word part that
  is no word of its own ("Investe- ringsprogram"), or capital parts ("SAM- ORDNING");
- split: a lone consonant between two words ("Sammen h eng").
Run: python scripts/check_pdf_text.py DIR [--examples 5]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from fritekst.extract.pdf import extract_pdf
from fritekst.lexicon import is_known
from fritekst.nlp.normalize import compound_parts

WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜü]+")
HYPHEN_GAP = re.compile(r"\b([A-Za-zÆØÅæøå]{2,})- ([a-zæøå]{2,}|[A-ZÆØÅ]{2,})\b")
LONE = re.compile(r"(?<=[A-Za-zæøå]{2} )[bcdfghjklmnpqrstvwxz](?= [a-zæøå]{2})")
CONJUNCTIONS = {"og", "eller", "samt", "til", "and", "or", "som", "enn", "både", "och"}
# words that do not begin compounds: a word that starts with one and is unknown is glued
STANDALONE = {"er", "som", "det", "og", "på", "til", "at", "å", "har", "var", "ikke", "kan",
              "vi", "seg", "ein", "eit", "ikkje", "frå", "the", "and", "of"}


def known(word: str) -> bool:
    w = word.lower()
    return is_known(w) or bool(compound_parts(w))


def doubled(word: str) -> bool:
    for n in (1, 2):
        head = word[:n]
        if n == 1 and not head.isupper():
            continue  # "ttir" is the end of a name cut at an accent, not a doubled letter
        if (len(word) > 2 * n + 2 and word[n:2 * n] == head and head.isalpha()
                and not known(word) and known(word[n:])):
            return True
    return False


def glued(word: str) -> bool:
    """Lower-case words only (names are unknown to the dictionary), split after a word that
    forms no compounds."""
    if len(word) < 6 or not word.islower() or known(word):
        return False
    return any(word[:k] in STANDALONE and known(word[k:]) for k in range(1, 5))


def faults(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"doubled": [], "glued": [], "hyphens": [], "split": []}
    for w in WORD.findall(text):
        if doubled(w):
            out["doubled"].append(w)
        elif glued(w):
            out["glued"].append(w)
    for m in HYPHEN_GAP.finditer(text):
        if m.group(2).lower() not in CONJUNCTIONS and not known(m.group(2)):
            out["hyphens"].append(m.group(0))
    for m in LONE.finditer(text):
        out["split"].append(text[max(0, m.start() - 12):m.end() + 8])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--examples", type=int, default=0, help="show this many examples of each")
    args = ap.parse_args()
    total: Counter[str] = Counter()
    kinds = ("doubled", "glued", "hyphens", "split")
    print(f"{'file':52} " + " ".join(f"{k:>8}" for k in kinds))
    for path in sorted(args.folder.glob("*.pdf")):
        doc = extract_pdf(path)
        found = faults("\n".join(p.text for p in doc.pages))
        for k in kinds:
            total[k] += len(found[k])
        print(f"{path.name[:52]:52} " + " ".join(f"{len(found[k]):8}" for k in kinds))
        for k in kinds:
            if args.examples and found[k]:
                print(f"    {k}: " + " | ".join(found[k][:args.examples]))
    print(f"{'total':52} " + " ".join(f"{total[k]:8}" for k in kinds))


if __name__ == "__main__":
    main()

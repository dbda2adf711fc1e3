"""How a review cites a report and a page; kept apart from the review so that a search in
the index can cite without loading pandas."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def letters(n: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa': suffixes that never run out."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
    return out


def told_apart(citations: list[str]) -> list[str]:
    """Two reports by the same authors in one year: "Yttredal 2015a", "Yttredal 2015b", in
    the order given; a citation that occurs once stays as it is."""
    total = Counter(citations)
    seen: Counter[str] = Counter()
    out = []
    for cite in citations:
        if total[cite] > 1:
            out.append(cite + letters(seen[cite]))
            seen[cite] += 1
        else:
            out.append(cite)
    return out


def page_ref(row: Mapping) -> str:
    """The printed page label, or the PDF page number marked as such when none is printed."""
    return str(row["page_label"]) if row["page_label"] else f"[pdf {int(row['page_index']) + 1}]"

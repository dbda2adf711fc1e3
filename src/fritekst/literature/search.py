"""Keyword in context over coded report sentences, lemma-aware and across Bokmål and Nynorsk.

A query word matches every word that shares a key with it (see `nlp.normalize.search_keys`):
its inflections ("bolig" finds "boligene"), its Nynorsk counterpart ("bustader") and compounds
with it as a part ("utleieboliger", "eneboliger", "boligsosiale"). All words of a query must
occur in the sentence. An index (`fritekst index`) keeps every sentence's keys, so it hands
this function only the sentences that can match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ..errors import InputError
from ..nlp.normalize import analyse, search_keys

if TYPE_CHECKING:
    import pandas as pd

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
HIT_COLUMNS = ["report", "page_label", "page_index", "section", "left", "match", "right",
               "themes", "polarity", "municipalities", "source", "ocr"]


def _keys(word: str) -> set[str]:
    keys, _ = analyse(word.lower())
    return set(keys) or {word.lower()}


def query_keys(query: str) -> list[set[str]]:
    """Per word of the query, the keys that find it; an error when it has no word."""
    words = _WORD.findall(query)
    if not words:
        raise InputError(f"search for '{query}': give at least one word with letters")
    return [_keys(w) for w in words]


def sentence_keys(text: str) -> set[str]:
    """Every key a sentence can be found by."""
    return {k for w in _WORD.findall(text) for k in search_keys(w.lower())}


def search(sentences: pd.DataFrame, query: str, *, theme: str | None = None,
           municipality: str | None = None, width: int = 60) -> pd.DataFrame:
    """Sentences that contain every word of the query, with the first hit in context."""
    import pandas as pd

    wanted = query_keys(query)
    hits = match(sentences.to_dict("records"), wanted, theme=theme,
                 municipality=municipality, width=width)
    return pd.DataFrame(hits, columns=HIT_COLUMNS)


def match(rows: Iterable[Mapping], wanted: list[set[str]], *, theme: str | None = None,
          municipality: str | None = None, width: int = 60) -> list[dict]:
    """:func:`search` over sentence rows (mappings with the review's sentence columns), for
    keys ``wanted`` (see :func:`query_keys`): one hit (a dict of :data:`HIT_COLUMNS`) per
    matching sentence, in the order given."""
    m = municipality.lower() if municipality else None
    hits = []
    for r in rows:
        if theme and theme not in r["themes"].split(";"):
            continue
        if m and not any(n == m or n.startswith(m + " (") or f"(nå {m})" in n
                         for n in r["municipalities"].lower().split("; ")):
            continue
        text = r["text"]
        first = _first_match(text, wanted)
        if first is None:
            continue
        start, end = first
        left = text[max(0, start - width):start]
        right = text[end:end + width]
        hits.append({**{k: r[k] for k in ("report", "page_label", "page_index", "section",
                                           "themes", "polarity", "municipalities", "source")},
                     # sentences read by OCR from a page's image (a table from elsewhere may
                     # not say)
                     "ocr": _flag(r.get("ocr")),
                     "left": ("…" if start > width else "") + left, "match": text[start:end],
                     "right": right + ("…" if end + width < len(text) else "")})
    return [{k: h[k] for k in HIT_COLUMNS} for h in hits]


def _flag(value) -> bool:
    """True for a true flag; False for false, None, NaN and pandas' NA."""
    try:
        return bool(value) and value == value
    except TypeError:  # pd.NA
        return False


def _first_match(text: str, wanted: list[set[str]]) -> tuple[int, int] | None:
    """The span of the first word that matches a word of the query, when every word of the
    query is matched somewhere in the text; words are read only as far as needed."""
    missing = list(range(len(wanted)))
    first = None
    for w in _WORD.finditer(text):
        keys = search_keys(w.group(0).lower())
        hit = [i for i in missing if not wanted[i].isdisjoint(keys)]
        if hit:
            first = first or (w.start(), w.end())
            missing = [i for i in missing if i not in hit]
            if not missing:
                return first
    return None

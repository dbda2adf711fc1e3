"""Keyword in context over coded report sentences, lemma-aware and across Bokmål and Nynorsk.

A query word matches every word that shares a key with it (see `nlp.normalize.search_keys`):
its inflections ("bolig" finds "boligene"), its Nynorsk counterpart ("bustader") and compounds
with it as a part ("utleieboliger", "eneboliger", "boligsosiale"). All words of a query must
occur in the sentence. An index (`fritekst index`) keeps every sentence's keys, so it hands
this function only the sentences that can match.
"""

from __future__ import annotations

import re

import pandas as pd

from ..errors import InputError
from ..nlp.normalize import analyse, search_keys

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
    wanted = query_keys(query)
    rows = sentences
    if rows.empty:
        return pd.DataFrame(columns=HIT_COLUMNS)
    if theme:
        rows = rows[rows["themes"].str.split(";").map(lambda t: theme in t)]
    if municipality:
        m = municipality.lower()
        rows = rows[rows["municipalities"].str.lower().str.split("; ").map(
            lambda names: any(n == m or n.startswith(m + " (") or f"(nå {m})" in n
                              for n in names))]
    # sentences read by OCR from a page's image (a table from elsewhere may not say)
    ocr = (rows["ocr"].fillna(False).astype(bool) if "ocr" in rows
           else pd.Series(False, index=rows.index))
    hits = []
    for index, r in rows.iterrows():
        text = r["text"]
        first = _first_match(text, wanted)
        if first is None:
            continue
        start, end = first
        left = text[max(0, start - width):start]
        right = text[end:end + width]
        hits.append({**{k: r[k] for k in ("report", "page_label", "page_index", "section",
                                           "themes", "polarity", "municipalities", "source")},
                     "ocr": bool(ocr[index]),
                     "left": ("…" if start > width else "") + left, "match": text[start:end],
                     "right": right + ("…" if end + width < len(text) else "")})
    return pd.DataFrame(hits, columns=HIT_COLUMNS)


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

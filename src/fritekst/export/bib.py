"""Reference-manager exports of report metadata: BibTeX and RIS (Zotero, EndNote, Mendeley)."""

from __future__ import annotations

import re
import unicodedata

from fritekst.literature.meta import ReportMeta
from fritekst.literature.review import letters


def _key(meta: ReportMeta, taken: set[str]) -> str:
    who = meta.authors[0].split()[-1] if meta.authors else (meta.publisher or "rapport")
    ascii_who = unicodedata.normalize("NFKD", who.replace("ø", "o").replace("Ø", "O")
                                      .replace("æ", "ae").replace("Æ", "Ae"))
    base = re.sub(r"[^A-Za-z0-9]", "", ascii_who.encode("ascii", "ignore").decode()).lower()
    base = f"{base or 'rapport'}{meta.year or ''}"
    key, n = base, 0
    while key in taken:
        key = f"{base}{letters(n)}"
        n += 1
    taken.add(key)
    return key


def _bibtex_value(text: str) -> str:
    # braces keep capitals and Norwegian letters as written; escape what BibTeX reads specially
    return "{" + re.sub(r"([{}%&$#_])", r"\\\1", text) + "}"


def to_bibtex(metas: list[ReportMeta]) -> str:
    """One @techreport entry per report."""
    taken: set[str] = set()
    entries = []
    for m in metas:
        fields = {
            "title": m.title,
            "author": " and ".join(m.authors),
            "year": str(m.year or ""),
            "institution": m.publisher,
            "type": re.sub(r"\s*(nr\.?|no\.?)?\s*\d.*$", "", m.series, flags=re.I),
            "number": _series_number(m.series),
            "note": f"Oppdragsgiver: {m.client}" if m.client else "",
            "issn": m.issn,
            "isbn": m.isbn,
            "keywords": ", ".join(m.keywords),
            "language": {"Bokmål": "norsk bokmål", "Nynorsk": "nynorsk"}.get(m.variety, ""),
            "pagetotal": str(m.pages or ""),
            "file": m.source,
        }
        body = ",\n".join(f"  {k} = {_bibtex_value(v)}" for k, v in fields.items() if v)
        entries.append(f"@techreport{{{_key(m, taken)},\n{body}\n}}\n")
    return "\n".join(entries)


def _series_number(series: str) -> str:
    """"6/2015" of "Notat nr. 6/2015", or ""."""
    found = re.search(r"\d{1,4}\s*/\s*\d{2,4}", series)
    return found.group(0).replace(" ", "") if found else ""


def to_ris(metas: list[ReportMeta]) -> str:
    """One RPRT record per report."""
    out = []
    for m in metas:
        lines = ["TY  - RPRT", f"TI  - {m.title}"]
        lines += [f"AU  - {_ris_name(a)}" for a in m.authors]
        if m.year:
            lines.append(f"PY  - {m.year}")
        if m.publisher:
            lines.append(f"PB  - {m.publisher}")
        if m.series:
            lines.append(f"T3  - {m.series}")
        if m.client:
            lines.append(f"N1  - Oppdragsgiver: {m.client}")
        for sn in (m.isbn, m.issn):
            if sn:
                lines.append(f"SN  - {sn}")
        lines += [f"KW  - {k}" for k in m.keywords]
        if m.variety:
            lines.append(f"LA  - {m.variety}")
        lines.append(f"L1  - {m.source}")
        lines.append("ER  - ")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _ris_name(name: str) -> str:
    """'Kari Yttredal' -> 'Yttredal, Kari' (organisations stay as they are)."""
    parts = name.split()
    if len(parts) >= 2 and all(p[:1].isupper() for p in parts):
        return f"{parts[-1]}, {' '.join(parts[:-1])}"
    return name

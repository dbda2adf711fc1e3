"""Reference-manager exports of report metadata: BibTeX and RIS (Zotero, EndNote, Mendeley).

Keys are author-year-word ("yttredal2015boligsosialt"), the entry type follows what the
document is (a report, a book, an edited book, a chapter), and each entry links its PDF by
absolute path in the forms Zotero imports as an attachment (BibTeX `file = {:/abs/x.pdf:PDF}`,
RIS `L1  - file:///abs/x.pdf`).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from fritekst.literature.cite import letters
from fritekst.literature.meta import INSTITUTION, ReportMeta
from fritekst.literature.names import NAME, is_person, public_body

# words that do not name what a report is about: skipped for the key's title word
_SKIP = {"a", "an", "the", "of", "and", "for", "on", "in", "to", "i", "og", "om", "en",
         "ei", "et", "eit", "ein", "av", "på", "til", "med", "frå", "fra", "den", "det", "de",
         "dei", "som", "er", "ved", "under", "mot", "etter", "hvordan", "korleis", "kva", "hva"}
_TYPES = {"report": ("techreport", "RPRT"), "book": ("book", "BOOK"),
          "chapter": ("incollection", "CHAP")}


def ascii_fold(text: str) -> str:
    """'Østlandsforskning' -> 'Ostlandsforskning', 'Ærø' -> 'AEro'."""
    for a, b in (("ø", "o"), ("Ø", "O"), ("æ", "ae"), ("Æ", "Ae"), ("ß", "ss")):
        text = text.replace(a, b)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _key_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", ascii_fold(text).lower())


def _key(meta: ReportMeta, taken: set[str]) -> str:
    """First author's surname (an institution's first word), year and the title's first
    word that says something: "yttredal2015boligsosialt", "asker2026planbeskrivelse"."""
    names = meta.authors or meta.editors
    if names:
        who = names[0].split()[-1] if _personal(names[0]) else names[0].split()[0]
    else:
        who = (meta.publisher.split() or ["rapport"])[0]
    words = [w for w in re.findall(r"[^\W\d_]+", meta.title) if w.lower() not in _SKIP]
    base = f"{_key_part(who) or 'rapport'}{meta.year or ''}{_key_part(words[0]) if words else ''}"
    key, n = base, 0
    while key in taken:
        key = f"{base}{letters(n)}"
        n += 1
    taken.add(key)
    return key


def _personal(name: str) -> bool:
    """A person's name (not "Asker kommune", "Møreforsking Volda", "NAV")."""
    return is_person(name) or (NAME.fullmatch(name) is not None and not public_body(name)
                               and not INSTITUTION.search(name))


def _bibtex_value(text: str) -> str:
    # braces keep capitals and Norwegian letters as written; escape what BibTeX reads specially
    return "{" + re.sub(r"([{}%&$#_])", r"\\\1", text) + "}"


def _bib_names(names: list[str]) -> str:
    """People as written; an institution in its own braces, so that BibTeX does not take
    "Asker" for a first name."""
    return " and ".join(n if _personal(n) else "{" + n + "}" for n in names)


def _file_field(source: str) -> str:
    """Zotero's and JabRef's attachment form ``description:path:type``; colons and
    semicolons in the path are escaped."""
    path = str(Path(source).resolve())
    return ":" + re.sub(r"([\\:;])", r"\\\1", path) + ":PDF"


def _title(m: ReportMeta) -> str:
    return f"{m.title}: {m.subtitle}" if m.title and m.subtitle else m.title


def to_bibtex(metas: list[ReportMeta]) -> str:
    """One entry per report: @techreport, @book (authors or editors) or @incollection."""
    taken: set[str] = set()
    entries = []
    for m in metas:
        kind = _TYPES.get(m.kind, _TYPES["report"])[0]
        institutional = bool(m.authors) and not _personal(m.authors[0])
        fields = {
            "title": _title(m),
            "booktitle": m.booktitle,
            "year": str(m.year or ""),
            "type": re.sub(r"\s*(nr\.?|no\.?)?\s*\d.*$", "", m.series, flags=re.I)
            if kind == "techreport" else "",
            "series": m.series if kind != "techreport" else "",
            "number": _series_number(m.series),
            "institution": (m.publisher or (m.authors[0] if institutional else ""))
            if kind == "techreport" else "",
            "publisher": m.publisher if kind != "techreport" else "",
            "address": m.place,
            "note": f"Oppdragsgiver: {m.client}" if m.client else "",
            "issn": m.issn,
            "isbn": m.isbn,
            "doi": m.doi,
            "keywords": ", ".join(m.keywords),
            "language": {"Bokmål": "norsk bokmål", "Nynorsk": "nynorsk"}.get(m.variety, ""),
            "pagetotal": str(m.pages or ""),
        }
        body = [f"  {k} = {_bibtex_value(v)}" for k, v in fields.items() if v]
        names = [f"  author = {{{_bib_names(m.authors)}}}"] if m.authors else []
        if m.editors:
            names.append(f"  editor = {{{_bib_names(m.editors)}}}")
        body[int(bool(m.title)):0] = names  # after the title, as reference managers do
        body.append(f"  file = {{{_file_field(m.source)}}}")
        entries.append(f"@{kind}{{{_key(m, taken)},\n" + ",\n".join(body) + "\n}\n")
    return "\n".join(entries)


def _series_number(series: str) -> str:
    """"6/2015" of "Notat nr. 6/2015", "213/25" of "Byrådssak 213/25", or ""."""
    found = re.search(r"\d{1,4}\s*[/:]\s*\d{1,4}", series)
    return found.group(0).replace(" ", "") if found else ""


def to_ris(metas: list[ReportMeta]) -> str:
    """One record per report: RPRT, BOOK (editors as ED) or CHAP."""
    out = []
    for m in metas:
        kind = _TYPES.get(m.kind, _TYPES["report"])[1]
        lines = [f"TY  - {kind}", f"TI  - {_title(m)}"]
        lines += [f"AU  - {_ris_name(a)}" for a in m.authors]
        lines += [f"ED  - {_ris_name(a)}" for a in m.editors]
        if m.booktitle:
            lines.append(f"T2  - {m.booktitle}")
        if m.year:
            lines.append(f"PY  - {m.year}")
        if m.publisher:
            lines.append(f"PB  - {m.publisher}")
        if m.place:
            lines.append(f"CY  - {m.place}")
        if m.series:
            lines.append(f"T3  - {m.series}")
        if (number := _series_number(m.series)):
            lines.append(f"IS  - {number}")
        if m.client:
            lines.append(f"N1  - Oppdragsgiver: {m.client}")
        for sn in (m.isbn, m.issn):
            if sn:
                lines.append(f"SN  - {sn}")
        if m.doi:
            lines.append(f"DO  - {m.doi}")
        lines += [f"KW  - {k}" for k in m.keywords]
        if m.variety:
            lines.append(f"LA  - {m.variety}")
        lines.append(f"L1  - {Path(m.source).resolve().as_uri()}")
        lines.append("ER  - ")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def _ris_name(name: str) -> str:
    """'Kari Yttredal' -> 'Yttredal, Kari' (institutions stay as they are)."""
    parts = name.split()
    if len(parts) >= 2 and _personal(name):
        return f"{parts[-1]}, {' '.join(parts[:-1])}"
    return name

"""Bibliographic metadata of a report, read from its title pages and document information.

Norwegian research notes and reports put their metadata on the first pages ("Notat nr. 6/2015",
authors, ISSN/ISBN) and in a colophon with labelled fields ("Oppdragsgiver:", "Nøkkelord:"),
sometimes on the last page. Labelled fields win over guesses; the PDF's own document
information is used where the pages say nothing (it is often a file name or a template's).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..extract.layout import Block
from ..extract.pdf import PdfPage, PdfText
from ..lexicon import first_names
from ..nlp.normalize import variety

SERIES = re.compile(
    r"((?:[A-ZÆØÅ]{2,}\s+|[A-ZÆØÅ]{2,}-)?(?:[Aa]rbeids)?(?:[Nn]otat|[Rr]apport|NOTAT|RAPPORT|[Rr]eport|"
    r"[Ww]orking [Pp]aper|[Ss]kriftserie)\s*(?:nr\.?|no\.?|NR\.?)?\s*(\d{1,4})\s*/\s*(\d{2,4}))\b")
# "NIBR-rapport 2015:6", "Fafo-notat 2014:23": year first, then the number
SERIES_COLON = re.compile(
    r"((?:[A-ZÆØÅ][\w]*-)?(?:[Rr]apport|[Nn]otat|RAPPORT|NOTAT)\s+((?:19|20)\d\d)\s*:\s*(\d{1,3}))\b")
# "Rapport nr. 62": a number without a year
SERIES_PLAIN = re.compile(
    r"((?:[A-ZÆØÅ]{2,}\s+)?(?:[Aa]rbeids)?(?:[Nn]otat|[Rr]apport|NOTAT|RAPPORT)\s+"
    r"(?:nr\.?|NR\.?)\s*\d{1,4})\b")
INSTITUTION = re.compile(
    r"(forsking|forskning|institutt|høgskule|høgskole|høyskole|universitet|senter for|NOVA|"
    r"NIBR|Fafo|SINTEF|OsloMet|Husbanken|direktorat)", re.IGNORECASE)
CLIENT = re.compile(r"\b[Pp]å oppdrag (?:fra|frå|av) ([A-ZÆØÅ][\w-]*(?:\s+[\wæøå-]+){0,5})")
ISSN = re.compile(r"ISSN[\s:]*(?:\([^)]*\)[\s:]*)?(\d{4}\s?-\s?\d{3}[\dXx])")
ISBN = re.compile(r"ISBN[\s:]*(?:\([^)]*\)[\s:]*)?((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx])")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
LABELS = {
    "authors": ("forfattere", "forfattarar", "forfatter", "forfattar", "forfatter(e)", "av",
                "authors", "author"),
    "title": ("tittel", "title"),
    "publisher": ("utgitt av", "utgjeve av", "utgiver", "utgivar", "forlag", "publisher",
                  "utgiven av", "ansvarlig utgiver", "ansvarleg utgjevar", "ansvarleg utgivar"),
    "client": ("oppdragsgiver", "oppdragsgivar", "oppdragsgjevar", "oppdragsgiver(e)", "client"),
    "keywords": ("nøkkelord", "emneord", "stikkord", "keywords", "key words"),
    "series": ("serie", "series", "rapportserie"),
}
_LABEL = re.compile(
    r"(?:^|(?<=\s))(" + "|".join(re.escape(w) for words in LABELS.values() for w in words)
    + r")\s*:\s*", re.IGNORECASE)
# any "Label:" a colophon uses, known or not: it ends the field before it
_ANY_LABEL = re.compile(r"(?:^|(?<=\s))([A-ZÆØÅ][\wæøåÆØÅ()./-]*(?: [a-zæøå][\wæøå()./-]*)?)"
                        r"\s*:\s*(?=\S|$)")
_BARE_LABEL = re.compile(r"^(oppdragsgiver|oppdragsgivar|oppdragsgjevar|forfattere|forfattarar|"
                         r"nøkkelord|emneord|utgiver|utgivar|utgitt av|utgjeve av)\b\s*",
                         re.IGNORECASE)
_NAME = r"[A-ZÆØÅ][\w'’-]+(?:\s+(?:[A-ZÆØÅ]\.|[A-ZÆØÅ][\w'’-]+|von|van|de|af))+"
_NAMES = re.compile(rf"^{_NAME}(?:\s*(?:,|og|and|&)\s*{_NAME})*$")
_BAD_TITLES = re.compile(r"(\.docx?|\.pdf|\.indd|microsoft|untitled|^dokument|^document)", re.I)


@dataclass
class ReportMeta:
    source: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    series: str = ""
    publisher: str = ""
    client: str = ""
    issn: str = ""
    isbn: str = ""
    keywords: list[str] = field(default_factory=list)
    variety: str = ""  # "Bokmål", "Nynorsk" or "" when it cannot be told
    pages: int = 0

    def as_dict(self) -> dict:
        d = asdict(self)
        d["authors"] = "; ".join(self.authors)
        d["keywords"] = "; ".join(self.keywords)
        return d

    @property
    def citation(self) -> str:
        """The short form used in the text of a report: "Yttredal m.fl. 2015"."""
        surnames = [a.split()[-1] if _is_person(a) else a for a in self.authors]
        who = (surnames[0] if len(surnames) == 1 else
               f"{surnames[0]} og {surnames[1]}" if len(surnames) == 2 else
               f"{surnames[0]} m.fl." if surnames else
               (self.publisher or self.title[:40].strip() or Path(self.source).stem))
        if not self.year or str(self.year) in who:
            return who  # "Handlingsprogram folkehelse 2023", not "… 2023 2023"
        return f"{who} {self.year}"


def _label_key(label: str) -> str | None:
    return next((k for k, words in LABELS.items() if label.lower() in words), None)


def _labelled(lines: list[str]) -> dict[str, str]:
    """Fields of a colophon, read line by line: "Oppdragsgiver: Husbanken". A line may hold
    several fields; any "Word:" ends the field before it, known or not ("Sats:", "Pris:"). A
    label alone on its line takes the lines after it up to the next label ("Forfattere" over
    one name per line); so does a list that ends with a comma."""
    out: dict[str, str] = {}
    pending: str | None = None
    taken = 0
    for line in lines:
        line = line.strip()
        cuts = list(_ANY_LABEL.finditer(line))
        bare = _BARE_LABEL.match(line)
        if not cuts and bare and _label_key(bare.group(1)):
            cuts = [bare]  # "Oppdragsgiver Husbanken" in a grid without colons
        if not cuts:
            if pending and line and not line.endswith(".") and len(line.split()) <= 8:
                out[pending] = f"{out.get(pending, '')}, {line}".strip(", ")
                taken += 1
                # a list of names or keywords goes on; other fields take one line
                if taken >= 6 or (pending not in ("authors", "keywords")
                                  and not line.endswith(",")):
                    pending = None
            else:
                pending = None
            continue
        pending, taken = None, 0
        for k, m in enumerate(cuts):
            end = cuts[k + 1].start() if k + 1 < len(cuts) else len(line)
            key = _label_key(m.group(1).strip())
            value = line[m.end():end].strip(" ,;")
            if key and key not in out:
                out[key] = value
                if not value or (k == len(cuts) - 1 and line.endswith(",")):
                    pending = key
    return out


def _is_person(name: str) -> bool:
    return re.fullmatch(_NAME, name) is not None


def _split_names(value: str) -> list[str]:
    parts = re.split(r"\s*(?:,|;|\bog\b|\band\b|&)\s*", value)
    return [" ".join(p.split()) for p in parts if p.strip()]


def _full_year(n: str) -> int:
    y = int(n)
    if y >= 100:
        return y
    return 2000 + y if y < 50 else 1900 + y


def read_meta(doc: PdfText, front_pages: int = 4) -> ReportMeta:
    """Metadata of one extracted report."""
    front = _front(doc, front_pages)
    blocks = [b for p in front for b in p.blocks if not b.table]
    labelled = _labelled([ln for b in blocks for ln in (b.lines or [b.text])])
    text = "\n".join(b.text for b in blocks)
    series, year = _series_and_year(text, labelled)
    issn, isbn = _issn_isbn(text)
    title = _title(front, labelled, doc.info)
    return ReportMeta(
        source=doc.source,
        title=title,
        authors=_authors(blocks, labelled, title, doc.info),
        year=year if year is not None else _year_fallback(title, text, doc.info),
        series=series,
        publisher=_publisher(blocks, labelled, title),
        client=_client(text, labelled),
        issn=issn,
        isbn=isbn,
        keywords=_keywords(labelled),
        variety=_written_standard(doc, front_pages, text),
        pages=doc.page_count,
    )


def _front(doc: PdfText, front_pages: int) -> list[PdfPage]:
    """The title pages with text, and the last page: colophons often sit there."""
    front = [p for p in doc.pages[:front_pages] if not p.skipped]
    if doc.page_count > front_pages and not doc.pages[-1].skipped:
        front.append(doc.pages[-1])
    return front


def _series_and_year(text: str, labelled: dict[str, str]) -> tuple[str, int | None]:
    """The series and number ("Notat nr. 6/2015", "NIBR-rapport 2015:6") and the year it
    gives; a labelled "Serie:" when none is printed in a form we know."""
    if (m := SERIES.search(text) or SERIES.search(labelled.get("series", ""))):
        return " ".join(m.group(1).split()), _full_year(m.group(3))
    if (m := SERIES_COLON.search(text)):
        return " ".join(m.group(1).split()), int(m.group(2))
    if (m := SERIES_PLAIN.search(text)):
        return " ".join(m.group(1).split()), None
    return labelled.get("series", ""), None


def _issn_isbn(text: str) -> tuple[str, str]:
    """The first ISSN and ISBN printed on the title pages, or ''."""
    issn = isbn = ""
    if (m := ISSN.search(text)):
        issn = re.sub(r"\s", "", m.group(1)).upper()
    if (m := ISBN.search(text)):
        isbn = re.sub(r"\s", "-", m.group(1).strip()).upper()
    return issn, isbn


def _title(front: list[PdfPage], labelled: dict[str, str], info: dict[str, str]) -> str:
    """Labelled, else the largest text on the first page, else the document information
    (unless that is a file or template name)."""
    if labelled.get("title"):
        return labelled["title"]
    title = ""
    if front and front[0].blocks:
        first = [b for b in front[0].blocks if not b.table and len(b.text) > 3
                 and not SERIES.fullmatch(b.text.strip())]
        if first:
            title = max(first, key=lambda b: b.size).text
    info_title = info.get("Title", "").strip()
    if not title and info_title and not _BAD_TITLES.search(info_title):
        title = info_title
    return title


def _authors(blocks: list[Block], labelled: dict[str, str], title: str,
             info: dict[str, str]) -> list[str]:
    """Labelled, else names on the title pages, else the document information's Author."""
    if labelled.get("authors"):
        return _split_names(labelled["authors"])
    return _authors_on_pages(blocks, title) or _authors_in_info(info)


def _authors_on_pages(blocks: list[Block], title: str) -> list[str]:
    """The first block that is nothing but names starting with a known first name: one name
    per line, or a list ("Kari Nordmann og Ola Nordmann")."""
    for block in blocks[:12]:
        cand = block.text.strip()
        one_per_line = len(block.lines) >= 2 and all(
            re.fullmatch(_NAME, ln.strip()) for ln in block.lines)
        if one_per_line and block.lines[0].split()[0] in first_names():
            return [" ".join(ln.split()) for ln in block.lines]
        if (_NAMES.match(cand) and cand != title and len(cand) < 120
                and cand.split()[0] in first_names()):
            return _split_names(cand)
    return []


def _authors_in_info(info: dict[str, str]) -> list[str]:
    """The file's Author, which is often a program or an account: taken only if it is a
    name."""
    author = info.get("Author", "").replace(";", ",").strip()
    if author and _NAMES.match(author) and author.split()[0] in first_names():
        return _split_names(author)
    return []


def _publisher(blocks: list[Block], labelled: dict[str, str], title: str) -> str:
    """Labelled (without its address or year), else an unlabelled line on the title pages
    naming an institution ("Møreforsking Volda")."""
    publisher = re.split(r",\s*(?:Postboks|Pb\.|Boks|\d{4}\b)", labelled.get("publisher", ""))[0]
    publisher = re.sub(r",?\s*\b(19|20)\d\d\b\.?$", "", publisher).strip(" ,")
    if publisher:
        return publisher
    for block in blocks[:15]:
        line = block.text.strip()
        if (INSTITUTION.search(line) and len(line.split()) <= 8 and line != title
                and not line.endswith(".") and not ISSN.search(line)):
            return line
    return ""


def _client(text: str, labelled: dict[str, str]) -> str:
    """Labelled, else "på oppdrag fra …" in the text."""
    if labelled.get("client"):
        return labelled["client"]
    m = CLIENT.search(text)
    return m.group(1).rstrip(".,") if m else ""


def _keywords(labelled: dict[str, str]) -> list[str]:
    words = re.split(r"[,;\n•]", labelled.get("keywords", ""))
    return [k.strip(" .") for k in words if k.strip(" .")]


def _year_fallback(title: str, text: str, info: dict[str, str]) -> int | None:
    """A year in the title ("Handlingsprogram folkehelse 2023"), else the year printed most
    often on the title pages but not after the file was made, else the year it was made."""
    if (m := YEAR.search(title)):
        return int(m.group(1))
    made = re.match(r"(?:D:)?((?:19|20)\d\d)", info.get("CreationDate", "").strip())
    latest = int(made.group(1)) if made else 9999
    years = Counter(int(y) for y in YEAR.findall(text) if int(y) <= latest)
    if years:
        return years.most_common(1)[0][0]
    return latest if made else None


def _written_standard(doc: PdfText, front_pages: int, text: str) -> str:
    """Bokmål or Nynorsk, told from the ten pages after the title pages (from the title
    pages themselves when there are none)."""
    body = " ".join(p.text for p in doc.pages[front_pages:front_pages + 10] if not p.skipped)
    return {"nb": "Bokmål", "nn": "Nynorsk"}.get(variety(body or text) or "", "")

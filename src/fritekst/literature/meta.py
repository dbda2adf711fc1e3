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

from ..extract.pdf import PdfText
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
    meta = ReportMeta(source=doc.source, pages=doc.page_count)
    front = [p for p in doc.pages[:front_pages] if not p.skipped]
    if doc.page_count > front_pages and not doc.pages[-1].skipped:
        front.append(doc.pages[-1])  # colophons often sit on the last page
    blocks = [b for p in front for b in p.blocks if not b.table]
    labelled = _labelled([ln for b in blocks for ln in (b.lines or [b.text])])
    text = "\n".join(b.text for b in blocks)

    m = SERIES.search(text) or SERIES.search(labelled.get("series", ""))
    if m:
        meta.series = " ".join(m.group(1).split())
        meta.year = _full_year(m.group(3))
    elif (m := SERIES_COLON.search(text)):
        meta.series = " ".join(m.group(1).split())
        meta.year = int(m.group(2))
    elif (m := SERIES_PLAIN.search(text)):
        meta.series = " ".join(m.group(1).split())
    if "series" in labelled and not meta.series:
        meta.series = labelled["series"]
    if (m := ISSN.search(text)):
        meta.issn = re.sub(r"\s", "", m.group(1)).upper()
    if (m := ISBN.search(text)):
        meta.isbn = re.sub(r"\s", "-", m.group(1).strip()).upper()

    # title: labelled, else the largest text on the first page, else the document information
    info_title = doc.info.get("Title", "").strip()
    if labelled.get("title"):
        meta.title = labelled["title"]
    elif front and front[0].blocks:
        first = [b for b in front[0].blocks if not b.table and len(b.text) > 3
                 and not SERIES.fullmatch(b.text.strip())]
        if first:
            meta.title = max(first, key=lambda b: b.size).text
    if not meta.title and info_title and not _BAD_TITLES.search(info_title):
        meta.title = info_title

    if labelled.get("authors"):
        meta.authors = _split_names(labelled["authors"])
    else:
        for block in blocks[:12]:
            cand = block.text.strip()
            one_per_line = len(block.lines) >= 2 and all(
                re.fullmatch(_NAME, ln.strip()) for ln in block.lines)
            if one_per_line and block.lines[0].split()[0] in first_names():
                meta.authors = [" ".join(ln.split()) for ln in block.lines]
                break
            if (_NAMES.match(cand) and cand != meta.title and len(cand) < 120
                    and cand.split()[0] in first_names()):
                meta.authors = _split_names(cand)
                break
        info_author = doc.info.get("Author", "").replace(";", ",").strip()
        # the file's Author is often a program or an account: take it only if it is a name
        if (not meta.authors and info_author and _NAMES.match(info_author)
                and info_author.split()[0] in first_names()):
            meta.authors = _split_names(info_author)

    publisher = re.split(r",\s*(?:Postboks|Pb\.|Boks|\d{4}\b)", labelled.get("publisher", ""))[0]
    meta.publisher = re.sub(r",?\s*\b(19|20)\d\d\b\.?$", "", publisher).strip(" ,")
    if not meta.publisher:
        # an unlabelled line on the title pages naming an institution ("Møreforsking Volda")
        for block in blocks[:15]:
            line = block.text.strip()
            if (INSTITUTION.search(line) and len(line.split()) <= 8 and line != meta.title
                    and not line.endswith(".") and not ISSN.search(line)):
                meta.publisher = line
                break
    meta.client = labelled.get("client", "")
    if not meta.client and (m := CLIENT.search(text)):
        meta.client = m.group(1).rstrip(".,")
    if labelled.get("keywords"):
        meta.keywords = [k.strip(" .") for k in re.split(r"[,;\n•]", labelled["keywords"])
                         if k.strip(" .")]
    if meta.year is None and (m := YEAR.search(meta.title)):
        meta.year = int(m.group(1))  # "Handlingsprogram folkehelse 2023"
    if meta.year is None:
        # the year printed most often on the title pages, but not after the file was made
        made = re.match(r"(?:D:)?((?:19|20)\d\d)", doc.info.get("CreationDate", "").strip())
        latest = int(made.group(1)) if made else 9999
        years = Counter(int(y) for y in YEAR.findall(text) if int(y) <= latest)
        if years:
            meta.year = years.most_common(1)[0][0]
        elif made:
            meta.year = latest
    body = " ".join(p.text for p in doc.pages[front_pages:front_pages + 10] if not p.skipped)
    meta.variety = {"nb": "Bokmål", "nn": "Nynorsk"}.get(variety(body or text), "")
    return meta

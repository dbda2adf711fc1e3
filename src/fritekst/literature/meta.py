"""Bibliographic metadata of a report, read as a librarian would: from its cover, colophon and
document information.

Norwegian research notes and reports put their metadata on the first pages ("Notat nr. 6/2015",
authors, ISSN/ISBN) and in a colophon with labelled fields ("Oppdragsgiver:", "Nøkkelord:"),
sometimes on the last page; public bodies put their name on the cover, in a footer or on the back
page. The title is the largest text on the cover (read as printed, see `cover`), the subtitle
the next size below it. Labelled fields win over guesses; the PDF's own document information
is used where the pages say nothing (its Title is often a file or template name, its Author a
program or an account). A field that cannot be read stays empty.
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
from .cover import CoverPage, CoverText, read_pages
from .names import NAME, NAMES, PUBLISHERS, is_person, issuer, people, public_body, split_names

SERIES = re.compile(
    r"((?:[A-ZÆØÅ]{2,}\s+|[A-ZÆØÅ]{2,}-)?(?:[Aa]rbeids)?(?:[Nn]otat|[Rr]apport|NOTAT|RAPPORT|[Rr]eport|"
    r"[Ww]orking [Pp]aper|[Ss]kriftserie|[A-ZÆØÅ][a-zæøå]*sak)\s*(?:nr\.?|no\.?|NR\.?)?\s*"
    r"(\d{1,4})\s*/\s*(\d{2,4}))\b")
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
# "ISSN 1891-2540", "ISSN (online): …", "ISBN elektronisk utgave: …"
ISSN = re.compile(r"ISSN[\s:]*(?:\([^)]*\)[\s:]*)?(?:[^\d\s]+\s*){0,3}:?\s*"
                  r"(\d{4}\s?-\s?\d{3}[\dXx])")
ISBN = re.compile(r"ISBN[\s:]*(?:\([^)]*\)[\s:]*)?(?:[^\d\s]+\s*){0,3}:?\s*"
                  r"((?:97[89][-\s]?)?(?:\d[-\s]?){9}[\dXx])")
ELECTRONIC = re.compile(r"elektronisk|digital|pdf|online|nett|e-bok|ebok|web", re.IGNORECASE)
DOI = re.compile(r"\b(10\.\d{4,9}/[^\s,;«»\"]+[^\s,;.«»\"])")
# the first page of a chapter: "I: Kari Nordmann og Ola Nordmann (red.), Boka om bustader."
CHAPTER_OF = re.compile(r"(?:^|\s)(?:I|In):\s+([^()\n]{3,150}?)\s*\((?:red|eds?)\.?\)\s*[,:.]?\s*"
                        r"(?:\(\d{4}\)\.?\s*)?([^.\n]{3,200}?)\s*(?:[.\n]|$)")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
MONTHS = ("januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember")
DATE = re.compile(rf"\b(?:\d{{1,2}}\.\s*(?:{MONTHS})|\d{{1,2}}\.\d{{1,2}}\.|(?:{MONTHS}))\s*"
                  r"((?:19|20)\d\d)\b", re.IGNORECASE)
LABELS = {
    "authors": ("forfattere", "forfattarar", "forfatter", "forfattar", "forfatter(e)", "av",
                "authors", "author"),
    "editors": ("redaktører", "redaktørar", "redaktør", "redigert av", "redigert", "editors",
                "editor", "red."),
    "issuer": ("ansvarlig redaktør", "ansvarleg redaktør", "utarbeidet av", "utarbeidd av",
               "utarbeida av"),
    "title": ("tittel", "title"),
    "subtitle": ("undertittel", "subtitle"),
    "publisher": ("utgitt av", "utgjeve av", "utgiver", "utgivar", "forlag", "publisher",
                  "utgiven av", "ansvarlig utgiver", "ansvarleg utgjevar", "ansvarleg utgivar"),
    "place": ("utgivelsessted", "sted", "stad"),
    "client": ("oppdragsgiver", "oppdragsgivar", "oppdragsgjevar", "oppdragsgiver(e)", "client"),
    "keywords": ("nøkkelord", "emneord", "stikkord", "keywords", "key words"),
    "series": ("serie", "series", "rapportserie"),
}
_WORDS = sorted((w for words in LABELS.values() for w in words), key=len, reverse=True)
_LABEL = re.compile(r"(?:^|(?<=\s))(" + "|".join(re.escape(w) for w in _WORDS)
                    + r")\s*:\s*", re.IGNORECASE)
# any "Label:" a colophon uses, known or not: it ends the field before it
_ANY_LABEL = re.compile(r"(?:^|(?<=\s))([A-ZÆØÅ][\wæøåÆØÅ()./-]*(?: [a-zæøå][\wæøå()./-]*)?)"
                        r"\s*:\s*(?=\S|$)")
# a label without a colon, as in a grid of two columns: "Oppdragsgiver    Husbanken"
_BARE_LABEL = re.compile(r"^(oppdragsgiver|oppdragsgivar|oppdragsgjevar|forfattere|forfattarar|"
                         r"nøkkelord|emneord|utgiver|utgivar|utgitt av|utgjeve av|tittel|"
                         r"ansvarlig redaktør|ansvarleg redaktør|redaktører|redaktørar|"
                         r"redigert av|utarbeidet av|serie|forlag)\b\s*", re.IGNORECASE)
_BAD_TITLES = re.compile(r"(\.docx?|\.pdf|\.indd|\.pptx?|microsoft|untitled|^dokument\d*$|"
                         r"^document\d*$|^rapport$|^notat$|^title$|^tittel$|^presentasjon$|"
                         r"^mal\b|^template|^[\w-]+_[\w_-]+$|^\W*$)", re.I)
# text on a cover that is not its title
_NOT_TITLE = re.compile(
    r"^(?:datert|dato|vedtatt|vedteke|revidert|sist endret|høringsutkast|høyringsutkast|versjon|"
    r"utkast|foto|illustrasjon|forsidefoto|omslag|førstegangsbehandling|"
    r"sak til|saksnr|arkivsak|kilde|www\.|https?:|isbn|issn|doi|©)", re.IGNORECASE)
# the town of a postal address: "Postboks 2844, 3702 Skien" (not the box number)
_POSTAL = re.compile(r"(?<!Postboks )(?<!Boks )(?<!Pb\. )\b\d{4}\s+"
                     r"([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?)\b(?!\s*[\d:])")
_SOURCE = re.compile(r"(?:kilde|kjelde|source)\s*:", re.IGNORECASE)
_EDITION = re.compile(r"(?:19|20)\d\d(?:\s*[-–/]\s*\d{2,4})?")
GENERIC = {"innhold", "innholdsfortegnelse", "forord", "føreord", "sammendrag", "samandrag",
           "innledning", "innleiing", "summary", "contents", "vedlegg", "referanser",
           "litteratur", "kilder", "om tabellene", "om dokumentet", "rapport", "notat"}


@dataclass
class ReportMeta:
    source: str
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)  # people or an institution
    editors: list[str] = field(default_factory=list)
    year: int | None = None
    series: str = ""
    publisher: str = ""
    place: str = ""
    client: str = ""
    issn: str = ""
    isbn: str = ""
    doi: str = ""
    keywords: list[str] = field(default_factory=list)
    kind: str = "report"  # "report", "book" or "chapter"
    booktitle: str = ""  # the book a chapter is in
    variety: str = ""  # "Bokmål", "Nynorsk" or "" when it cannot be told
    pages: int = 0

    def as_dict(self) -> dict:
        d = asdict(self)
        for key in ("authors", "editors", "keywords"):
            d[key] = "; ".join(getattr(self, key))
        return d

    @property
    def citation(self) -> str:
        """The short form used in the text of a report: "Yttredal m.fl. 2015", "Asker kommune
        2026", "Owesen og Aarseth 2022" (editors where there are no authors)."""
        names = self.authors or self.editors
        surnames = [a.split()[-1] if _looks_personal(a) else a for a in names]
        who = (surnames[0] if len(surnames) == 1 else
               f"{surnames[0]} og {surnames[1]}" if len(surnames) == 2 else
               f"{surnames[0]} m.fl." if surnames else
               (self.publisher or _short(self.title) or Path(self.source).stem))
        if not self.year or str(self.year) in who:
            return who  # "Handlingsprogram folkehelse 2023", not "… 2023 2023"
        return f"{who} {self.year}"


def _short(title: str, most: int = 40) -> str:
    """A long title cut at a word for a citation: "Regional plan for samordna areal og …"."""
    title = title.strip()
    if len(title) <= most:
        return title
    return title[:most].rsplit(" ", 1)[0].rstrip(" ,.:;–-") + " …"


def _looks_personal(name: str) -> bool:
    return re.fullmatch(NAME, name) is not None and not public_body(name)


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
                if taken >= 6 or (pending not in ("authors", "editors", "keywords")
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
    return {k: v for k, v in out.items() if v}


def _full_year(n: str) -> int:
    y = int(n)
    if y >= 100:
        return y
    return 2000 + y if y < 50 else 1900 + y


def read_meta(doc: PdfText, front_pages: int = 4) -> ReportMeta:
    """Metadata of one extracted report. Its cover and colophon pages are read again as
    printed when the file is there; otherwise only the extracted pages are used."""
    front = _front(doc, front_pages)
    blocks = [b for p in front for b in p.blocks if not b.table]
    printed = (read_pages(doc.source, [*range(front_pages), -1])
               if Path(doc.source).is_file() else [])
    rows = [r for p in printed for r in p.rows]
    # a grid read as printed keeps label and value on one row; the extracted text fills in
    labelled = {**_labelled([ln for b in blocks for ln in (b.lines or [b.text])]),
                **_labelled(rows)}
    text = "\n".join([*(b.text for b in blocks), *rows])
    cover = _cover(printed)
    series, year = _series_and_year(text, labelled)
    issn, isbn = _issn_isbn(text)
    title, subtitle = _title(cover, front, labelled, doc.info)
    authors, editors = _people(cover, blocks, labelled, title)
    publisher = _publisher(blocks, rows, labelled, title)
    if not authors and not editors:
        authors = _institution(cover, printed, blocks, labelled, doc.info) or \
            _authors_in_info(doc.info)
    if not publisher and authors and not is_person(authors[0]):
        publisher = authors[0]  # a public body publishes its own plans and statistics
    kind = "book" if (publisher in PUBLISHERS or (editors and not series)) else "report"
    booktitle = ""
    first_page = "\n".join([*(r for p in printed[:1] if p.page == 0 for r in p.rows),
                            *(b.text for p in front[:1] if p.page_index == 0 for b in p.blocks)])
    if (m := CHAPTER_OF.search(first_page)) and people(m.group(1)):
        # a chapter: the editors named are the book's, the names on the page the chapter's
        kind, booktitle, editors = "chapter", m.group(2).strip(), people(m.group(1))
        authors = [a for a in authors if a not in editors]
    return ReportMeta(
        source=doc.source,
        title=title,
        subtitle=subtitle,
        authors=authors,
        editors=editors,
        year=year or _cover_year(cover) or _year_fallback(title, text, doc.info),
        series=series,
        publisher=publisher,
        place=_place(labelled, publisher, rows),
        client=_client(text, labelled),
        issn=issn,
        isbn=isbn,
        doi=(m.group(1) if (m := DOI.search(text)) else ""),
        keywords=_keywords(labelled),
        kind=kind,
        booktitle=booktitle,
        variety=_written_standard(doc, front_pages, text),
        pages=doc.page_count,
    )


def _front(doc: PdfText, front_pages: int) -> list[PdfPage]:
    """The title pages with text, and the last page: colophons often sit there."""
    front = [p for p in doc.pages[:front_pages] if not p.skipped]
    if doc.page_count > front_pages and not doc.pages[-1].skipped:
        front.append(doc.pages[-1])
    return front


def _cover(printed: list[CoverPage]) -> CoverPage | None:
    """The first page with a title on it as printed (a cover may be a picture only)."""
    for page in printed[:2]:
        if any(_titleish(b) for b in page.blocks):
            return page
    return None


def _series_and_year(text: str, labelled: dict[str, str]) -> tuple[str, int | None]:
    """The series and number ("Notat nr. 6/2015", "NIBR-rapport 2015:6", "Byrådssak 213/25")
    and the year it gives; a labelled "Serie:" when none is printed in a form we know."""
    if (m := SERIES.search(text) or SERIES.search(labelled.get("series", ""))):
        return " ".join(m.group(1).split()), _full_year(m.group(3))
    if (m := SERIES_COLON.search(text)):
        return " ".join(m.group(1).split()), int(m.group(2))
    if (m := SERIES_PLAIN.search(text)):
        return " ".join(m.group(1).split()), None
    return labelled.get("series", ""), None


def _issn_isbn(text: str) -> tuple[str, str]:
    """The ISSN and ISBN printed on the title pages, the electronic one where both the
    printed and the electronic edition are given (this is the PDF), or ''."""
    def pick(pattern: re.Pattern) -> str:
        found = list(pattern.finditer(text))
        # "ISBN elektronisk utgave: …", "ISSN 1891-2540 (online)"
        online = [m for m in found if ELECTRONIC.search(m.group(0))
                  or ELECTRONIC.match(text[m.end():m.end() + 12].strip(" (:"))]
        return (online or found)[0].group(1) if found else ""
    issn = re.sub(r"\s", "", pick(ISSN)).upper()
    isbn = re.sub(r"\s", "-", pick(ISBN).strip()).upper()
    return issn, isbn


# ---- title ------------------------------------------------------------------------------

def _titleish(block: CoverText) -> bool:
    """Could this text on a cover be its title? Not a date, a series number, a name, an
    institution, a photo credit or a paragraph."""
    text = block.text.strip(" -–")
    words = text.split()
    if (not 1 <= len(words) <= 30 or sum(c.isalpha() for c in text) < 4
            or _NOT_TITLE.match(text) or text.lower().strip(" .:") in GENERIC
            or SERIES.fullmatch(text) or SERIES_COLON.fullmatch(text)
            or SERIES_PLAIN.fullmatch(text) or ISBN.search(text) or DOI.search(text)):
        return False
    if people(text) or any(people(ln) for ln in block.lines[:1]):
        return False
    last = block.lines[-1] if block.lines else text
    if public_body(last) == last.strip() or issuer(text) == text:
        return False
    return not re.fullmatch(r"[\d\s.,/–-]+", text)


def _title(cover: CoverPage | None, front: list[PdfPage], labelled: dict[str, str],
           info: dict[str, str]) -> tuple[str, str]:
    """Labelled, else the largest text on the cover as printed (the subtitle the next size
    below it), else the largest on the first extracted page, else the document information's
    Title when it is not a file or template name."""
    info_title = " ".join(info.get("Title", "").split())
    plausible = info_title if info_title and not _BAD_TITLES.search(info_title) else ""
    title, subtitle = _cover_title(cover, plausible) if cover is not None else ("", "")
    if labelled.get("title"):
        # the colophon's title; the cover's subtitle where the cover shows the same title
        same = _norm(title) == _norm(labelled["title"])
        return labelled["title"], labelled.get("subtitle", subtitle if same else "")
    if title:
        return title, subtitle
    if front and front[0].page_index == 0 and front[0].blocks:
        title, subtitle = _block_title(front[0].blocks)
        if title:
            return title, subtitle
    return plausible, ""


def _cover_title(cover: CoverPage, info_title: str) -> tuple[str, str]:
    candidates = [b for b in cover.blocks if _titleish(b)]
    if not candidates:
        return "", ""
    # the document information's title where the cover prints it (not as its largest text:
    # "Byrådssak 213/25" over "Forslag om …")
    same = [b for b in candidates if info_title and _norm(b.text) == _norm(info_title)]
    top = max(c.size for c in candidates)
    title = same[0] if same else min((c for c in candidates if c.size >= 0.9 * top),
                                     key=lambda c: c.y0)
    text, subtitle = _title_lines(list(title.lines))
    # the size most words are set in, where the cover has running text under its title
    words = Counter(round(ln.size) for ln in cover.lines for _ in ln.text.split())
    body_size = words.most_common(1)[0][0] if words.total() >= 60 else 0
    if not subtitle:
        below = [b for b in cover.blocks if b.y0 >= title.y1 - 1 and b is not title
                 and b.x0 < title.x1 and title.x0 < b.x1]
        nxt = min(below, key=lambda b: b.y0, default=None)
        if (nxt is not None and body_size < nxt.size < title.size
                and nxt.y0 - title.y1 <= 3 * title.size):
            if _EDITION.fullmatch(nxt.text):
                return f"{text} {nxt.text}", ""  # "Sykepleierindeksen" over "2024"
            if _titleish(nxt) and len(nxt.text.split()) <= 25:
                subtitle = nxt.text.strip(" -–")
    return text, subtitle


def _title_lines(lines: list[str]) -> tuple[str, str]:
    """A title from the lines of one block, which may be the whole cover set in one size: the
    lines from the first that is not a series, a date or a name up to the next that is;
    "Tittel: undertittel" split at the colon."""
    kept: list[str] = []
    for line in lines:
        probe = CoverText(line, 0, 0, 0, 0, 0, 0, 1, (line,))
        if not _titleish(probe) or public_body(line) or INSTITUTION.search(line):
            if kept:
                break
            continue
        kept.append(line.strip(" -–"))
        if len(kept) == 4 or (line.rstrip().endswith((".", "?", "!")) and len(kept) > 1):
            break
    text = " ".join(" ".join(kept).split())
    if len(kept) < len(lines) and ": " in text:
        head, tail = text.split(": ", 1)
        return head, tail
    return text, ""


def _block_title(blocks: list[Block]) -> tuple[str, str]:
    """The title from the extracted first page when the file is not at hand: the largest
    block that could be a title, cut to its title lines."""
    cands = [b for b in blocks if not b.table and len(b.text) > 3
             and not SERIES.fullmatch(b.text.strip())
             and b.text.lower().strip(" .:") not in GENERIC]
    if not cands:
        return "", ""
    best = max(cands, key=lambda b: b.size)
    if len(best.lines) > 1:
        return _title_lines(best.lines)
    return best.text, ""


def _norm(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).lower()


# ---- people and institutions -----------------------------------------------------------

def _people(cover: CoverPage | None, blocks: list[Block], labelled: dict[str, str],
            title: str) -> tuple[list[str], list[str]]:
    """Authors and editors: labelled, else a line of names on the cover ("Kari Nordmann og
    Ola Nordmann", "INGEBORG W. OWESEN og HELENE AARSETH (red.)"), else names on the
    extracted title pages."""
    authors = people(labelled.get("authors", "")) or (
        split_names(labelled["authors"]) if labelled.get("authors") else [])
    editors = people(labelled.get("editors", ""))
    if authors or editors:
        return authors, editors
    lines = [ln for ln in cover.lines] if cover else []
    for line in lines:
        text = line.text.strip()
        names = people(text)
        if not names or text == title:
            continue
        if re.search(r"\(?\b(?:red|eds?)\.?\)?\s*$", text, re.IGNORECASE):
            return [], names
        return names, []
    return _authors_on_pages(blocks, title), []


def _authors_on_pages(blocks: list[Block], title: str) -> list[str]:
    """The first block that is nothing but names starting with a known first name: one name
    per line, or a list ("Kari Nordmann og Ola Nordmann")."""
    for block in blocks[:12]:
        cand = block.text.strip()
        one_per_line = len(block.lines) >= 2 and all(
            re.fullmatch(NAME, ln.strip()) for ln in block.lines)
        if one_per_line and block.lines[0].split()[0] in first_names():
            return [" ".join(ln.split()) for ln in block.lines]
        if (NAMES.match(cand) and cand != title and len(cand) < 120
                and cand.split()[0] in first_names()):
            return split_names(cand)
    return []


def _institution(cover: CoverPage | None, printed: list[CoverPage], blocks: list[Block],
                 labelled: dict[str, str], info: dict[str, str]) -> list[str]:
    """The public body or institute behind a report without personal authors: labelled
    ("Ansvarlig redaktør: Asker kommune", "Utarbeidet av"), named on the cover or in its
    footer ("Kilde: NAV"), heading the address on the back page, or the document
    information's Author when that is one ("Telemark fylkeskommune")."""
    if labelled.get("issuer"):
        return [public_body(labelled["issuer"]) or labelled["issuer"]]
    # on the cover and the back page any line (a source line only as the cover's footer:
    # higher up it is a figure's); elsewhere only text that stands alone, not a table cell or
    # the end of a sentence broken over two lines
    texts = [ln.text for ln in cover.lines
             if ln.top > 0.85 or not _SOURCE.match(ln.text)] if cover else []
    if printed and printed[-1] is not cover and len(printed) > 1:
        texts += [ln.text for ln in printed[-1].lines]
    texts += [b.text for p in printed[:-1] if p is not cover for b in p.blocks
              if len(b.lines) == 1 and not _SOURCE.match(b.text)]
    texts += [b.text for b in blocks if len(b.lines) <= 1 and not _SOURCE.match(b.text)]
    for text in texts:
        if (found := issuer(text)):
            return [found]
    author = " ".join(info.get("Author", "").split())
    if author and (found := public_body(author)) and found == author:
        return [found]
    return []


def _authors_in_info(info: dict[str, str]) -> list[str]:
    """The file's Author, which is often a program or an account: taken only if it is a
    person's name."""
    author = info.get("Author", "").replace(";", ",").strip()
    if author and NAMES.match(author) and author.split()[0] in first_names():
        return split_names(author)
    return []


def _publisher(blocks: list[Block], rows: list[str], labelled: dict[str, str],
               title: str) -> str:
    """Labelled (without its address or year), else a publishing house named on the title
    pages ("www.fagbokforlaget.no"), else an unlabelled line naming an institution
    ("Møreforsking Volda")."""
    publisher = re.split(r",\s*(?:Postboks|Pb\.|Boks|\d{4}\b)", labelled.get("publisher", ""))[0]
    publisher = re.sub(r",?\s*\b(19|20)\d\d\b\.?$", "", publisher).strip(" ,")
    if publisher:
        return publisher
    text = "\n".join([*(b.text for b in blocks), *rows])
    for house in PUBLISHERS:
        if re.search(rf"\b{re.escape(house)}\b", text, re.IGNORECASE):
            return house
    lines = [ln.strip() for b in blocks[:15] for ln in ([b.text, *b.lines])]
    for line in lines:
        if (INSTITUTION.search(line) and len(line.split()) <= 8 and line != title
                and not line.endswith(".") and not ISSN.search(line)
                and not _LABEL.match(line)):
            return line
    return ""


def _place(labelled: dict[str, str], publisher: str, rows: list[str]) -> str:
    """Labelled, else where the publishing house is, else the town of the publisher's postal
    address ("Postboks 2844, 3702 Skien")."""
    if labelled.get("place"):
        return labelled["place"]
    if publisher in PUBLISHERS:
        return PUBLISHERS[publisher]
    if not publisher:
        return ""
    near = [labelled.get("publisher", "")]
    near += [" ".join(rows[k:k + 3]) for k, row in enumerate(rows) if publisher in row]
    for text in near:
        if (m := _POSTAL.search(text)):
            return m.group(1)
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


# ---- year and language -----------------------------------------------------------------

def _cover_year(cover: CoverPage | None) -> int | None:
    """The year of a date printed on the cover ("21. januar 2025", "Datert 04.06.2026"), or
    of a footer that names the publisher and a year ("Folkehelseinstituttet • 2021")."""
    if cover is None:
        return None
    for line in cover.lines:
        if (m := DATE.search(line.text)):
            return int(m.group(1))
    for line in cover.lines:
        if issuer(line.text) and (m := re.search(r"[•·|©]\s*((?:19|20)\d\d)\b", line.text)):
            return int(m.group(1))
    return None


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

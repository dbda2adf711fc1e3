"""Generate research-report PDFs whose text is known, for tests, the demo and benchmarks.

The reports look like the Norwegian notes and reports researchers cite: a title page with series,
authors, ISSN and ISBN, a colophon with client and keywords, a table of contents, a summary and an
English summary, numbered chapters, running headers, page numbers in the footer, two-column pages
(drawn line by line across both columns, as some producers do, so reading order has to be
rebuilt), words hyphenated at line ends, a ruled table, a reference list and a page that is only an
image (no text layer). `broken.pdf` (cut short) and `encrypted.pdf` (password) come along.

Odd pages carry the chapter's title as their running head, even pages the report's. Every
page's text is written to `<name>.truth.json` beside the PDF (without running headers and
page numbers), so tests can compare what the extractor returns word by word.

Body sentences come from the project's own report sentences (corpora/training/parts/
sentences.csv); claims about the five municipalities are written here.
Run: python scripts/make_test_pdfs.py OUTDIR [--pages 40]
     python scripts/make_test_pdfs.py --demo   (writes src/fritekst/data/demo/rapport_demo.pdf)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parent.parent
SENTENCES = ROOT / "corpora" / "training" / "parts" / "sentences.csv"
W, H = A4
MARGIN = 60
FONT, BOLD, SIZE, LEADING = "Helvetica", "Helvetica-Bold", 10.5, 14
HEADER = "Boligsosialt arbeid i fem kommuner"

META = {
    "title": "Boligsosialt arbeid i fem kommuner",
    "subtitle": "Ei samanliknande studie av samordning, ansvar og bustader",
    "authors": ["Kari Yttredal", "Jon Helge Brekke"],
    "year": 2015,
    "series": "Notat nr. 6/2015",
    "publisher": "Fjordforsking",
    "client": "Husbanken",
    "issn": "1891-2540",
    "isbn": "978-82-7692-351-4",
    "keywords": ["boligsosialt arbeid", "samordning", "kommunale boliger", "Husbanken"],
}

# (municipality, theme, polarity, sentence): claims written for these test reports
CLAIMS = [
    ("Volda", "moteplasser", "styrke",
     "I Volda kommune trekker informantene fram det faste tildelingsmøtet som den viktigste "
     "styrken i arbeidet."),
    ("Volda", "boligmangel", "utfordring",
     "Også i Volda mangler kommunen egnede boliger for unge med rusproblemer."),
    ("Rissa", "ansvarsavklaring", "utfordring",
     "I Rissa er det uklart hvem som har ansvaret når en leietaker trenger oppfølging i "
     "boligen."),
    ("Rissa", "lokalkunnskap", "styrke",
     "Informantene i Rissa beskriver korte avstander og god lokalkunnskap som en klar styrke."),
    ("Nærøy", "plan_strategi", "utfordring",
     "Nærøy kommune har ingen oppdatert boligsosial handlingsplan, og flere savner langsiktige "
     "mål for arbeidet."),
    ("Ørland", "samordning", "utfordring",
     "På Ørland forteller flere at samarbeidet mellom NAV og helsetjenesten fungerer dårlig."),
    ("Oppdal", "oppfolging", "utfordring",
     "I Oppdal er det for lite bo-oppfølging av leietakere som har fått kommunal bolig."),
    ("Oppdal", "boligmangel", "utfordring",
     "Oppdal har lange ventelister fordi det finnes for få kommunale utleieboliger."),
]

INTRO = [
    "Dette notatet oppsummerer en undersøkelse av det boligsosiale arbeidet i Volda, Rissa, "
    "Nærøy, Ørland og Oppdal. Undersøkelsen ble gjennomført som en spørreundersøkelse blant "
    "ansatte i det boligsosiale nettverket i hver kommune, supplert med gruppeintervjuer.",
    "Kommunene har ulike låne- og støtteordninger, og tjenestene for personer med rus- og "
    "psykiske lidelser er organisert på forskjellige måter. Mange av informantene peker på at "
    "boligpolitikken i kommunene er lite samordnet med helse- og omsorgstjenestene.",
]
SUMMARY = [
    "Notatet viser at formelle møteplasser er en styrke i alle kommunene som har dem, mens "
    "mangel på egnede boliger er den største utfordringen overalt. I tre av kommunene er "
    "ansvarsdelingen mellom tjenestene uklar.",
]
ENGLISH = [
    "This note summarises a survey of social housing work in five Norwegian municipalities. "
    "Formal meeting places are seen as a strength, while the lack of suitable dwellings is the "
    "main challenge in every municipality.",
]
REFERENCES = [
    "Brekke, J. H. (2012). Kommunale boliger og gjennomstrømning. Fjordforsking, rapport 4/2012.",
    "Husbanken (2014). Veileder for boligsosialt arbeid i kommunene. Drammen: Husbanken.",
    "Yttredal, K. og Brekke, J. H. (2013). Samordning i små kommuner. Notat nr. 2/2013.",
    "Strand, A. (2011). Bo-oppfølging i praksis. Oslo: Fagforlaget.",
]
TABLE = [
    ["Kommune", "Svar", "Svarprosent", "Snitt samordning"],
    ["Volda", "24", "75", "4,0"],
    ["Rissa", "24", "83", "4,0"],
    ["Nærøy", "20", "67", "3,7"],
    ["Ørland", "15", "56", "2,9"],
    ["Oppdal", "23", "72", "2,7"],
]


@dataclass
class Page:
    paragraphs: list[str] = field(default_factory=list)
    label: str | None = None
    layer: bool = True


def body_sentences(seed: int) -> list[str]:
    with SENTENCES.open(encoding="utf-8") as fh:
        rows = [r["text"] for r in csv.DictReader(fh)]
    random.Random(seed).shuffle(rows)
    return rows


def hyphen_split(word: str, room: float, size: float) -> tuple[str, str] | None:
    """Split a long word so that its first part plus '-' fits in room; None when it cannot."""
    if "-" in word[1:-1]:
        head, tail = word.split("-", 1)
        if stringWidth(head + "-", FONT, size) <= room:
            return head + "-", tail
    if len(word) < 9 or not word.isalpha():
        return None
    for cut in range(len(word) - 4, 3, -1):
        if stringWidth(word[:cut] + "-", FONT, size) <= room:
            return word[:cut] + "-", word[cut:]
    return None


def wrap(text: str, width: float, size: float = SIZE) -> list[str]:
    """Break text into lines of at most width points, hyphenating long words at line ends."""
    lines, line = [], ""
    words = text.split()
    i = 0
    while i < len(words):
        word = words[i]
        trial = f"{line} {word}" if line else word
        if stringWidth(trial, FONT, size) <= width:
            line, i = trial, i + 1
            continue
        room = width - stringWidth(line + " ", FONT, size) if line else width
        split = hyphen_split(word, room, size)
        if split:
            lines.append(f"{line} {split[0]}" if line else split[0])
            words[i] = split[1]
        else:
            lines.append(line)
        line = ""
    if line:
        lines.append(line)
    return lines


class Writer:
    def __init__(self, path: Path, *, encrypt: str | None = None):
        # invariant: no creation date or random id, so the same text gives the same bytes
        self.c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=True)
        self.c.setTitle(META["title"])
        self.c.setAuthor("; ".join(META["authors"]))
        self.c.setSubject(META["series"])
        self.pages: list[Page] = []
        self.number = 0  # printed page number; 0 = none printed
        self.chapter = ""  # the running head of odd pages names the chapter, as books do

    def _furniture(self) -> None:
        if self.number:
            self.c.setFont(FONT, 8)
            self.c.drawString(MARGIN, H - 40,
                              self.chapter if self.number % 2 and self.chapter else HEADER)
            self.c.drawRightString(W - MARGIN, H - 40, META["series"])
            self.c.drawCentredString(W / 2, 30, str(self.number))

    def new_page(self, numbered: bool = True, furniture: bool = True) -> Page:
        if self.pages:
            self.c.showPage()
        if numbered:
            self.number = self.number + 1 if self.number else 1
        if furniture:
            self._furniture()
        page = Page(label=str(self.number) if numbered else None)
        self.pages.append(page)
        return page

    def text_page(self, blocks: list[tuple[str, str]],
                  numbered: bool = True) -> list[tuple[str, str]]:
        """Write (style, text) blocks on one page; return the blocks that did not fit."""
        page = self.new_page(numbered)
        y = H - 80
        for n, (style, text) in enumerate(blocks):
            size = 14 if style == "h" else SIZE
            font = BOLD if style == "h" else FONT
            lines = [text] if style == "h" else wrap(text, W - 2 * MARGIN, size)
            if y - len(lines) * LEADING < 60:
                if n == 0:
                    raise ValueError("block longer than a page")
                return blocks[n:]
            self.c.setFont(font, size)
            for line in lines:
                self.c.drawString(MARGIN, y, line)
                y -= LEADING
            y -= LEADING * (0.8 if style == "h" else 0.6)
            page.paragraphs.append(text)
        return []

    def flow(self, blocks: list[tuple[str, str]]) -> None:
        if blocks and blocks[0][0] == "h" and blocks[0][1][:1].isdigit():
            self.chapter = blocks[0][1]
        while blocks:
            blocks = self.text_page(blocks)

    def two_columns(self, paragraphs: list[str]) -> list[str]:
        """A page of two columns drawn row by row across both; returns what did not fit."""
        page = self.new_page()
        colw = (W - 2 * MARGIN - 24) / 2
        cols: list[list[str]] = [[], []]
        rows_per_col = int((H - 150) // LEADING)
        used = 0
        rest = list(paragraphs)
        for col in cols:
            while rest:
                lines = wrap(rest[0], colw)
                if len(col) + len(lines) > rows_per_col:
                    break
                col.extend([*lines, ""])
                page.paragraphs.append(rest.pop(0))
                used += 1
        self.c.setFont(FONT, SIZE)
        for r in range(max(len(cols[0]), len(cols[1]))):
            y = H - 80 - r * LEADING
            for k, col in enumerate(cols):
                if r < len(col) and col[r]:
                    self.c.drawString(MARGIN + k * (colw + 24), y, col[r])
        return rest

    def table_page(self, heading: str, rows: list[list[str]], after: str) -> None:
        page = self.new_page()
        self.c.setFont(BOLD, 14)
        self.c.drawString(MARGIN, H - 80, heading)
        page.paragraphs.append(heading)
        x0, y0, cw, rh = MARGIN, H - 110, 110, 20
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                self.c.rect(x0 + k * cw, y0 - (r + 1) * rh, cw, rh)
                self.c.setFont(BOLD if r == 0 else FONT, 9)
                self.c.drawString(x0 + k * cw + 4, y0 - (r + 1) * rh + 6, cell)
        page.paragraphs.append(" ".join(" ".join(row) for row in rows))
        self.c.setFont(FONT, SIZE)
        y = y0 - (len(rows) + 2) * rh
        for line in wrap(after, W - 2 * MARGIN):
            self.c.drawString(MARGIN, y, line)
            y -= LEADING
        page.paragraphs.append(after)

    def image_page(self) -> None:
        """A page that is a picture of text only, as a scan would be."""
        from PIL import Image, ImageDraw

        page = self.new_page(furniture=False)  # a scan has no text at all
        page.layer = False
        img = Image.new("L", (600, 300), 255)
        ImageDraw.Draw(img).text((20, 20), "Skannet vedlegg: intervjuguide", fill=0)
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        buf.seek(0)
        from reportlab.lib.utils import ImageReader

        self.c.drawImage(ImageReader(buf), MARGIN, H / 2, width=W - 2 * MARGIN, height=200)
        # it prints no number, but the pages before and after count it: a reader cites it by
        # the number it has in their sequence

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def title_page(w: Writer) -> None:
    page = w.new_page(numbered=False)
    c = w.c
    c.setFont(BOLD, 12)
    c.drawString(MARGIN, H - 100, META["series"])
    c.setFont(BOLD, 22)
    c.drawString(MARGIN, H - 180, META["title"])
    c.setFont(FONT, 13)
    c.drawString(MARGIN, H - 210, META["subtitle"])
    c.setFont(FONT, 12)
    c.drawString(MARGIN, H - 280, " og ".join(META["authors"]))
    c.drawString(MARGIN, 120, META["publisher"])
    c.drawString(MARGIN, 100, f"ISSN {META['issn']}")
    c.drawString(MARGIN, 84, f"ISBN {META['isbn']}")
    page.paragraphs += [META["series"], META["title"], META["subtitle"],
                        " og ".join(META["authors"]),
                        META["publisher"], f"ISSN {META['issn']}", f"ISBN {META['isbn']}"]


def colophon(w: Writer) -> None:
    lines = [
        ("p", f"Tittel: {META['title']}"),
        ("p", f"Forfattarar: {', '.join(META['authors'])}"),
        ("p", f"Serie: {META['series']}"),
        ("p", f"Oppdragsgiver: {META['client']}"),
        ("p", f"Utgitt av: {META['publisher']}, {META['year']}"),
        ("p", f"Nøkkelord: {', '.join(META['keywords'])}"),
    ]
    w.text_page(lines, numbered=False)


def contents(w: Writer, chapters: list[str]) -> None:
    page = w.new_page(numbered=False)
    w.c.setFont(BOLD, 14)
    w.c.drawString(MARGIN, H - 80, "Innhold")
    page.paragraphs.append("Innhold")
    w.c.setFont(FONT, SIZE)
    for n, title in enumerate(chapters, start=1):
        y = H - 110 - n * LEADING
        w.c.drawString(MARGIN, y, f"{n} {title}")
        w.c.drawRightString(W - MARGIN, y, str(2 + 3 * n))
        page.paragraphs.append(f"{n} {title} {2 + 3 * n}")


def build_report(path: Path, pages: int = 40, seed: int = 1, *, encrypt: str | None = None) -> dict:
    """Write one report of about `pages` pages; return its truth (pages, metadata, claims)."""
    w = Writer(path, encrypt=encrypt)
    sentences = body_sentences(seed)
    rng = random.Random(seed)

    def paragraphs(n: int) -> list[str]:
        out = []
        for _ in range(n):
            k = rng.randint(3, 5)
            if len(sentences) <= k:  # long reports go round the sentences again
                sentences.extend(body_sentences(rng.randint(0, 10**6)))
            out.append(" ".join(sentences.pop() for _ in range(k)))
        return out

    munis = ["Volda", "Rissa", "Nærøy", "Ørland", "Oppdal"]
    chapters = ["Innledning", "Metode", *munis, "Samanlikning", "Referanser"]
    title_page(w)
    colophon(w)
    contents(w, chapters)
    w.flow([("h", "Sammendrag"), *[("p", t) for t in SUMMARY]])
    w.flow([("h", "Summary"), *[("p", t) for t in ENGLISH]])
    w.flow([("h", "1 Innledning"), *[("p", t) for t in INTRO], *[("p", t) for t in paragraphs(4)]])
    w.flow([("h", "2 Metode"), *[("p", t) for t in paragraphs(3)]])
    w.table_page("Tabell 2.1 Svar og snitt for samordning", TABLE,
                 "Tabellen viser antall svar og gjennomsnittlig vurdering av samordningen.")
    claim_pages: list[tuple[str, str, str, int]] = []
    body_pages = max(1, (pages - 12) // len(munis))
    for n, muni in enumerate(munis, start=3):
        mine = [c for c in CLAIMS if c[0] == muni]
        blocks = [("h", f"{n} {muni}"), ("p", mine[0][3]), *[("p", t) for t in paragraphs(3)]]
        w.flow(blocks)
        claim_pages.append((muni, mine[0][1], mine[0][2], len(w.pages)))
        rest = [*(c[3] for c in mine[1:]), *paragraphs(6 * body_pages)]
        for _ in range(body_pages - 1):
            if rest:
                first = rest[0]
                rest = w.two_columns(rest) if n % 2 else w.text_page([("p", t) for t in rest])
                rest = [b[1] if isinstance(b, tuple) else b for b in rest]
                for c in mine[1:]:
                    if c[3] == first:
                        claim_pages.append((c[0], c[1], c[2], len(w.pages)))
        if rest and any(c[3] in rest for c in mine[1:]):
            w.flow([("p", t) for t in rest[:2]])
            for c in mine[1:]:
                if c[3] in rest[:2]:
                    claim_pages.append((c[0], c[1], c[2], len(w.pages)))
    w.image_page()
    w.flow([("h", "8 Samanlikning"), *[("p", t) for t in paragraphs(2)]])
    while len(w.pages) < pages - 1:  # fill up to the asked length, the references last
        w.flow([("p", t) for t in paragraphs(4)])
    w.flow([("h", "Referanser"), *[("p", t) for t in REFERENCES]])
    w.save()
    truth = {
        "meta": {**META, "pages": len(w.pages)},
        "pages": [{"page_index": i, "page_label": p.label, "text_layer": p.layer,
                   "paragraphs": p.paragraphs} for i, p in enumerate(w.pages)],
        "claims": [{"municipality": m, "theme": t, "polarity": pol, "page_index": pg - 1}
                   for m, t, pol, pg in claim_pages],
    }
    path.with_suffix(".truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    return truth


def build_all(outdir: Path, pages: int = 40) -> dict[str, Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    report = outdir / "rapport.pdf"
    build_report(report, pages)
    encrypted = outdir / "encrypted.pdf"
    build_report(encrypted, 6, seed=2, encrypt="hemmelig")
    broken = outdir / "broken.pdf"
    broken.write_bytes(report.read_bytes()[:2000])
    notpdf = outdir / "notes.pdf"
    notpdf.write_text("Dette er ikke en PDF, bare tekst med feil filending.\n", encoding="utf-8")
    return {"report": report, "encrypted": encrypted, "broken": broken, "notpdf": notpdf}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path, nargs="?")
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--demo", action="store_true", help="write the bundled demo report")
    args = ap.parse_args()
    if args.demo:
        demo = ROOT / "src" / "fritekst" / "data" / "demo" / "rapport_demo.pdf"
        build_report(demo, args.pages)
        demo.with_suffix(".truth.json").unlink()
        print(f"demo: {demo}")
        return
    if args.outdir is None:
        ap.error("give OUTDIR or --demo")
    for name, path in build_all(args.outdir, args.pages).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()

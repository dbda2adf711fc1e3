"""Read the words of a page that is only a picture of text (a scan) with Tesseract OCR.

Tesseract is an outside program (Debian and Ubuntu: `tesseract-ocr`, with Norwegian in
`tesseract-ocr-nor`), called once per page on the page rendered at its scan's resolution. Its
hOCR output gives every line's box and type size and every word's box and confidence. The
words of a line become `Segment`s in PDF points, cut where a wide gap parts them (table
cells, a second column), so that the page goes through the same layout analysis as a page with
a text layer: columns, lines, paragraphs, words broken at line ends.
"""

from __future__ import annotations

import io
import math
import os
import re
import shutil
import statistics
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import ToolError
from .layout import Segment

# a scan is read at its own resolution (rendered finer, its specks grow past what the median
# filter takes away), from MIN_DPI to DPI; a page larger than A4 (a slide, a poster, A3) with
# no more pixels than A4 at DPI: OCR's time grows with the pixels, and such pages are set in
# larger type
DPI = 300
MIN_DPI = 150
A4_AREA = 595 * 842  # square points
INSTALL = "apt install tesseract-ocr tesseract-ocr-nor"
# Tesseract's confidence in a word (0-100): under NOISE it is a guess at marks that are not
# letters (a photo, the lines of a map) and left out; under UNSURE it is counted as unsure
NOISE = 50
UNSURE = 80
# a gap wider than this many type sizes between two words of a line parts them into two runs
GAP = 2.5
# Tesseract's page analysis passes over a lone page number as a speck: where the top or bottom
# MARGIN of the page (a share of its height) holds no word, it is read again for a number alone
MARGIN = 0.1
_NUMBER = re.compile(r"(?:side|s\.|page)?\s*(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:av|of|/)\s*\d{1,4})?",
                     re.IGNORECASE)
_TITLE = re.compile(r"(\w+) ([^;]+)")


@dataclass
class OcrPage:
    """What OCR read on one page, in points from the lower left corner of the page as it is
    displayed (turned by its /Rotate)."""

    segments: list[Segment] = field(default_factory=list)
    width: float = 0.0
    height: float = 0.0
    words: int = 0  # words OCR read (those under the kept text runs not counted)
    unsure: int = 0  # of these, the words read with a confidence under UNSURE


def languages() -> str:
    """The Tesseract languages to read with ("nor+eng"). Raises ToolError, saying what to
    install, when Tesseract or its Norwegian language data is missing."""
    if shutil.which("tesseract") is None:
        raise ToolError(f"--ocr needs the program Tesseract, which is not installed; "
                        f"install it with: {INSTALL}")
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True,
                                text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ToolError(f"--ocr: Tesseract does not run ({exc}); reinstall it with: "
                        f"{INSTALL}") from None
    # the first line names the folder the languages are in
    have = set(listed.stdout.split("\n")[1:]) & {"nor", "eng"}
    if "nor" not in have:
        raise ToolError("--ocr needs Tesseract's Norwegian language data, which is not "
                        "installed; install it with: apt install tesseract-ocr-nor")
    return "+".join(sorted(have, reverse=True))


def read_page(page, langs: str, keep: list[Segment] | None = None) -> OcrPage:
    """OCR one pypdfium2 page. `keep` are the page's few text-layer runs (a page number over
    a scan): lines OCR reads where they stand are left out, the runs kept. On a turned page
    the runs are in the page's own space, not the displayed one, so OCR's reading replaces
    them."""
    from PIL import ImageFilter

    dpi = _resolution(page)
    scale = dpi / 72
    # a median filter takes away the specks of a worn scan, which otherwise make Tesseract
    # take the whole page for a picture (and read nothing); clean pages lose nothing by it
    image = page.render(scale=scale, grayscale=True).to_pil().filter(ImageFilter.MedianFilter(3))
    lines = list(_lines(_tesseract(image, langs, dpi, "3")))
    lines += _page_numbers(image, lines, langs, dpi)
    height = image.height / scale
    out = OcrPage(width=image.width / scale, height=height)
    keep = keep if keep and not page.get_rotation() else []
    for line in lines:
        for seg, words in line.runs(scale, height):
            if not _text(words) or any(_overlap(seg, k) > 0.5 for k in keep):
                continue
            out.segments.append(seg)
            out.words += len(words)
            out.unsure += sum(1 for w in words if w.conf < UNSURE)
    out.segments = [*keep, *out.segments]
    return out


def _resolution(page) -> int:
    """The dots per inch to render the page at: the scan's own (its image that covers most of
    the page), DPI where no image covers a quarter of it (text drawn as outlines)."""
    import pypdfium2.raw as pdfium_raw

    width, height = page.get_size()
    dpi, most = DPI, 0.25 * width * height
    for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        x0, y0, x1, y1 = obj.get_bounds()
        if (x1 - x0) * (y1 - y0) > most:
            most = (x1 - x0) * (y1 - y0)
            dpi = round(72 * max(obj.get_px_size()) / max(x1 - x0, y1 - y0))
    return max(MIN_DPI, min(DPI, dpi, round(DPI * math.sqrt(A4_AREA / (width * height)))))


def _page_numbers(image, lines: list[_Line], langs: str, dpi: int) -> list[_Line]:
    """Lone page numbers in the top and bottom margins where the page's reading found no
    word: those margins put one above the other, read as one block, and only numbers
    ("25", "iv", "Side 3") that Tesseract is sure of kept, in the page's pixels."""
    from PIL import Image

    band = int(image.height * MARGIN)
    tops = [w.box[1] for ln in lines for w in ln.words]
    bottoms = [w.box[3] for ln in lines for w in ln.words]
    empty = [y for y, free in ((0, not any(t < band for t in tops)),
                               (image.height - band, not any(b > image.height - band
                                                             for b in bottoms))) if free]
    if not empty:
        return []
    gap = band // 2
    strip = Image.new("L", (image.width, len(empty) * (band + gap)), 255)
    for k, y in enumerate(empty):
        strip.paste(image.crop((0, y, image.width, y + band)), (0, k * (band + gap)))
    found = []
    for line in _lines(_tesseract(strip, langs, dpi, "6")):
        words = line.words
        if (any(w.conf < UNSURE for w in words)
                or not _NUMBER.fullmatch(" ".join(w.text for w in words))):
            continue
        k = min(words[0].box[1] // (band + gap), len(empty) - 1)
        shift = empty[k] - k * (band + gap)
        found.append(_Line(line.size, [_Word((w.box[0], w.box[1] + shift, w.box[2],
                                              w.box[3] + shift), w.text, w.conf)
                                       for w in words]))
    return found


def _tesseract(image, langs: str, dpi: int, psm: str) -> str:
    """Tesseract's hOCR of a PIL image, in page segmentation mode `psm`."""
    # handed over uncompressed (PGM): compressing a photo to PNG takes longer than reading it
    pgm = io.BytesIO()
    image.save(pgm, format="PPM")
    # one thread per Tesseract: pages are read side by side in worker processes, and many
    # threads in each only slow them down
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", langs, "--dpi", str(dpi), "--psm", psm, "hocr"],
        input=pgm.getvalue(), capture_output=True, env=env, check=False)
    if done.returncode:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ToolError(f"Tesseract failed ({message[-1] if message else done.returncode}); "
                        f"check the installation: {INSTALL}")
    return done.stdout.decode("utf-8", "replace")


@dataclass
class _Word:
    box: tuple[int, int, int, int]  # pixels, from the top left
    text: str
    conf: float


@dataclass
class _Line:
    size: float  # Tesseract's estimate of the type size, in pixels
    words: list[_Word]

    def runs(self, scale: float, height: float) -> Iterator[tuple[Segment, list[_Word]]]:
        """The line's words as runs in points, parted at wide gaps, each with its words."""
        run: list[_Word] = []
        for word in self.words:
            if run and word.box[0] - run[-1].box[2] > GAP * self.size:
                yield self._segment(run, scale, height), run
                run = []
            run.append(word)
        if run:
            yield self._segment(run, scale, height), run

    def _segment(self, run: list[_Word], scale: float, height: float) -> Segment:
        x0 = min(w.box[0] for w in run) / scale
        x1 = max(w.box[2] for w in run) / scale
        top = min(w.box[1] for w in run) / scale
        bottom = max(w.box[3] for w in run) / scale
        return Segment(x0, height - bottom, x1, height - top, " ".join(w.text for w in run),
                       round(self.size / scale, 1))


def _text(words: list[_Word]) -> bool:
    """Is a run text: a word of two letters or more, or a figure (a page number, a cell)?"""
    return any(sum(c.isalpha() for c in w.text) >= 2 or any(c.isdigit() for c in w.text)
               for w in words)


def _title(element: ET.Element) -> dict[str, str]:
    return dict(_TITLE.findall(element.get("title", "")))


def _lines(hocr: str) -> Iterator[_Line]:
    """The lines of Tesseract's hOCR (text lines, headings, captions) with their words.

    Tesseract measures each line's type size apart, a point or so up or down; the lines of a
    paragraph it found get the paragraph's median size, so that the layout analysis does not
    take the difference for a change of type (a new paragraph)."""
    root = ET.fromstring(hocr)
    for par in root.iter():
        if par.get("class") != "ocr_par":
            continue
        lines = [_Line(float(_title(el)["x_size"]), _words(el)) for el in par
                 if "x_size" in _title(el)]
        lines = [ln for ln in lines if ln.words]
        if not lines:
            continue
        usual = statistics.median(ln.size for ln in lines)
        for line in lines:
            if abs(line.size - usual) <= 0.15 * usual:
                line.size = usual
            yield line


def _words(line: ET.Element) -> list[_Word]:
    words = []
    for span in line:
        if span.get("class") != "ocrx_word":
            continue
        # a rule or the edge of a box is often read as "|"
        text = "".join(span.itertext()).strip().strip("|")
        fields = _title(span)
        conf = float(fields.get("x_wconf", 0))
        if text and "bbox" in fields and conf >= NOISE:
            x0, y0, x1, y1 = (int(v) for v in fields["bbox"].split())
            words.append(_Word((x0, y0, x1, y1), text, conf))
    return words


def _overlap(a: Segment, b: Segment) -> float:
    """The share of the smaller box that the two boxes have in common."""
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    if w <= 0 or h <= 0:
        return 0.0
    least = min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0))
    return w * h / least if least > 0 else 0.0

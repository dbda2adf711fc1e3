"""How fast and how well OCR reads pages, measured against their own text layer.

Each page named is rendered to a picture (at DPI, grey, as a scanner would give it) and put
alone into an image-only PDF in a temporary folder; that file is extracted with OCR and the
words compared, in order, with the words the text layer of the original page gives (both go
through the same layout analysis). Prints the share of the text layer's words OCR found, and
seconds a page of wall time and of processor time (fritekst and Tesseract together, which
other work on the machine does not inflate). `--worn` makes the picture more like a real
scan: turned by 0.8 degrees, blurred and speckled.
Run: python scripts/bench_ocr.py FILE.pdf PAGE [PAGE ...] [--dpi 200] [--worn]
(pages count from 1)
"""

from __future__ import annotations

import argparse
import difflib
import io
import resource
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from fritekst.extract.pdf import extract_pdf


def image_only(source: Path, index: int, dpi: int, out: Path, worn: bool = False) -> Path:
    """Page `index` of `source` as a PDF whose page is only its picture."""
    from PIL import Image, ImageChops, ImageFilter

    page = pdfium.PdfDocument(str(source))[index]
    width, height = page.get_size()
    image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    if worn:
        image = image.rotate(0.8, fillcolor=255).filter(ImageFilter.GaussianBlur(0.8))
        speckles = Image.effect_noise(image.size, 40).point(lambda v: 255 if v > 45 else 0)
        image = ImageChops.darker(image, speckles)
    png = io.BytesIO()
    image.save(png, format="PNG")
    png.seek(0)
    c = canvas.Canvas(str(out), pagesize=(width, height))
    c.drawImage(ImageReader(png), 0, 0, width=width, height=height)
    c.showPage()
    c.save()
    return out


def words_found(truth: list[str], read: list[str]) -> int:
    """How many of the true words OCR read, in order (a longest matching alignment)."""
    matcher = difflib.SequenceMatcher(None, truth, read, autojunk=False)
    return sum(m.size for m in matcher.get_matching_blocks())


def cpu() -> float:
    """Processor seconds used so far by this process and the programs it ran."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("pages", type=int, nargs="+")
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--worn", action="store_true")
    args = parser.parse_args()
    text = extract_pdf(args.pdf, tables=False)
    total_words = total_found = 0
    seconds = cpu_seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for number in args.pages:
            scan = image_only(args.pdf, number - 1, args.dpi, Path(tmp) / f"p{number}.pdf",
                              args.worn)
            start, start_cpu = time.perf_counter(), cpu()
            page = extract_pdf(scan, tables=False, ocr=True).pages[0]
            took, took_cpu = time.perf_counter() - start, cpu() - start_cpu
            truth = text.pages[number - 1].text.split()
            found = words_found(truth, page.text.split())
            print(f"page {number}: {len(truth)} words in the text layer, {found} read by OCR "
                  f"({found / max(1, len(truth)):.1%}), {page.ocr_unsure} unsure, "
                  f"{took:.1f} s ({took_cpu:.1f} s processor)")
            total_words += len(truth)
            total_found += found
            seconds += took
            cpu_seconds += took_cpu
    print(f"all: {total_found}/{total_words} words ({total_found / max(1, total_words):.1%}), "
          f"{seconds / len(args.pages):.1f} s a page ({cpu_seconds / len(args.pages):.1f} s "
          f"processor) at {args.dpi} dpi")


if __name__ == "__main__":
    main()

"""Flat records of extracted pages or paragraphs, as `fritekst extract` writes them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from fritekst.extract.pdf import PdfText
from fritekst.outfiles import check_output_path, write_text

PAGE_SUFFIXES = (".jsonl",)


def page_records(docs: Iterable[PdfText], by_paragraph: bool = False) -> Iterator[dict]:
    """One dict per page (source, page_index, page_label, ocr, ocr_unsure, text, skipped), or
    per paragraph (with paragraph index and whether it is a table). `ocr` is true where the
    text was read from the page's image, `ocr_unsure` counts the words OCR was unsure of."""
    for doc in docs:
        for page in doc.pages:
            base = {"source": doc.source, "page_index": page.page_index,
                    "page_label": page.page_label, "ocr": page.ocr,
                    "ocr_unsure": page.ocr_unsure}
            if not by_paragraph or page.skipped:
                yield {**base, "text": page.text, "skipped": page.skipped}
                continue
            for n, block in enumerate(page.blocks):
                yield {**base, "paragraph": n, "text": block.text, "table": block.table,
                       "skipped": ""}


def pages_jsonl(docs: Iterable[PdfText], by_paragraph: bool = False) -> list[str]:
    """The records of :func:`page_records` as JSON lines."""
    return [json.dumps(r, ensure_ascii=False) for r in page_records(docs, by_paragraph)]


def check_pages_path(path: str | Path) -> Path:
    """Check an output path for page records (JSON lines) before the work starts."""
    return check_output_path(path, PAGE_SUFFIXES)


def write_pages(docs: Iterable[PdfText], path: str | Path, by_paragraph: bool = False) -> Path:
    """Write the page (or paragraph) records as a JSON lines file."""
    check_pages_path(path)
    lines = pages_jsonl(docs, by_paragraph)
    return write_text(path, "\n".join(lines) + ("\n" if lines else ""))

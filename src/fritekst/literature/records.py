"""Flat records of extracted pages or paragraphs, as `fritekst extract` writes them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..extract.pdf import PdfText


def page_records(docs: Iterable[PdfText], by_paragraph: bool = False) -> Iterator[dict]:
    """One dict per page (source, page_index, page_label, text, skipped), or per paragraph
    (with paragraph index and whether it is a table)."""
    for doc in docs:
        for page in doc.pages:
            base = {"source": doc.source, "page_index": page.page_index,
                    "page_label": page.page_label}
            if not by_paragraph or page.skipped:
                yield {**base, "text": page.text, "skipped": page.skipped}
                continue
            for n, block in enumerate(page.blocks):
                yield {**base, "paragraph": n, "text": block.text, "table": block.table,
                       "skipped": ""}

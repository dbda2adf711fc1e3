"""Many reports at once: expand files and folders, extract every PDF, keep the failures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fritekst.extract.files import pdf_files
from fritekst.extract.pdf import Failure, PdfText, extract_pdfs
from fritekst.extract.settings import LayoutSettings

Progress = Callable[[int, int], None]


@dataclass
class Reports:
    """Extracted reports, and the files that could not be read (one message each)."""

    docs: list[PdfText]
    failures: list[Failure]

    @property
    def pages(self) -> int:
        return sum(d.page_count for d in self.docs)

    @property
    def pages_without_text(self) -> int:
        return sum(1 for d in self.docs for p in d.pages if p.skipped)

    @property
    def pages_ocr(self) -> int:
        return sum(1 for d in self.docs for p in d.pages if p.ocr)


def extract_reports(inputs: list[str | Path], *, tables: bool = True,
                    progress: Progress | None = None, workers: int | None = None,
                    settings: LayoutSettings | dict | None = None, ocr: bool = False
                    ) -> Reports:
    """Page text of every PDF in the given files and folders (see
    :func:`fritekst.extract.pdf.extract_pdf`; ``settings`` tunes the layout analysis, ``ocr``
    reads pages that are images with Tesseract); unreadable files are listed, not raised."""
    docs, failures = extract_pdfs(pdf_files(inputs), tables=tables, progress=progress,
                                  workers=workers, settings=settings, ocr=ocr)
    return Reports(docs, failures)

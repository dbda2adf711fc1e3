"""Municipality reports: one document per municipality and one comparing them, built once
as a format-neutral document (:mod:`.model`, :mod:`.build`) and written as Word, HTML or
Markdown by one small writer each."""

from __future__ import annotations

from pathlib import Path

from fritekst.export.report.build import build_reports
from fritekst.export.report.docx_writer import write_docx
from fritekst.export.report.html_writer import write_html
from fritekst.export.report.md_writer import write_markdown
from fritekst.export.report.model import Document
from fritekst.outfiles import check_output_folder

WRITERS = {"docx": write_docx, "html": write_html, "md": write_markdown}

__all__ = ["WRITERS", "Document", "build_reports", "check_report_folder", "write_documents"]


def check_report_folder(folder: str | Path) -> Path:
    """The folder for the reports, made if missing (see :func:`check_output_folder`)."""
    return check_output_folder(folder, "the reports")


def write_documents(docs: list[Document], folder: str | Path, fmt: str = "docx"
                    ) -> list[Path]:
    """Write every document in ``folder`` in one format (``docx``, ``html`` or ``md``);
    returns the files written."""
    folder = Path(folder)
    written: list[Path] = []
    for doc in docs:
        written += WRITERS[fmt](doc, folder)
    return written

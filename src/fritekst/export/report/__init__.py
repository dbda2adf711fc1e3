"""Municipality reports: one document per municipality and one comparing them, built once
as a format-neutral document (:mod:`.model`, :mod:`.build`) and written as Word, HTML or
Markdown by one small writer each."""

from __future__ import annotations

import os
from pathlib import Path

from fritekst.errors import OutputError
from fritekst.export.report.build import build_reports
from fritekst.export.report.docx_writer import write_docx
from fritekst.export.report.html_writer import write_html
from fritekst.export.report.md_writer import write_markdown
from fritekst.export.report.model import Document

WRITERS = {"docx": write_docx, "html": write_html, "md": write_markdown}

__all__ = ["WRITERS", "Document", "build_reports", "check_report_folder", "write_documents"]


def check_report_folder(folder: str | Path) -> Path:
    """The folder for the reports, made if missing; refused before any work when it is a
    file or cannot be made or written to."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; give a folder for the reports (-o DIR).")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError(f"{folder}: folder {folder.parent} does not exist; create it "
                              "first.")
        try:
            folder.mkdir()
        except OSError as exc:
            raise OutputError(f"{folder}: cannot make the folder ({exc.strerror}).") from None
    if not os.access(folder, os.W_OK):
        raise OutputError(f"{folder}: cannot write in this folder (no permission); choose "
                          "one you can write to.")
    return folder


def write_documents(docs: list[Document], folder: str | Path, fmt: str = "docx"
                    ) -> list[Path]:
    """Write every document in ``folder`` in one format (``docx``, ``html`` or ``md``);
    returns the files written."""
    folder = Path(folder)
    written: list[Path] = []
    for doc in docs:
        written += WRITERS[fmt](doc, folder)
    return written

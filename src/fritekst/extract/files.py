"""Which PDF files a list of files and folders names: light on purpose, since a search in
the report index checks them without loading the PDF reader."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError


def pdf_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into the PDF files to read, in a stable order."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*")
                              if q.suffix.lower() == ".pdf" and q.is_file()))
        elif p.exists():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    if not out:
        raise InputError("no PDF files found in " + ", ".join(str(i) for i in inputs))
    # the same file named twice (a folder and a file in it) is read once
    unique: dict[Path, Path] = {}
    for p in out:
        unique.setdefault(p.resolve(), p)
    return list(unique.values())

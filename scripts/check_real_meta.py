"""The metadata of the real PDFs in ../shared/realdata/pdfs/ as fritekst reads it: title,
subtitle, authors or editors, publisher and place, year, ISBN/ISSN, series, entry type and the
citation, one report after the other, for comparing by eye with the rendered cover and colophon.

Run: python scripts/check_real_meta.py [FOLDER]   (default ../shared/realdata/pdfs)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fritekst.extract.files import pdf_files
from fritekst.extract.pdf import extract_pdf
from fritekst.literature.meta import read_meta

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    default = ROOT.parent / "shared" / "realdata" / "pdfs"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder (the real PDFs are not on this machine).")
    for path in pdf_files([folder]):
        m = read_meta(extract_pdf(path, tables=False))
        who = ("; ".join(m.authors) or
               ("; ".join(m.editors) + " (red.)" if m.editors else "–"))
        print(f"{path.name}\n"
              f"  title:     {m.title or '–'}\n"
              f"  subtitle:  {m.subtitle or '–'}\n"
              f"  authors:   {who}\n"
              f"  publisher: {m.publisher or '–'}{f' ({m.place})' if m.place else ''}\n"
              f"  year:      {m.year or '–'}\n"
              f"  ISBN/ISSN: {m.isbn or '–'} / {m.issn or '–'}\n"
              f"  series:    {m.series or '–'}\n"
              f"  type:      {m.kind}\n"
              f"  citation:  {m.citation}\n")


if __name__ == "__main__":
    main()

"""A report as Markdown, with its pictures as PNG files beside it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fritekst.export.markdown import markdown_table
from fritekst.export.report.model import Document, Figure, Heading, Paragraph, Table
from fritekst.outfiles import replacing, write_text


def document_markdown(doc: Document) -> str:
    """The text of the Markdown file; pictures are referred to as ``<name>.png``."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * (block.level + 1) + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            lead = f"**{block.lead}** " if block.lead else ""
            out += [("> " if block.quote else "") + lead + block.text, ""]
        elif isinstance(block, Table):
            if block.caption:
                out += [f"*{block.caption}*", ""]
            out += [markdown_table(pd.DataFrame(block.rows, columns=block.columns)), ""]
        elif isinstance(block, Figure):
            out += [f"![{block.caption}]({block.name}.png)", "", f"*{block.caption}*", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def write_markdown(doc: Document, folder: Path) -> list[Path]:
    """``<stem>.md`` and one PNG per figure, in ``folder``; returns the files written."""
    written = []
    for figure in doc.blocks:
        if isinstance(figure, Figure):
            path = folder / f"{figure.name}.png"
            with replacing(path) as tmp:
                tmp.write_bytes(figure.png)
            written.append(path)
    return [write_text(folder / f"{doc.stem}.md", document_markdown(doc)), *written]

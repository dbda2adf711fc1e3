"""A report as one self-contained HTML file: styles inline, charts as inline SVG, and a
content security policy that forbids the page to load anything from anywhere."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from fritekst.export.report.model import Document, Figure, Heading, Paragraph, Table
from fritekst.outfiles import write_text

# nothing may be fetched: no scripts, no fonts, no images from outside the file
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; color: #1a1a1a; margin: 0;
       background: #ffffff; line-height: 1.45; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 1rem; color: #0b3c5d; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; color: #0b3c5d;
     border-bottom: 2px solid #d8e2ea; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.4rem; }
p { margin: 0.5rem 0; max-width: 48rem; }
blockquote { margin: 0.4rem 0 0.4rem 1rem; padding-left: 0.8rem; border-left: 3px solid
             #c6d4df; color: #333333; }
.table { overflow-x: auto; margin: 0.8rem 0 1.2rem; }
table { border-collapse: collapse; font-size: 0.9rem; }
.caption { font-style: italic; margin: 0 0 0.3rem; }
th, td { border: 1px solid #c9d3dc; padding: 0.25rem 0.55rem; vertical-align: top; }
th { background: #eef3f7; text-align: left; }
td:first-child { min-width: 12rem; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1rem 0 1.6rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; font-size: 0.9rem; margin-top: 0.3rem; }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; }
               figure, table { break-inside: avoid; } }
"""


def document_html(doc: Document) -> str:
    """The whole page as text."""
    body = []
    figures = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            n = block.level + 1
            body.append(f"<h{n}>{escape(block.text)}</h{n}>")
        elif isinstance(block, Paragraph):
            lead = f"<strong>{escape(block.lead)}</strong> " if block.lead else ""
            text = f"<p>{lead}{escape(block.text)}</p>"
            body.append(f"<blockquote>{text}</blockquote>" if block.quote else text)
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, Figure):
            figures += 1
            svg = scope_ids(block.svg, f"f{figures}")
            svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(block.caption)}" ',
                              1)
            body.append(f"<figure>\n{svg}\n<figcaption>{escape(block.caption)}</figcaption>\n"
                        "</figure>")
    return (f'<!DOCTYPE html>\n<html lang="{doc.language}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(doc.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
            "<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _table(table: Table) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        cells = "".join(f'<td class="n">{escape(v)}</td>' if j in table.numeric
                        else f"<td>{escape(v)}</td>" for j, v in enumerate(row))
        rows.append(f"<tr>{cells}</tr>")
    caption = f'<p class="caption">{escape(table.caption)}</p>' if table.caption else ""
    return (f'<div class="table">{caption}<table><thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table></div>")


_ID = re.compile(r'\bid="([^"]+)"')


def scope_ids(svg: str, prefix: str) -> str:
    """Give every id of one SVG (and the references to it) a prefix, so that several SVGs
    in one page never share an id."""
    ids = set(_ID.findall(svg))
    if not ids:
        return svg

    def ref(match: re.Match) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    svg = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    return re.sub(r'(#)([A-Za-z_][\w.-]*)', ref, svg)


def write_html(doc: Document, folder: Path) -> list[Path]:
    return [write_text(folder / f"{doc.stem}.html", document_html(doc))]

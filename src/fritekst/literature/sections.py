"""Headings, sections and sentences of an extracted report.

A heading is a short block without a final full stop that is numbered ("3.2 Tildeling"), set
larger or bolder than the body text, or in capitals. Headings named like the summary, the English
summary, the table of contents or the reference list open a section of that kind; those kinds,
the title pages before the first heading, headings and tables are not claims and are not coded.
Sentences come from the NLP pipeline, each with the page it stands on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..extract.layout import join_broken
from ..extract.pdf import PdfText

KINDS = {
    "summary": ("sammendrag", "samandrag", "oppsummering", "hovedfunn", "hovudfunn",
                "sammenfatning", "samanfatning"),
    "english_summary": ("summary", "abstract", "english summary", "executive summary"),
    "references": ("referanser", "referansar", "litteratur", "litteraturliste", "kilder",
                   "kjelder", "referanseliste", "kildeliste", "bibliography", "references"),
    "toc": ("innhold", "innhald", "innholdsfortegnelse", "innhaldsliste", "innhaldsoversikt",
            "contents", "table of contents"),
    "preface": ("forord", "føreord"),
    "appendix": ("vedlegg", "appendix"),
}
# what is not coded, and the reason the output gives
NOT_CLAIMS = {
    "front": "title pages",
    "toc": "table of contents",
    "references": "reference list",
    "english_summary": "English summary (the coder reads Norwegian)",
    "heading": "heading",
    "caption": "caption of a table or figure",
    "table": "table",
}
CAPTION = re.compile(r"^(tabell|figur|table|figure|diagram|kart)\s*\d", re.IGNORECASE)
NUMBERED = re.compile(r"^(?:kapittel\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$", re.IGNORECASE)
TOC_LINE = re.compile(r"(?:\s|\.{2,}|…)\s*\d{1,3}$")


@dataclass
class Block:
    page_index: int
    page_label: str
    text: str
    section: str  # the heading the block stands under
    kind: str  # front, summary, english_summary, toc, references, preface, appendix, body,
    #            or heading / table for the block itself


def _kind_of(heading: str) -> str | None:
    words = NUMBERED.sub(r"\2", heading).strip(" :.").lower()
    for kind, names in KINDS.items():
        if words in names:
            return kind
    return None


def _is_heading(text: str, size: float, bold: bool, body_size: float) -> bool:
    words = text.split()
    if (sum(c.isalpha() for c in text) < 2 or len(words) > 14 or len(text) > 120
            or text.rstrip()[-1:] in ".,;"):
        return False
    if _kind_of(text):
        return True
    numbered = NUMBERED.match(text) and words[0][:1].isdigit() and len(words) >= 2
    if numbered and not TOC_LINE.search(text):
        return words[1][:1].isupper()
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return True
    return (body_size > 0 and size > body_size * 1.12) or (bold and len(words) <= 10)


def _body_size(doc: PdfText) -> float:
    sizes: Counter[float] = Counter()
    for page in doc.pages:
        for b in page.blocks:
            if not b.table:
                sizes[b.size] += len(b.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def sections(doc: PdfText) -> list[Block]:
    """Every block of the report with the section it belongs to."""
    body_size = _body_size(doc)
    out: list[Block] = []
    kind, section = "front", ""
    opened_by = 0.0  # size of the heading that opened a named section
    for page in doc.pages:
        page_blocks = [b for b in page.blocks if not b.table]
        toc_page = len(page_blocks) >= 5 and sum(
            1 for b in page_blocks if TOC_LINE.search(b.text)) >= 0.5 * len(page_blocks)
        for b in page.blocks:
            if b.table:
                out.append(Block(page.page_index, page.page_label, b.text, section, "table"))
                continue
            if CAPTION.match(b.text):
                out.append(Block(page.page_index, page.page_label, b.text, section, "caption"))
                continue
            if _is_heading(b.text, b.size, b.bold, body_size) and not toc_page:
                named = _kind_of(b.text)
                if named:
                    kind, opened_by = named, b.size
                elif NUMBERED.match(b.text) or (
                        kind not in ("summary", "english_summary", "front")
                        or (kind == "front" and page.page_index >= 1)
                        or (kind != "front" and b.size >= 0.95 * opened_by)):
                    # the title page ends at the first numbered or named heading, or at any
                    # heading after it; a named section ends at a heading as large as its own
                    # (a subheading does not)
                    kind = "body"
                section = b.text
                out.append(Block(page.page_index, page.page_label, b.text, section, "heading"))
                continue
            if kind == "english_summary" and not _english(b.text):
                kind = "body"  # Norwegian text again: the English summary has ended
            if kind == "front" and len(b.text.split()) >= 30 and b.text.rstrip()[-1:] == ".":
                kind = "body"  # running prose: the title pages are behind us
            _append(out, Block(page.page_index, page.page_label, b.text, section,
                               "toc" if toc_page else kind))
    return out


_ENGLISH = {"the", "and", "of", "in", "to", "is", "are", "for", "with", "that", "this", "on",
            "was", "were", "by", "as", "it", "be", "from", "have", "has"}


def _english(text: str) -> bool:
    words = re.findall(r"[a-zæøå]+", text.lower())
    return bool(words) and sum(w in _ENGLISH for w in words) >= 0.08 * len(words)


def _append(out: list[Block], block: Block) -> None:
    """Add a block, joining it to the one before when a sentence runs on across a column or
    page break (no full stop before, a small letter after); the page is where it began."""
    prev = out[-1] if out else None
    if (prev is not None and prev.kind == block.kind and block.kind not in NOT_CLAIMS
            and block.kind != "toc" and prev.text[-1:] not in ".!?:»\""
            and block.text[:1].islower()):
        prev.text = join_broken(prev.text, block.text)
        return
    out.append(block)


def sentences(doc: PdfText) -> list[tuple[Block, str]]:
    """(block, sentence) pairs in reading order; blocks that are not claims come whole."""
    from ..nlp.pipeline import make_pipeline

    blocks = sections(doc)
    prose = [b for b in blocks if b.kind not in NOT_CLAIMS]
    nlp = make_pipeline()
    split: dict[int, list[str]] = {}
    for b, parsed in zip(prose, nlp.pipe(b.text for b in prose), strict=True):
        split[id(b)] = [s.text.strip() for s in parsed.sents if s.text.strip()]
    out = []
    for b in blocks:
        for sent in split.get(id(b), [b.text]):
            out.append((b, sent))
    return out

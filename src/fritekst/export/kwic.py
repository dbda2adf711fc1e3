"""Search hits as keyword-in-context lines for the terminal (rich ``Text``, the match
highlighted when the terminal shows styles). Light on purpose: a search in the index prints
these without loading pandas."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from fritekst.literature.cite import page_ref


def search_lines(hits, styled: bool) -> list:
    """One line per hit (a DataFrame from a search, or its records): report, page, left
    context, match, right."""
    from rich.text import Text

    rows: Iterable[Mapping] = hits.to_dict("records") if hasattr(hits, "to_dict") else hits
    out = []
    for h in rows:
        ocr = " (OCR)" if h.get("ocr", False) else ""
        line = Text(f"{h['report']}, s. {page_ref(h)}{ocr}: ")
        line.append(h["left"])
        line.append(h["match"], style="bold reverse" if styled else "")
        line.append(h["right"])
        out.append(line)
    return out

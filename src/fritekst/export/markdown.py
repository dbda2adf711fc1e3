"""A Markdown report a researcher can paste: per municipality, then matrices and ratings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fritekst.outfiles import write_text
from fritekst.summarize import views
from fritekst.summarize.tables import POLARITY_LABELS, Summary


def write_summary(summary: Summary, path: Path) -> list[Path]:
    return [write_text(path, summary_markdown(summary))]


def summary_markdown(summary: Summary) -> str:
    """The summary as a Markdown report to paste: responses, ratings, matrices, and each
    municipality's strengths and challenges with quotes, then the run's metadata."""
    out = ["# Tematisk oppsummering av fritekstsvar", ""]
    out += ["## Svar per kommune", "", markdown_table(views.responses_view(summary)), ""]
    for item, table in views.ratings_view(summary).items():
        out += [f"## Vurdering: {views.item_label(item)}", "", f"*{item}*", "",
                "Snitt uten «Vet ikke»; fordeling i prosent av N.", "",
                markdown_table(views.as_text(table)), ""]
    for pol in summary.matrices:
        out += [f"## {POLARITY_LABELS[pol]}: tema × kommune", "",
                "Antall respondenter som nevner temaet (andel av dem som svarte).", "",
                markdown_table(views.matrix_view(summary, pol), index=True), ""]
    for muni in summary.responses["municipality"]:
        out += [f"## {muni}", ""]
        for pol in summary.matrices:
            n = views.answered_text(summary, muni, pol)
            table = views.municipality_themes(summary, muni, pol)
            out += [f"### {POLARITY_LABELS[pol]} ({n} svarte)", ""]
            out += [markdown_table(table) if len(table) else "Ingen tema kodet.", ""]
    if summary.by_role is not None:
        out += role_markdown(summary)
    out += ["---", ""] + [f"{line}  " for line in views.meta_lines(summary.meta)]
    return "\n".join(out) + "\n"


def role_markdown(summary: Summary) -> list[str]:
    """The breakdown by function: ratings, then tema × funksjon per municipality and in all."""
    out = ["## Per funksjon", "", views.ROLE_NOTE, ""]
    for item, table in views.role_ratings_view(summary).items():
        out += [f"### Vurdering per funksjon: {views.item_label(item)}", "", f"*{item}*", "",
                markdown_table(views.as_text(table)), ""]
    for place in views.role_places(summary):
        for pol in summary.matrices:
            table = views.role_themes_view(summary, place, pol)
            if len(table):
                out += [f"### {place} – {POLARITY_LABELS[pol].lower()} per funksjon", "",
                        "Antall respondenter som nevner temaet (andel av dem i funksjonen "
                        "som svarte; n = antall som svarte).", "", markdown_table(table), ""]
    return out


def markdown_table(df: pd.DataFrame, index: bool = False) -> str:
    """A pipe table; each cell's text on one line, with | escaped; gaps are empty."""
    if index:
        df = df.reset_index()
    cols = [str(c) for c in df.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines)


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    return str(v).replace("|", "\\|").replace("\n", " ")

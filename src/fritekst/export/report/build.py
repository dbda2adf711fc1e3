"""The reports as documents: one per municipality and one that compares them, from the
summary's own tables (and the network analysis, where there is one).

Nothing is counted here: tables are the summary's published views (small cells already
suppressed), and the sentences read their numbers from the same views (see
:mod:`fritekst.export.report.sentences`).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

import pandas as pd

from fritekst.errors import InputError
from fritekst.export.network import comparison_views, figures_view, political_views
from fritekst.export.network_plot import cluster_colours, draw_network
from fritekst.export.report import sentences as say
from fritekst.export.report.charts import Bar, rating_chart
from fritekst.export.report.model import Document, Figure, Heading, Paragraph, Table
from fritekst.export.report.text import MONTHS, Words
from fritekst.summarize import views
from fritekst.summarize.network import (
    THRESHOLD_TEXT,
    THRESHOLD_TEXT_NN,
    NetworkAnalysis,
    NetworkFigures,
    count_word,
    joined,
    sentences,
)
from fritekst.summarize.tables import TOTAL, Summary

NETWORK_SENTENCES = (("nodes", "ties", "density", "components", "isolates"),
                     ("communities", "brokers", "diameter"))
COMPARISON_STEM = "rapport_sammenligning"
ROLE_THEMES = 5  # the tables by function show the themes most named, this many


def build_reports(summary: Summary, analysis: NetworkAnalysis | None = None, *,
                  nynorsk: bool = False) -> list[Document]:
    """One document per municipality (``rapport_<kommune>``) and one comparing them
    (``rapport_sammenligning``; only with more than one municipality)."""
    words = Words(nynorsk)
    places = summary.responses["municipality"].tolist()
    networks = match_networks(places, analysis)
    pictures = network_pictures(analysis, words) if analysis is not None else {}
    docs = [municipality_report(summary, place, words, analysis, networks.get(place, []),
                                pictures) for place in places]
    if len(places) > 1:
        docs.append(comparison_report(summary, words, analysis, networks, pictures))
    notes = [*summary.meta.get("notes", []), *(analysis.notes if analysis else [])]
    for doc in docs:
        doc.notes = notes
    return docs


def match_networks(places: list[str], analysis: NetworkAnalysis | None
                   ) -> dict[str, list[NetworkFigures]]:
    """The networks of each municipality of the survey, matched by name (case ignored); a
    network of a municipality the survey does not have is an error, not left out."""
    if analysis is None:
        return {}
    by_name = {p.casefold(): p for p in places}
    out: dict[str, list[NetworkFigures]] = {}
    for f in analysis.networks:
        place = by_name.get(f.municipality.casefold())
        if place is None:
            raise InputError(
                f"network of '{f.municipality}': no such municipality in the survey (it has "
                f"{', '.join(places)}); name the network file after one of them or give it a "
                "Kommune column.")
        out.setdefault(place, []).append(f)
    return out


# ---- one municipality ---------------------------------------------------------------------
def municipality_report(summary: Summary, place: str, words: Words,
                        analysis: NetworkAnalysis | None, networks: list[NetworkFigures],
                        pictures: dict[tuple[str, str], Figure]) -> Document:
    doc = Document(f"rapport_{slug(place)}", words("title", place=place), words.language)
    intro = [words("intro", place=place)]
    if summary.by_role is not None:
        intro.append(words("intro_roles"))
    if networks:
        intro.append(words("intro_network"))
    doc.add(Heading(doc.title, 0), Paragraph(" ".join(intro)))
    doc.add(Heading(words("responses"), 1))
    responses = views.responses_view(summary)
    doc.add(frame_table(responses[responses["Kommune"] == place], words, keys=1))
    doc.add(Paragraph(" ".join(say.answered_sentences(summary, place, words))))
    for pol in summary.matrices:
        _theme_section(doc, summary, place, pol, words)
    if not summary.ratings.empty:
        _rating_section(doc, summary, place, words)
    if summary.by_role is not None:
        _role_section(doc, summary, place, words)
    if analysis is not None and networks:
        doc.add(Heading(words("network"), 1))
        for f in networks:
            _network_part(doc, f, words, pictures,
                          words("network_intro", how=_how(words, f.threshold)))
        for view in political_views(analysis):
            if view.title.split(":")[0] == networks[0].municipality:
                doc.add(Heading(words("political"), 2), Paragraph(words("political_note")),
                        frame_table(view.table.reset_index(), words, keys=1))
    _methods(doc, summary, words)
    return doc


def _theme_section(doc: Document, summary: Summary, place: str, pol: str, words: Words
                   ) -> None:
    doc.add(Heading(words(pol), 1))
    table = views.municipality_themes(summary, place, pol).drop(columns="Sitater")
    if not len(table):
        doc.add(Paragraph(words("no_themes")))
        return
    for sentence in say.theme_sentences(summary, place, pol, words):
        doc.add(Paragraph(sentence))
    doc.add(frame_table(table, words, keys=1, caption=words("themes_note")))
    t = summary.shown_themes()
    quoted = t[(t["municipality"] == place) & (t["polarity"] == pol)
               & (t["rank"] <= say.TOP_THEMES) & t["quotes"].map(bool)]
    if len(quoted):
        doc.add(Heading(f"{words(pol)}: {words('quotes').lower()}", 2))
        for r in quoted.itertuples(index=False):
            doc.add(Paragraph(" ".join(f"«{q}»" for q in r.quotes), lead=f"{r.label}:",
                              quote=True))


def _rating_section(doc: Document, summary: Summary, place: str, words: Words) -> None:
    doc.add(Heading(words("ratings"), 1))
    doc.add(Paragraph(words("rating_note", top=summary.ratings_scale())))
    for sentence in say.rating_sentences(summary, place, words):
        doc.add(Paragraph(sentence))
    shown = summary.shown_ratings()
    bars = []
    for item, table in views.ratings_view(summary).items():
        rows = table[table["Kommune"].isin([place, TOTAL])]
        doc.add(frame_table(rows, words, keys=1, caption=views.item_label(item)))
        row = shown[(shown["item"] == item) & (shown["municipality"] == place)].iloc[0]
        bars.append(Bar(views.item_label(item), row["distribution"], row["n"]))
    scale = summary.ratings_scale()
    doc.add(Figure(f"{doc.stem}_vurderinger", words("chart_place", place=place),
                   lambda: rating_chart(bars, scale, words)))


def _role_section(doc: Document, summary: Summary, place: str, words: Words) -> None:
    assert summary.by_role is not None
    doc.add(Heading(words("roles"), 1), Paragraph(words("roles_note")))
    for pol in summary.matrices:
        table = views.role_themes_view(summary, place, pol)
        if not len(table):
            continue
        doc.add(Heading(words("roles_themes", what=words(pol)), 2))
        for sentence in say.role_sentences(summary, place, pol, words):
            doc.add(Paragraph(sentence))
        # the themes most named there, one column each, and a row per function: a table
        # that fits a page (the whole table is summarize --by role's)
        top = table.head(ROLE_THEMES).set_index("Tema").T.rename_axis("Funksjon")
        doc.add(frame_table(top.reset_index(), words, keys=1,
                            caption=words("roles_top", k=count_word(len(top.columns)))))
    ratings = views.role_ratings_view(summary)
    if ratings:
        doc.add(Heading(words("roles_ratings"), 2))
    for item, table in ratings.items():
        rows = table[table["Kommune"] == place].drop(columns="Kommune")
        doc.add(frame_table(rows, words, keys=1, caption=views.item_label(item)))


def _how(words: Words, threshold: str) -> str:
    """"minst ukentlig" / "minst kvar veke"."""
    return (THRESHOLD_TEXT_NN if words.nynorsk else THRESHOLD_TEXT)[threshold]


def _network_part(doc: Document, f: NetworkFigures, words: Words,
                  pictures: dict[tuple[str, str], Figure], title: str) -> None:
    """One network's sentences, figures and picture under a heading of level 2."""
    doc.add(Heading(title, 2))
    said = sentences(f, nynorsk=True) if words.nynorsk else f.sentences
    for keys in NETWORK_SENTENCES:
        doc.add(Paragraph(" ".join(said[k] for k in keys)))
    table = figures_view(f, nynorsk=words.nynorsk).table.drop(columns="Hva det viser")
    doc.add(frame_table(table, words, keys=2))
    doc.add(pictures[f.municipality, f.threshold])


def network_pictures(analysis: NetworkAnalysis, words: Words
                     ) -> dict[tuple[str, str], Figure]:
    """Each network's picture (as ``fritekst network -o`` draws it), once for all reports."""
    colours = cluster_colours(analysis)
    out = {}
    for f in analysis.networks:
        key = f.municipality, f.threshold
        out[key] = Figure(f"nettverk_{slug(f.municipality)}_{slug(f.threshold)}",
                          words("network_picture", place=f.municipality,
                                how=_how(words, f.threshold)),
                          partial(draw_network, analysis.graphs[key], f, analysis.names,
                                  colours[key]), dpi=130)
    return out


# ---- the comparison -----------------------------------------------------------------------
def comparison_report(summary: Summary, words: Words, analysis: NetworkAnalysis | None,
                      networks: dict[str, list[NetworkFigures]],
                      pictures: dict[tuple[str, str], Figure]) -> Document:
    places = summary.responses["municipality"].tolist()
    doc = Document(COMPARISON_STEM, words("title_all", n=len(places)), words.language)
    doc.add(Heading(doc.title, 0),
            Paragraph(words("intro_all", places=joined(places))))
    doc.add(Heading(words("responses"), 1))
    doc.add(frame_table(views.responses_view(summary), words, keys=1))
    counts = summary.shown_responses()
    known = counts[counts["respondents"].map(say.is_count)]
    if len(known) == len(counts):
        low = known.loc[known["respondents"].astype(int).idxmin()]
        high = known.loc[known["respondents"].astype(int).idxmax()]
        doc.add(Paragraph(words("responded_all", n=int(summary.responses["respondents"].sum()),
                                low=low["respondents"], low_place=low["municipality"],
                                high=high["respondents"], high_place=high["municipality"])))
    for pol in summary.matrices:
        doc.add(Heading(words("matrix", what=words(pol)), 1))
        for sentence in say.comparison_sentences(summary, pol, words):
            doc.add(Paragraph(sentence))
        matrix = views.matrix_view(summary, pol)
        named = summary.matrices[pol].sum(axis=1) > 0  # themes nobody named are left out
        doc.add(frame_table(matrix[named].reset_index(), words, keys=1,
                            caption=words("matrix_note")))
    if not summary.ratings.empty:
        doc.add(Heading(words("ratings"), 1))
        doc.add(Paragraph(words("rating_note", top=summary.ratings_scale())))
        shown = summary.shown_ratings()
        for i, (item, table) in enumerate(views.ratings_view(summary).items(), start=1):
            label = views.item_label(item)
            doc.add(Heading(label, 2), Paragraph(item, quote=True))
            for sentence in say.rating_comparison(summary, item, words):
                doc.add(Paragraph(sentence))
            doc.add(frame_table(table, words, keys=1))
            rows = shown[shown["item"] == item]
            bars = [Bar(r.municipality, r.distribution, r.n)
                    for r in rows.itertuples(index=False)]
            doc.add(Figure(f"{doc.stem}_vurdering_{i}", words("chart", item=label),
                           partial(rating_chart, bars, summary.ratings_scale(), words)))
    if summary.by_role is not None and TOTAL in views.role_places(summary):
        _role_section(doc, summary, TOTAL, words)
    if analysis is not None and networks:
        doc.add(Heading(words("networks"), 1))
        for view in comparison_views(analysis):
            doc.add(Paragraph(view.title + "."), frame_table(view.table, words, keys=1))
        for threshold in dict.fromkeys(f.threshold for f in analysis.networks):
            nets = [f for f in analysis.networks if f.threshold == threshold]
            if len(nets) >= 2:
                high = max(nets, key=lambda f: f.density)
                low = min(nets, key=lambda f: f.density)
                doc.add(Paragraph(words("density_range", high=high.municipality,
                                        high_value=say.comma(high.density),
                                        low=low.municipality,
                                        low_value=say.comma(low.density))))
        for place in places:
            for f in networks.get(place, []):
                _network_part(doc, f, words, pictures,
                              f"{place}: kontakt {_how(words, f.threshold)}")
    _methods(doc, summary, words)
    return doc


def slug(text: str) -> str:
    """A file name part: "Nærøysund" → "naeroysund", "Indre Fosen" → "indre_fosen"."""
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": "_", "/": "_"})
    return "".join(c for c in text.casefold().translate(table) if c.isalnum() or c in "_-")


# ---- tables and the methods paragraph -----------------------------------------------------
def frame_table(df: pd.DataFrame, words: Words, *, keys: int = 1, caption: str = "") -> Table:
    """A view as a table of text: decimal commas (means with two decimals, percents with
    one), gaps as "–", headings in the report's written standard; the columns after the
    first ``keys`` set as numbers."""
    columns = [str(c) for c in df.columns]
    rows = []
    for values in df.itertuples(index=False):
        rows.append([_cell(v, c) for v, c in zip(values, columns, strict=True)])
    return Table([words.column(c) for c in columns], rows, caption,
                 frozenset(range(keys, len(columns))))


def _cell(value, column: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if isinstance(value, float):
        return say.comma(value, 2 if column == "Snitt" else 1)
    return str(value)


def _methods(doc: Document, summary: Summary, words: Words) -> None:
    meta = summary.meta
    coder = meta.get("coder") or {}
    codebook = meta.get("codebook") or {}
    doc.add(Heading(words("methods"), 1), Paragraph(words("method_counts")))
    coding = words("method_coding", version=meta.get("fritekst"), coder=coder.get("name"),
                   coder_version=coder.get("version"), codebook=codebook.get("name"),
                   codebook_version=codebook.get("version"),
                   sha=f"sha256 {codebook.get('sha256')}")
    extra = []
    if meta.get("redacted"):
        extra.append(words("method_redacted"))
    if summary.min_cell:
        extra.append(words("method_min_cell", n=summary.min_cell))
    files = ", ".join(Path(p).name for p in meta.get("inputs", []))
    extra.append(words("method_date", date=long_date(meta.get("created")), files=files))
    doc.add(Paragraph(" ".join([coding, *extra])))


def long_date(stamp: str | None) -> str:
    """"7. desember 2026" from an ISO time stamp (today's date if there is none)."""
    when = datetime.fromisoformat(stamp) if stamp else datetime.now()
    return f"{when.day}. {MONTHS[when.month - 1]} {when.year}"

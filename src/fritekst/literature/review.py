"""Literature review over a folder of reports: coded sentences, matrices with page citations.

`review_files` extracts every PDF (in parallel processes), reads its metadata, splits it into
sections and sentences, codes the sentences that are claims with the learned coder (themes,
polarity styrke/utfordring/nøytral and relevance read from the sentence) and finds the
municipalities each speaks about. Every page and every sentence is accounted for: coded,
uncoded (with "utenfor feltet" where the sentence is not about housing-social work), or not
coded with the reason (title pages, table of contents, reference list, English summary,
heading, table, page without text layer). A report that is hardly about the field is flagged
and left out of the matrices unless all documents are asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..coding import make_coder
from ..coding.base import Coder, CoderInfo, ContextCoder, run_meta
from ..coding.pool import pool_size, run_tasks
from ..extract.files import pdf_files
from ..extract.pdf import Failure, PdfText, extract_pdfs
from ..extract.settings import LayoutSettings
from ..nlp.places import counties, find_places, settle
from .cite import page_ref, told_apart
from .meta import ReportMeta, read_meta
from .sections import NOT_CLAIMS, sentences

SENTENCE_COLUMNS = ["source", "report", "page_index", "page_label", "section", "kind", "text",
                    "themes", "polarity", "confidence", "relevance", "municipalities",
                    "municipality_evidence", "status", "reason", "ocr"]
# blocks whose names are not what the report speaks about (authors and titles cited)
NO_PLACES = {"references", "toc"}
# a report with fewer of its sentences about housing-social work than this is left out of the
# matrices (unless all documents are asked for)
MIN_RELEVANT = 0.10
OFF_TOPIC = "utenfor feltet"  # the reason given to a claim the relevance gate left uncoded
POLARITY_ORDER = ("styrke", "utfordring", "nøytral")
# a sentence's surroundings: its page and this many pages on either side
CONTEXT_PAGES = 2
# pages under which reports are coded in this process rather than on worker processes
# (scripts/bench_workers.py --reports: a page takes 10-30 ms to code, and the pool costs
# about 0.3 s of CPU; two 40-page reports code 1.4x faster on two workers)
MIN_POOLED_PAGES = 60


@dataclass
class Review:
    sentences: pd.DataFrame  # one row per sentence (or non-claim block), SENTENCE_COLUMNS
    reports: pd.DataFrame  # metadata, one row per report
    skipped_pages: pd.DataFrame  # source, page_index, page_label, reason
    failures: list[Failure]
    meta: dict
    labels: dict[str, str] = field(default_factory=dict)

    def cite(self, row) -> str:
        return f"{row['report']}, s. {page_ref(row)}"

    def in_matrices(self) -> list[str]:
        """The reports the matrices count (citations): those about the field, or all when
        all documents were asked for."""
        if "in_matrices" not in self.reports.columns:
            return list(self.reports["citation"])
        return list(self.reports.loc[self.reports["in_matrices"].astype(bool), "citation"])

    def theme_report(self) -> pd.DataFrame:
        """Theme × report: how many sentences state the theme as a strength, as a challenge
        and without judging (neutral), and on which pages ("2 styrke, 1 nøytral (s. 4, 9)")."""
        coded = self._coded()
        reports = self.in_matrices()
        rows = []
        for theme, label in self.labels.items():
            row = {"Tema": label}
            for rep in reports:
                hits = coded[(coded["theme"] == theme) & (coded["report"] == rep)]
                row[rep] = (f"{polarity_counts(hits['polarity'])} (s. "
                            f"{', '.join(_pages(hits))})" if len(hits) else "")
            rows.append(row)
        return pd.DataFrame(rows, columns=["Tema", *reports])

    def municipality_theme(self) -> pd.DataFrame:
        """Municipality × theme; each cell lists the citations, such as
        "Yttredal m.fl. 2015, s. 25 (utfordring)"."""
        coded = self._coded()
        coded = coded[coded["municipalities"] != ""]
        long = coded.assign(municipality=coded["municipalities"].str.split("; ")).explode(
            "municipality")
        out: dict[str, dict[str, str]] = {}
        for (muni, theme), group in long.groupby(["municipality", "theme"], sort=True):
            cites = []
            for rep, g in group.groupby("report", sort=False):
                pages = ", ".join(dict.fromkeys(
                    f"{page_ref(r)} ({r['polarity']})" if r["polarity"] else page_ref(r)
                    for _, r in g.iterrows()))
                cites.append(f"{rep}, s. {pages}")
            out.setdefault(muni, {})[self.labels.get(theme, theme)] = "; ".join(cites)
        frame = pd.DataFrame.from_dict(out, orient="index")
        cols = [lab for lab in self.labels.values() if lab in frame.columns]
        frame = frame.reindex(columns=cols).fillna("")
        frame.index.name = "Kommune"
        return frame.reset_index()

    def _coded(self) -> pd.DataFrame:
        s = self.sentences[(self.sentences["status"] == "coded") &
                           self.sentences["report"].isin(self.in_matrices())]
        return s.assign(theme=s["themes"].str.split(";")).explode("theme")


def polarity_counts(polarities: pd.Series) -> str:
    """"2 styrke, 1 utfordring, 3 nøytral" (zero counts left out; a sentence whose polarity
    was not read counts as "uten polaritet")."""
    counts = polarities.fillna("").value_counts()
    parts = [f"{counts[p]} {p}" for p in POLARITY_ORDER if counts.get(p, 0)]
    if counts.get("", 0):
        parts.append(f"{counts['']} uten polaritet")
    return ", ".join(parts)


def relevant_share(sentences: pd.DataFrame) -> float | None:
    """The share of a report's claims (coded or uncoded sentences) that the coder judged to
    be about housing-social work; None when the coder does not judge it."""
    claims = sentences[sentences["status"].isin(["coded", "uncoded"])]
    rel = claims["relevance"].dropna()
    if claims.empty or len(rel) < len(claims):
        return None
    return float((rel >= 0.5).mean())


def _pages(rows: pd.DataFrame) -> list[str]:
    return list(dict.fromkeys(page_ref(r) for _, r in rows.iterrows()))


def code_report(doc: PdfText, meta: ReportMeta, coder: Coder) -> pd.DataFrame:
    """One row per sentence of a report, coded where it is a claim."""
    pairs = sentences(doc)
    ocr_pages = {p.page_index for p in doc.pages if p.ocr}
    found = [[] if block.kind in NO_PLACES else find_places(text) for block, text in pairs]
    named = counties([p for places in found for p in places])
    rows = []
    for (block, text), in_text in zip(pairs, found, strict=True):
        reason = NOT_CLAIMS.get(block.kind, "")
        places: dict[str, str] = {}  # each municipality once, with its first mention
        for place in in_text:
            places.setdefault(settle(place, named).label, place.evidence)
        rows.append({
            "source": doc.source, "report": meta.citation, "page_index": block.page_index,
            "page_label": block.page_label, "section": block.section, "kind": block.kind,
            "text": text, "themes": "", "polarity": "", "confidence": pd.NA, "relevance": pd.NA,
            "municipalities": "; ".join(places),
            "municipality_evidence": "; ".join(f"{k}: «{v}»" for k, v in places.items()),
            "status": "not_coded" if reason else "", "reason": reason,
            "ocr": block.page_index in ocr_pages,
        })
    frame = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    todo = frame.index[frame["status"] == ""]
    if len(todo):
        texts = frame.loc[todo, "text"].tolist()
        codings = coder.code(texts, [None] * len(todo), ["sentence"] * len(todo))
        rel = [c.relevance for c in codings]
        if isinstance(coder, ContextCoder) and rel and None not in rel:
            # a sentence is read in its surroundings: among pages about something else, words
            # that sound like the field are less likely to be about it (and the other way
            # round), so each is read again with the share of relevant sentences on its page
            # and the pages next to it
            pages = frame.loc[todo, "page_index"].to_numpy()
            rel_arr = np.array(rel, dtype=float)
            priors = {p: coder.document_prior(rel_arr[np.abs(pages - p) <= CONTEXT_PAGES])
                      for p in np.unique(pages)}
            codings = coder.code_in_context(texts, [None] * len(todo),
                                            ["sentence"] * len(todo),
                                            relevance_prior=[priors[p] for p in pages])
        frame.loc[todo, "themes"] = [";".join(c.themes) for c in codings]
        frame.loc[todo, "polarity"] = [c.polarity or "" if c.themes else "" for c in codings]
        frame.loc[todo, "confidence"] = [round(c.confidence, 3) for c in codings]
        frame.loc[todo, "relevance"] = [pd.NA if c.relevance is None else c.relevance
                                        for c in codings]
        frame.loc[todo, "status"] = ["coded" if c.themes else "uncoded" for c in codings]
        frame.loc[todo, "reason"] = [OFF_TOPIC if not c.themes and c.relevance is not None
                                     and c.relevance < 0.5 else "" for c in codings]
    frame["confidence"] = frame["confidence"].astype("Float64")
    frame["relevance"] = frame["relevance"].astype("Float64")
    return frame


@dataclass
class ReportPart:
    """One report as read and coded: what an index keeps per file, and what a review is
    assembled from."""

    source: str
    meta: dict  # ReportMeta.as_dict() and its "citation" (before "a"/"b" suffixes)
    sentences: pd.DataFrame  # SENTENCE_COLUMNS
    skipped: list[dict]  # source, page_index, page_label, reason
    pages: int
    ocr_pages: int = 0  # pages whose text OCR read


def review_document(doc: PdfText, coder: Coder) -> ReportPart:
    """Metadata, coded sentences and skipped pages of one extracted report."""
    meta = read_meta(doc)
    return ReportPart(doc.source, {**meta.as_dict(), "citation": meta.citation},
                      code_report(doc, meta, coder),
                      [{"source": doc.source, "page_index": p.page_index,
                        "page_label": p.page_label, "reason": p.skipped}
                       for p in doc.pages if p.skipped],
                      doc.page_count, sum(1 for p in doc.pages if p.ocr))


def _review(coder: Coder, doc: PdfText) -> ReportPart:
    return review_document(doc, coder)


def review_documents(docs: list[PdfText], coder: Coder, *, workers: int | None = None,
                     done: Callable[[int], None] | None = None) -> list[ReportPart]:
    """:func:`review_document` for every report, in order: each on one of ``workers``
    processes (the machine's cores when None) when there are reports of at least
    :data:`MIN_POOLED_PAGES` pages between them, else here; ``done(i)`` is told as report
    ``i`` is coded. The result is the same for any number of workers."""
    pages = sum(doc.page_count for doc in docs)
    size = pool_size(workers, len(docs))
    size = size if pages >= MIN_POOLED_PAGES else 1
    return run_tasks(coder, _review, docs, workers=size, done=done)


def read_and_review(files: list[Path], coder: Coder, *, workers: int | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    settings: LayoutSettings | dict | None = None, ocr: bool = False
                    ) -> tuple[list[PdfText], list[ReportPart], list[Failure]]:
    """Extract the files and code each report (see :func:`review_documents`): the reports
    read, their parts, in the same order, and the files that could not be read. One progress
    bar: reading is its first half, coding the second, counted in the reader's units (files,
    or pages when OCR counts pages), so that the count never goes back."""
    read_total = 0

    def half(done: int, total: int) -> None:
        nonlocal read_total
        read_total = total
        if progress:
            progress(done, 2 * total)

    docs, failures = extract_pdfs(files, workers=workers, progress=half if progress else None,
                                  settings=settings, ocr=ocr)
    total = read_total or len(docs)
    coded = 0

    def tick(_: int) -> None:
        nonlocal coded
        coded += 1
        if progress:
            progress(total + round(total * coded / len(docs)), 2 * total)

    return docs, review_documents(docs, coder, workers=workers, done=tick), failures


def review_files(
    inputs: Iterable[str | Path],
    coder: Coder | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
    settings: LayoutSettings | dict | None = None,
    ocr: bool = False,
    all_documents: bool = False,
    min_relevant: float = MIN_RELEVANT,
) -> Review:
    """Extract, code and cite every PDF under the given files and folders; ``settings``
    tunes the page layout analysis (see :class:`~fritekst.extract.settings.LayoutSettings`);
    with ``ocr`` pages that are images of text are read by Tesseract, and their sentences
    marked ``ocr``. ``workers`` processes (the machine's cores when None) read the files and
    code the reports (see :func:`review_documents`); ``progress`` counts the files read,
    then the reports coded.

    Each report's share of sentences about housing-social work is measured (with a coder
    that judges relevance); a report under ``min_relevant`` is flagged and left out of the
    matrices unless ``all_documents``. Its sentences stay in the sentence table."""
    files = pdf_files(inputs)
    coder = coder or make_coder()
    _docs, parts, failures = read_and_review(files, coder, workers=workers, progress=progress,
                                             settings=settings, ocr=ocr)
    return assemble(parts, failures, coder, [str(f) for f in files],
                    all_documents=all_documents, min_relevant=min_relevant)


def assemble(parts: list[ReportPart], failures: list[Failure], coder: Coder | CoderInfo,
             files: list[str], *, all_documents: bool = False,
             min_relevant: float = MIN_RELEVANT) -> Review:
    """A review of the reports read: citations told apart ("Yttredal 2015a", "… 2015b"),
    each report's relevant share and place in the matrices, and the run's counts."""
    info = CoderInfo.of(coder)
    frames = [p.sentences.copy() for p in parts]
    skipped = [row for p in parts for row in p.skipped]
    columns = [*ReportMeta("").as_dict(), "citation", "relevant_share", "in_matrices"]
    shares = [relevant_share(f) for f in frames]
    reports = pd.DataFrame([{**p.meta, "relevant_share": sh,
                             "in_matrices": all_documents or sh is None or sh >= min_relevant}
                            for p, sh in zip(parts, shares, strict=True)], columns=columns)
    if len(reports):
        reports["citation"] = told_apart(reports["citation"].tolist())
        for frame, cite in zip(frames, reports["citation"], strict=True):
            frame["report"] = cite
    sents = (pd.concat(frames, ignore_index=True) if frames
             else pd.DataFrame(columns=SENTENCE_COLUMNS))
    status = sents["status"].value_counts()
    run = run_meta(
        info, files,
        counts={
            "files": len(files), "reports": len(parts), "failed_files": len(failures),
            "pages": int(sum(p.pages for p in parts)), "pages_skipped": len(skipped),
            "pages_ocr": sum(p.ocr_pages for p in parts),
            "sentences": len(sents), "coded": int(status.get("coded", 0)),
            "uncoded": int(status.get("uncoded", 0)),
            "not_coded": int(status.get("not_coded", 0)),
        },
        failures=[f"{f.message}" for f in failures],
        left_out=[] if all_documents else [
            {"report": r["citation"], "source": p.source,
             "relevant_share": round(r["relevant_share"], 3)}
            for (_, r), p in zip(reports.iterrows(), parts, strict=True)
            if not r["in_matrices"]],
        min_relevant=min_relevant,
    )
    return Review(sents, reports, pd.DataFrame(skipped, columns=["source", "page_index",
                                                                 "page_label", "reason"]),
                  failures, run, dict(info.labels))

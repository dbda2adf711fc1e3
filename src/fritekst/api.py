"""The library's front: survey files in, coded units and summary tables out; reports in,
their pages, metadata and search hits out.

Everything the CLI does goes through these functions, so a researcher can do the same from
Python or a notebook::

    from fritekst import code_files, summarize_files
    coded = code_files(["eksport.xlsx"])          # CodedSurvey: .units is a DataFrame
    summary = summarize_files(["eksport.xlsx"])   # Summary: .themes, .ratings, .matrices …
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd

from fritekst.coding import CoderSpec, make_coder
from fritekst.coding.base import Coder, run_meta
from fritekst.coding.card import write_card
from fritekst.coding.codebook import Codebook, load_codebook
from fritekst.coding.discover import candidates
from fritekst.coding.evaluate import evaluate
from fritekst.coding.frames import code_on_cluster, coding_fields
from fritekst.coding.pool import code_texts
from fritekst.coding.reliability import MIN_CHECKED, AutoPlan, Reliability, auto_plan, reliability
from fritekst.coding.train import check_model_folder, read_labelled, shipped_training_data, train
from fritekst.errors import ColumnError, FritekstError, InputError, SettingsError
from fritekst.export.report import Document, build_reports, check_report_folder, write_documents
from fritekst.export.review import write_review
from fritekst.extract.coded import CODED_COLUMNS, is_coded_file, load_coded
from fritekst.extract.columns import ColumnOptions
from fritekst.extract.pdf import Failure
from fritekst.extract.reports import extract_reports
from fritekst.extract.settings import LayoutSettings
from fritekst.extract.survey import Survey, load_survey
from fritekst.literature.meta import ReportMeta, read_meta
from fritekst.literature.review import Review, review_files
from fritekst.literature.search import search
from fritekst.outfiles import check_output_path
from fritekst.privacy import redact as redact_text
from fritekst.privacy import redact_column
from fritekst.store import DB_NAME, ImportResult, Project
from fritekst.store.frame import Frame, read_codes
from fritekst.store.reports import search_index
from fritekst.store.review import import_review, new_export_info, review_rows
from fritekst.summarize.network import analyze_network
from fritekst.summarize.respondents import RespondentMatrix, respondent_matrix
from fritekst.summarize.roles import no_roles_error, with_roles
from fritekst.summarize.tables import Summary, summarize

Progress = Callable[[int, int], None]


def step(progress: Progress | None, label: str) -> Progress | None:
    """``progress`` for one step of a longer job ("Leser", "Koder"): a progress display that
    can name its step (it has a ``step(label)`` method, as the CLI's bar) is told; any other
    is called as it is."""
    named = getattr(progress, "step", None)
    return named(label) if callable(named) else progress


@dataclass
class CodedSurvey:
    """Coded answer units plus the survey they came from and the run's metadata."""

    units: pd.DataFrame
    survey: Survey
    meta: dict
    codebook: Codebook | None = None  # a project's coding frame, where it differs

    def redacted(self) -> CodedSurvey:
        """A copy in which names, phone numbers, e-mail addresses and national id numbers in
        the respondents' text (``text`` and ``evidence``) are replaced, as in the summary's
        quotes; the survey's municipality names are never touched."""
        known = frozenset(self.units["municipality"].dropna().astype(str))
        units = self.units.copy()
        for column in ("text", "evidence"):
            units[column] = redact_column(units[column], known)
        return CodedSurvey(units, self.survey, {**self.meta, "redacted": True}, self.codebook)


def code_survey(survey: Survey, coder: Coder | None = None, *, progress: Progress | None = None,
                batch: int | None = None, min_confidence: float | None = None,
                workers: int | None = None, dask: str | None = None) -> CodedSurvey:
    """Code every answer unit of a loaded survey: each distinct text (with its question's
    polarity) once, on ``workers`` processes (the machine's cores when None) when there are
    enough distinct texts for that to pay (see :func:`fritekst.coding.pool.code_texts`), or
    with ``dask`` (a scheduler's address, "tcp://host:8786") on that Dask cluster's workers
    (see :func:`fritekst.coding.frames.code_on_cluster`); the result is the same either way.

    With ``min_confidence``, units the coder is less sure of get status ``to_review`` and no
    themes (its suggestion stays in ``evidence``) instead of a guess (see
    :func:`mark_for_review`).
    """
    coder = coder or make_coder()
    units = survey.units.copy()
    answers = np.flatnonzero((units["status"] == "answer").to_numpy())
    texts = units["text"].to_numpy()[answers].tolist()
    asked_pol = [p if isinstance(p, str) else None
                 for p in units["polarity"].to_numpy()[answers].tolist()]
    # a text asked with the same polarity is coded once, however often it recurs (and the
    # progress counts units)
    where: dict[tuple[str, str | None], int] = {}
    slot = np.fromiter((where.setdefault(k, len(where)) for k in zip(texts, asked_pol,
                                                                     strict=True)),
                       dtype=np.int64, count=len(texts))
    distinct = list(where)
    progress = step(progress, "Koder")
    units_done = (lambda done, total: progress(round(len(answers) * done / total),
                                               len(answers))) if progress else None
    if dask is not None:
        per_text = code_on_cluster(dask, coder, [t for t, _ in distinct],
                                   [p for _, p in distinct], progress=units_done)
    else:
        per_text = [coding_fields(c) for c in code_texts(
            coder, [t for t, _ in distinct], [p for _, p in distinct], workers=workers,
            batch=batch, progress=units_done)]
    n = len(units)
    themes = np.full(n, "", dtype=object)
    confidence = pd.array([pd.NA] * n, dtype="Float64")
    evidence = np.full(n, "", dtype=object)
    status = units["status"].to_numpy(dtype=object, copy=True)
    # the question's polarity drives the tables; the one the model reads is shown only
    read = np.full(n, None, dtype=object)
    if len(answers):
        cols = list(zip(*(per_text[k] for k in slot), strict=True))
        themes[answers], evidence[answers] = cols[0], cols[1]
        confidence[answers] = np.asarray(cols[2], dtype=float)
        status[answers], read[answers] = cols[3], cols[4]
    themes = pd.Series(themes, index=units.index, dtype="object")
    evidence = pd.Series(evidence, index=units.index, dtype="object")
    confidence = pd.Series(confidence, index=units.index)
    status = pd.Series(status, index=units.index, dtype="object")
    read = pd.Series(read, index=units.index, dtype="object")
    units["themes"] = themes
    units["confidence"] = confidence
    units["evidence"] = evidence
    units["status"] = status
    asked = units["polarity"].notna() & (units["polarity"] != "")
    units["polarity_from"] = np.where(asked, "question", np.where(read.notna(), "model", ""))
    units["polarity"] = units["polarity"].where(asked, read)
    units = units[CODED_COLUMNS]
    if min_confidence is not None:
        units = mark_for_review(units, min_confidence)
    return CodedSurvey(units, survey, build_meta(survey, units, coder))


def mark_for_review(units: pd.DataFrame, min_confidence: float) -> pd.DataFrame:
    """Coded units (from :func:`code_survey`) whose confidence is under ``min_confidence``
    become ``to_review``: no themes and no polarity read by the model, with the coder's
    suggestion kept in ``evidence`` ("forslag: …")."""
    units = units.copy()
    unsure = units["status"].isin(["coded", "uncoded"]) & \
        (units["confidence"].astype(float) < min_confidence)
    suggestion = "forslag: " + units["themes"].where(units["themes"] != "", "(ingen)")
    evidence = units["evidence"].where(units["evidence"] == "", " | " + units["evidence"])
    units.loc[unsure, "evidence"] = (suggestion + evidence)[unsure]
    units.loc[unsure, "themes"] = ""
    units.loc[unsure, "status"] = "to_review"
    read = unsure & (units["polarity_from"] == "model")
    units.loc[read, "polarity"] = None
    units.loc[read, "polarity_from"] = ""
    return units


def code_files(paths: list[str | Path], options: ColumnOptions | None = None,
               coder: Coder | None = None, *, progress: Progress | None = None,
               min_confidence: float | None = None, workers: int | None = None,
               dask: str | None = None) -> CodedSurvey:
    """Read survey exports and code every answer unit (see :func:`code_survey`: ``workers``
    processes code, the machine's cores when None, or the Dask cluster at ``dask``)."""
    survey = load_survey(paths, options, progress=step(progress, "Leser"))
    return code_survey(survey, coder, progress=progress, min_confidence=min_confidence,
                       workers=workers, dask=dask)


def summarize_files(paths: list[str | Path], options: ColumnOptions | None = None,
                    coder: Coder | None = None, *, quotes: int = 3, redact: bool = True,
                    min_cell: int = 0, progress: Progress | None = None,
                    min_confidence: float | None = None, by: str | None = None,
                    workers: int | None = None) -> Summary:
    """Read, code and summarise survey exports: theme tables, matrices, ratings, meta
    (``workers`` processes code, the machine's cores when None; see :func:`code_survey`).

    ``by="role"`` adds the theme and rating tables by the respondents' function
    (``Summary.by_role``; a respondent with several functions counts under each).
    Files written by ``fritekst code -o`` (and corrected by hand) are summarised with their
    themes as they stand, not coded again (see :func:`summarize_coded`)."""
    by_role = _by_role(by)
    coder = coder or make_coder()
    coded_files = [p for p in paths if Path(p).suffix.lower() in (".xlsx", ".csv", ".tsv")
                   and is_coded_file(p)]
    if coded_files:
        if len(coded_files) < len(paths):
            raise FritekstError(f"{coded_files[0]} is a file of coded units and the other "
                                "files are survey exports; summarize them apart.")
        return summarize_coded(paths, coder, quotes=quotes, redact=redact, min_cell=min_cell,
                               by=by)
    coded = code_files(paths, options, coder, progress=progress, min_confidence=min_confidence,
                       workers=workers)
    return _summarize(coded, coder.codebook, quotes=quotes, redact=redact, min_cell=min_cell,
                      by_role=by_role)


def _summarize(coded: CodedSurvey, codebook: Codebook, *, quotes: int, redact: bool,
               min_cell: int, by_role: bool) -> Summary:
    summary = summarize(coded.units, coded.survey, coded.meta, codebook, quotes=quotes,
                        redact=redact, min_cell=min_cell)
    return with_roles(summary, coded.units, coded.survey, codebook) if by_role else summary


BREAKDOWNS = ("role",)


def _by_role(by: str | None) -> bool:
    if by is not None and by not in BREAKDOWNS:
        raise FritekstError(f"--by {by}: break the tables down by one of "
                            f"{', '.join(BREAKDOWNS)}.")
    return by == "role"


def import_to_project(paths: list[str | Path], project: str | Path = ".",
                      options: ColumnOptions | None = None, *,
                      progress: Progress | None = None) -> ImportResult:
    """Store survey exports in the project in folder ``project`` (made if need be); a file
    already there is left as it is, a changed one becomes its next version."""
    folder = Path(project)
    new, made = not (folder / DB_NAME).exists(), not folder.exists()
    try:
        with Project(project) as store:
            return store.import_files(paths, options, progress=progress)
    except BaseException:
        if new:  # a first import that failed leaves no empty project behind
            (folder / DB_NAME).unlink(missing_ok=True)
            if made and not any(folder.iterdir()):
                folder.rmdir()
        raise


def code_project(project: str | Path = ".", coder: Coder | None = None, *,
                 progress: Progress | None = None, min_confidence: float | None = None,
                 auto_precision: float | None = None, workers: int | None = None,
                 dask: str | None = None) -> CodedSurvey:
    """Code the current units of a project (see :func:`code_survey`) and store the codes as
    the machine's, under the model's name and version: a unit this coder has coded before
    keeps its stored code, and nothing is overwritten. A unit a researcher has coded is
    counted with the newest researcher's code. The units' index is their id in the store.

    ``auto_precision`` (e.g. 0.95) sets ``min_confidence`` to the lowest confidence at which
    the model reached that precision on the units researchers coded (see
    :func:`review_plan`), so the rest go to review. ``workers`` processes code (the machine's
    cores when None), or the Dask cluster at ``dask`` (see :func:`code_survey`)."""
    coder = coder or make_coder()
    with Project(project, create=False) as store:
        coded = _machine_codes(store, coder, progress, workers, dask)
        human = store.codes(origin="human")
        frame = store.frame(coder.codebook)
    plan = None
    if auto_precision is not None:
        plan = _framed_plan(coded.units, human, frame, auto_precision)
        if plan.cut is None:
            raise FritekstError(
                f"no confidence cut reaches {auto_precision:.0%} precision on the "
                f"{plan.checked} units researchers have coded (at least {MIN_CHECKED} are "
                "needed above the cut); review more units, or ask for a lower precision.")
        min_confidence = plan.cut
    units, by_human = with_human_codes(coded.units, human)
    units, waits = in_frame(units, frame)
    waiting = len(waits)
    if min_confidence is not None:
        units = mark_for_review(units, min_confidence)
    meta = build_meta(coded.survey, units, coder)
    if frame.changes:
        meta["frame"] = {"codebook": f"{frame.codebook.name} {frame.codebook.version}",
                         "changes": [{k: c[k] for k in ("action", "args", "at")}
                                     for c in frame.changes]}
    if waiting:
        meta["notes"] = [*meta["notes"], (
            f"{waiting} answer units were coded with a theme that has since been split; they "
            "wait for review (fritekst review export puts them first): their other themes "
            "count, and those with none left are to_review and not counted.")]
    answered = units["status"].isin(["coded", "uncoded", "to_review"])
    meta["codes_from"] = {"human": int((answered & by_human).sum()),
                          "machine": int((answered & ~by_human).sum())}
    if meta["codes_from"]["human"]:
        meta["notes"] = [*meta["notes"], (
            f"{meta['codes_from']['human']} answer units are counted with a researcher's code "
            f"and {meta['codes_from']['machine']} with the model's.")]
    if plan is not None:
        meta["auto_precision"] = {"target": plan.target, "min_confidence": plan.cut,
                                  "coverage": plan.coverage, "checked": plan.checked}
    return CodedSurvey(units, coded.survey, meta, frame.codebook)


def in_frame(units: pd.DataFrame, frame: Frame) -> tuple[pd.DataFrame, pd.Index]:
    """Coded units with their themes as the project's coding frame reads them now: a merged
    theme counts as the theme it was merged into; a theme that was split is dropped from a
    unit's code, and the unit waits for review (its other themes still count; with none left
    it is ``to_review``; ``evidence`` says so). Returns the units and those that wait."""
    if not frame.changes:
        return units, units.index[:0]
    units = units.copy()
    answered = units["status"].isin(["coded", "uncoded"])
    idx = units.index[answered]
    before = units.loc[idx, "themes"].fillna("")
    read = [frame.read(t) for t in before]
    units.loc[idx, "themes"] = [r[0] for r in read]
    units.loc[idx, "status"] = ["coded" if r[0] else "uncoded" for r in read]
    waits = idx[[r[1] for r in read]]
    units.loc[waits, "evidence"] = "tema delt, kod på nytt: " + before[waits]
    units.loc[waits[units.loc[waits, "themes"] == ""], "status"] = "to_review"
    return units, waits


def _framed_plan(units: pd.DataFrame, human: pd.DataFrame, frame: Frame, target: float
                 ) -> AutoPlan:
    """The auto-coding plan with both sides read through the coding frame; units coded with
    a split theme are left out."""
    framed, waits = in_frame(units, frame)
    read = read_codes(human, frame) if len(human) else human.assign(waits=False)
    return auto_plan(framed.drop(index=waits), read[~read["waits"]], target)


def review_plan(project: str | Path = ".", coder: Coder | None = None, *,
                precision: float = 0.95, progress: Progress | None = None) -> AutoPlan:
    """How much of the project the model can code alone at ``precision``, judged on the
    units researchers have coded: the coverage/precision curve of its confidence and the
    cut that reaches it."""
    coder = coder or make_coder()
    with Project(project, create=False) as store:
        coded = _machine_codes(store, coder, progress)
        human = store.codes(origin="human")
        frame = store.frame(coder.codebook)
    if human.empty:
        raise _nobody_coded(project)
    return _framed_plan(coded.units, human, frame, precision)


def _machine_codes(store: Project, coder: Coder, progress: Progress | None,
                   workers: int | None = None, dask: str | None = None) -> CodedSurvey:
    """The model's coding of the project's current units, stored once per model."""
    coded = code_survey(store.survey(), coder, progress=progress, workers=workers, dask=dask)
    name = coder_name(coder)
    done = store.codes(origin="machine")
    done = set(done.loc[done["coder"] == name, "unit_id"])
    new = coded.units[coded.units["status"].isin(["coded", "uncoded"]) &
                      ~coded.units.index.isin(list(done))]
    if len(new):
        store.add_codes(pd.DataFrame({
            "unit_id": new.index, "themes": new["themes"],
            "polarity": new["polarity"].where(new["polarity_from"] == "model"),
            "confidence": new["confidence"]}), origin="machine", coder=name,
            codebook=coder.codebook)
    return coded


def coder_name(coder: Coder) -> str:
    """The name a model's codes are stored under: its name@version and a fingerprint of its
    weights, so a model retrained into the same folder with the same version is another
    coder; the rules are named by the codebook."""
    if coder.model_version is None:
        return f"{coder.codebook.name}@{coder.codebook.version} (regler)"
    model = getattr(coder, "model", None)
    if model is None:
        return coder.model_version
    digest = hashlib.sha256(np.ascontiguousarray(model.thresholds_).tobytes() +
                            np.ascontiguousarray(model.theme_layer_.intercept).tobytes())
    return f"{coder.model_version} ({digest.hexdigest()[:8]})"


def review_export(path: str | Path, project: str | Path = ".", coder: Coder | None = None, *,
                  reviewer: str | None = None, sample: int | None = None,
                  order: str = "uncertain", blind: bool = False, seed: int = 0,
                  redact: bool = True, include_reviewed: bool = False,
                  progress: Progress | None = None) -> dict:
    """Write a review workbook of the project's answer units for a coder (``reviewer``):
    the model's suggestion and confidence beside each unit, a ``themes`` column to fill in
    (prefilled with the suggestion unless ``blind``), and the codebook. ``order`` is
    ``uncertain`` (least sure first, for active learning), ``random`` or ``source``;
    ``sample`` keeps the first N. Returns what was written (``units``, ``export_id``)."""
    check_output_path(path, (".xlsx",))
    coder = coder or make_coder()
    with Project(project, create=False) as store:
        coded = _machine_codes(store, coder, progress)
        frame = store.frame(coder.codebook)
        framed, waits = in_frame(coded.units, frame)
        reviewed = set(store.codes(origin="human")["unit_id"]) - set(waits)
        if not include_reviewed:
            framed = framed.drop(index=[i for i in framed.index if i in reviewed])
        rows = review_rows(framed, sample=sample, order=order, blind=blind, seed=seed,
                           first=[i for i in waits if i in framed.index])
        if redact:
            known = frozenset(coded.units["municipality"].dropna().astype(str))
            rows["text"] = redact_column(rows["text"], known)
        info = new_export_info(store, frame.codebook, reviewer, len(rows))
    write_review(rows, frame.codebook, info, Path(path))
    return {"path": str(path), "units": len(rows), "export_id": info["export_id"],
            "coder": reviewer or ""}


def review_import(path: str | Path, reviewer: str, project: str | Path = ".",
                  codebook: Codebook | None = None) -> dict:
    """Take back a filled-in review workbook as ``reviewer``'s codes (see
    :func:`fritekst.store.review.import_review`): every row is checked first, and nothing is
    stored unless all are valid."""
    with Project(project, create=False) as store:
        frame = store.frame(codebook or load_codebook())
        return import_review(store, path, reviewer, frame.codebook)


def project_agreement(project: str | Path = ".", coders: list[str] | None = None,
                      codebook: Codebook | None = None) -> Reliability:
    """Agreement between the project's coders, and between each coder and the model, on the
    units both coded (see :func:`fritekst.coding.reliability.reliability`)."""
    with Project(project, create=False) as store:
        codes = store.codes()
        frame = store.frame(codebook or load_codebook())
    if codes.loc[codes["origin"] == "human"].empty:
        raise _nobody_coded(project)
    # codes as the frame reads them now; a code with a theme since split is not compared
    codes = read_codes(codes, frame)
    return reliability(codes[~codes["waits"]], frame.codebook.ids, coders)


def project_frame(project: str | Path = ".", codebook: Codebook | None = None) -> Frame:
    """The project's coding frame: the codebook with the changes researchers made to it."""
    with Project(project, create=False) as store:
        return store.frame(codebook or load_codebook())


def change_codebook(action: str, args: dict, project: str | Path = ".",
                    codebook: Codebook | None = None) -> Frame:
    """Change the project's coding frame (``add``, ``rename``, ``merge``, ``split``; see
    :mod:`fritekst.store.frame`) and return it. Codes are not rewritten: they are read
    through the frame, so they follow merges, and units coded with a split theme wait for
    review."""
    with Project(project, create=False) as store:
        return store.change_frame(codebook or load_codebook(), action, args)


def _nobody_coded(project: str | Path) -> FritekstError:
    return FritekstError(f"{Path(project) / DB_NAME}: no researcher has coded units yet; take "
                         "coded review files back with `fritekst review import` first.")


def with_human_codes(units: pd.DataFrame, human: pd.DataFrame
                     ) -> tuple[pd.DataFrame, pd.Series]:
    """Coded units (indexed by their id in the store) with each unit's newest human code in
    place of the machine's: its themes, and its polarity where no question gave one;
    ``evidence`` says who coded it. Also returns which units now carry a human code."""
    if human.empty:
        return units, pd.Series(False, index=units.index)
    newest = human.drop_duplicates("unit_id", keep="last")  # codes come in the order stored
    newest = newest.set_index("unit_id")
    ids = units.index.intersection(newest.index)
    ids = ids[units.loc[ids, "status"].isin(["coded", "uncoded"])]
    units = units.copy()
    got = newest.loc[ids]
    units.loc[ids, "themes"] = got["themes"].fillna("")
    units.loc[ids, "status"] = np.where(got["themes"].fillna("") != "", "coded", "uncoded")
    units.loc[ids, "confidence"] = pd.NA
    units.loc[ids, "evidence"] = "kodet av " + got["coder"]
    own = got["polarity"].notna() & (units.loc[ids, "polarity_from"] != "question")
    units.loc[ids[own], "polarity"] = got.loc[own, "polarity"]
    units.loc[ids[own], "polarity_from"] = "human"
    return units, pd.Series(units.index.isin(ids), index=units.index)


def summarize_project(project: str | Path = ".", coder: Coder | None = None, *,
                      quotes: int = 3, redact: bool = True, min_cell: int = 0,
                      progress: Progress | None = None,
                      min_confidence: float | None = None, by: str | None = None,
                      workers: int | None = None) -> Summary:
    """Summarise a project (see :func:`summarize_files`): researchers' codes where a unit
    has one, the model's elsewhere; ``meta["codes_from"]`` says how many of each.
    ``by="role"`` adds the tables by function, from the functions stored at import (a file
    imported by a fritekst older than that must be imported again)."""
    by_role = _by_role(by)
    if by_role:
        with Project(project, create=False) as store:
            if store.survey().roles is None:
                raise no_roles_error(project)
    coder = coder or make_coder()
    coded = code_project(project, coder, progress=progress, min_confidence=min_confidence,
                         workers=workers)
    return _summarize(coded, coded.codebook or coder.codebook, quotes=quotes, redact=redact,
                      min_cell=min_cell, by_role=by_role)


def summarize_coded(paths: list[str | Path], coder: Coder | None = None, *, quotes: int = 3,
                    redact: bool = True, min_cell: int = 0, by: str | None = None) -> Summary:
    """Summarise files of coded units (written by ``fritekst code -o``, perhaps corrected by
    hand in Excel) with their themes as the codes: nothing is coded again (they hold no
    functions, so ``by="role"`` is refused)."""
    by_role = _by_role(by)
    coder = coder or make_coder()
    units, survey = load_coded(paths, coder.codebook.ids)
    meta = build_meta(survey, units, coder)
    answered = units["status"].isin(["coded", "uncoded", "to_review"])
    changed = answered & (units["themes"].map(_theme_set) != units["evidence"].map(
        _suggested))
    meta["codes_from"] = {"human": int(changed.sum()), "machine": int((answered &
                                                                       ~changed).sum())}
    meta["notes"] = [*meta["notes"], (
        f"{meta['codes_from']['human']} answer units have other themes than the model "
        f"suggested (a researcher's corrections); {meta['codes_from']['machine']} keep the "
        "model's.")]
    meta["coded_files"] = True
    return _summarize(CodedSurvey(units, survey, meta), coder.codebook, quotes=quotes,
                      redact=redact, min_cell=min_cell, by_role=by_role)


def _theme_set(themes) -> frozenset:
    return frozenset(t for t in str(themes or "").split(";") if t)


def _suggested(evidence) -> frozenset:
    """The themes the model gave a unit, read back from its ``evidence`` ("boligmangel: ord |
    tildeling: ord", or "forslag: a;b | …" for a unit sent to review)."""
    text = str(evidence or "")
    if text.startswith("forslag: "):
        head = text[len("forslag: "):].split(" | ")[0]
        return frozenset() if head == "(ingen)" else _theme_set(head)
    return frozenset(part.split(":")[0].strip() for part in text.split(" | ") if ":" in part)


def _coded(paths: list[str | Path] | None, project: str | Path | None,
           options: ColumnOptions | None, coder: Coder, progress: Progress | None
           ) -> CodedSurvey:
    """Coded units from a project (researchers' codes first) or from survey files."""
    if project is not None:
        return code_project(project, coder, progress=progress)
    if paths:
        return code_files(paths, options, coder, progress=progress)
    raise FritekstError("give survey files (FILE...), or a project folder with --project DIR.")


def respondent_table(paths: list[str | Path] | None = None, project: str | Path | None = None,
                     options: ColumnOptions | None = None, coder: Coder | None = None, *,
                     progress: Progress | None = None) -> RespondentMatrix:
    """One row per respondent with the survey's own columns and a 0/1 column per polarity ×
    theme (see :func:`fritekst.summarize.respondents.respondent_matrix`): from a project
    (researchers' codes before the model's) or from survey files coded now."""
    coder = coder or make_coder()
    coded = _coded(paths, project, options, coder, progress)
    return respondent_matrix(coded.units, coded.survey, coded.codebook or coder.codebook)


def discover_themes(paths: list[str | Path] | None = None, project: str | Path | None = None,
                    options: ColumnOptions | None = None, coder: Coder | None = None, *,
                    k: int | None = None, min_confidence: float = 0.5, redact: bool = True,
                    progress: Progress | None = None) -> pd.DataFrame:
    """Candidate new themes among the units the codebook leaves uncovered (no theme, or
    confidence under ``min_confidence``), from a project or survey files: see
    :func:`fritekst.coding.discover.candidates`."""
    coder = coder or make_coder()
    coded = _coded(paths, project, options, coder, progress)
    known = frozenset(coded.units["municipality"].dropna().astype(str))
    return candidates(coded.units, k=k, min_confidence=min_confidence,
                      redact=(lambda t: redact_text(t, known)) if redact else None)


def project_training_data(project: str | Path = ".", codebook: Codebook | None = None
                          ) -> pd.DataFrame:
    """The units researchers coded in a project, as labelled training rows (``text``,
    ``themes``, ``polarity`` — the question's, or the researcher's where no question gave
    one —, ``kind`` answer): the newest researcher's code per unit."""
    book = codebook or load_codebook()
    with Project(project, create=False) as store:
        human = store.codes(origin="human")
        units = store.units(all_versions=True).set_index("unit_id")
        frame = store.frame(book)
    if human.empty:
        raise _nobody_coded(project)
    newest = human.drop_duplicates("unit_id", keep="last")  # codes come in the order stored
    newest = read_codes(newest, frame)
    newest = newest[~newest["waits"]]
    rows = units.loc[newest["unit_id"]]
    asked = rows["polarity"].fillna("").to_numpy()
    own = newest["polarity"].fillna("").to_numpy()
    frame = pd.DataFrame({"text": rows["text"].to_numpy(),
                          "themes": newest["themes"].fillna("").to_numpy(),
                          "polarity": [a or o for a, o in zip(asked, own, strict=True)],
                          "kind": "answer"})
    frame["theme_set"] = frame["themes"].map(lambda t: {x for x in t.split(";") if x})
    unknown = sorted(set().union(*frame["theme_set"]) - set(book.ids))
    if unknown:
        raise FritekstError(f"the project's codes use {unknown[0]!r}, which the codebook "
                            f"{book.name} {book.version} does not have (a theme added to the "
                            "project's frame); to train on it, write it with its patterns "
                            "into a codebook file and give that file with --codebook.")
    return frame


def train_from_project(output: str | Path, project: str | Path = ".", *,
                       only_project: bool = False, name: str = "", version: str = "1",
                       codebook: str | Path | None = None, previous: Coder | None = None,
                       progress: Callable[[str], None] | None = None) -> dict:
    """Train a new model version on the units researchers coded in the project, plus the
    data the shipped model was trained on unless ``only_project``; write it with its card.
    Returns the new model and what to compare it with: both models' cross-validated
    micro-F1 and the previous model's agreement with the researchers on the project's
    coded units (the new model has seen them, so its figure there would flatter it)."""
    output = Path(output)
    check_model_folder(output)
    book = load_codebook(codebook)
    ours = project_training_data(project, book)
    data = ours if only_project else pd.concat(
        [read_labelled(shipped_training_data(), book.ids), ours], ignore_index=True)
    previous = previous or make_coder(codebook=codebook)
    judged = evaluate(ours.assign(kind="answer"), previous).summary
    model = train(data, name=name or output.name, version=version, codebook_path=codebook,
                  progress=progress, source=f"{Path(project) / DB_NAME}" +
                  ("" if only_project else " + the shipped training data"))
    model.save(output)
    write_card(model, output)
    learned = getattr(previous, "model", None)  # the rules alone have no cross-validation
    before = None if learned is None else learned.meta_.get("cross_validation", {}).get(
        "micro_f1")
    return {"model": model, "project_units": len(ours), "units": len(data),
            "cross_validated_micro_f1": model.meta_["cross_validation"]["micro_f1"],
            "previous": previous.model_version or "regler",
            "previous_cross_validated_micro_f1": before,
            "previous_on_project": {"micro_f1": judged["micro_f1"],
                                    "exact_set": judged["exact_set_accuracy"],
                                    "units": judged["units"]}}


def build_meta(survey: Survey, units: pd.DataFrame, coder: Coder) -> dict:
    """Versions, inputs and counts that add up: every row and every unit is accounted for."""
    status = units["status"].value_counts()
    counts = dict(survey.counts)
    counts.update({
        "coded": int(status.get("coded", 0)),
        "uncoded": int(status.get("uncoded", 0)),
        "to_review": int(status.get("to_review", 0)),
        "non_answers": int(status.get("non_answer", 0)),
        "skipped": len(survey.skipped),
    })
    return run_meta(coder, survey.sources, columns=survey.plans, counts=counts, redacted=False,
                    skipped=survey.skipped, notes=survey.notes)


# ---- municipality reports --------------------------------------------------------------
REPORT_FORMATS = ("docx", "html", "md")
NO_ROLES_NOTE = ("the reports have no breakdown by function: no column with the "
                 "respondents' functions was found (name it with --role-column).")


def report_documents(paths: list[str | Path], *, network: list[str | Path] | None = None,
                     nynorsk: bool = False, min_cell: int = 0,
                     options: ColumnOptions | None = None, coder: Coder | None = None,
                     quotes: int = 3, thresholds: tuple[str, ...] = ("ukentlig",),
                     progress: Progress | None = None) -> list[Document]:
    """The reports as documents (one per municipality, one comparing them): the summary
    with its breakdown by function where the survey has functions, and the network analysis
    of the ``network`` files (a folder: every network file in it), matched to the
    municipalities by name."""
    analysis = analyze_network(network_files(network), thresholds) if network else None
    coder = coder or make_coder()
    notes = []
    if any(Path(p).suffix.lower() in (".xlsx", ".csv", ".tsv") and is_coded_file(p)
           for p in paths):
        summary = summarize_files(paths, options, coder, quotes=quotes, redact=True,
                                  min_cell=min_cell)
        notes.append(NO_ROLES_NOTE)
    else:
        coded = code_files(paths, options, coder, progress=progress)
        try:
            summary = _summarize(coded, coder.codebook, quotes=quotes, redact=True,
                                 min_cell=min_cell, by_role=True)
        except ColumnError:
            summary = _summarize(coded, coder.codebook, quotes=quotes, redact=True,
                                 min_cell=min_cell, by_role=False)
            notes.append(NO_ROLES_NOTE)
    summary.meta["notes"] = [*summary.meta.get("notes", []), *notes]
    return build_reports(summary, analysis, nynorsk=nynorsk)


NETWORK_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")


def network_files(paths: list[str | Path]) -> list[Path]:
    """The network files given, a folder standing for every network file in it (sorted)."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.iterdir()
                           if p.suffix.lower() in NETWORK_SUFFIXES and not p.name.startswith("."))
            if not found:
                raise InputError(f"{path}: no network files (.csv, .tsv, .txt, .xlsx) in this "
                                 "folder; give the files or the folder that holds them.")
            out += found
        else:
            out.append(path)
    return out


def write_reports(paths: list[str | Path], out_dir: str | Path, *, fmt: str = "docx",
                  network: list[str | Path] | None = None, nynorsk: bool = False,
                  min_cell: int = 0, options: ColumnOptions | None = None,
                  coder: Coder | None = None, quotes: int = 3,
                  progress: Progress | None = None) -> list[Path]:
    """Write one report per municipality and one comparing them into ``out_dir`` as
    ``docx``, ``html`` or ``md`` (see :func:`report_documents`); returns the files."""
    if fmt not in REPORT_FORMATS:
        raise SettingsError(f"unknown report format '{fmt}'; use one of "
                            f"{', '.join(REPORT_FORMATS)}.")
    folder = check_report_folder(out_dir)
    docs = report_documents(paths, network=network, nynorsk=nynorsk, min_cell=min_cell,
                            options=options, coder=coder, quotes=quotes, progress=progress)
    return write_documents(docs, folder, fmt)


def demo_survey() -> Path:
    """The bundled demo survey export (five municipalities, 100 made-up respondents)."""
    return Path(str(files("fritekst.data").joinpath("demo", "boligsosial_demo.xlsx")))


def demo_report() -> Path:
    """The bundled demo research note (a made-up 40-page PDF)."""
    return Path(str(files("fritekst.data").joinpath("demo", "rapport_demo.pdf")))


# ---- reports (PDF) ---------------------------------------------------------------------
def report_metadata(inputs: list[str | Path], *, settings: LayoutSettings | dict | None = None,
                    ocr: bool = False) -> tuple[list[ReportMeta], list[Failure]]:
    """Title, authors, year, series, publisher and more of every PDF report (tables are not
    read, so this is fast; with ``ocr`` pages that are images are read by Tesseract), and the
    files that could not be read."""
    reports = extract_reports(inputs, tables=False, settings=settings, ocr=ocr)
    return [read_meta(d) for d in reports.docs], reports.failures


def search_reports(query: str, inputs: list[str | Path], coder: Coder | None = None, *,
                   theme: str | None = None, municipality: str | None = None,
                   progress: Progress | None = None,
                   settings: LayoutSettings | dict | None = None,
                   project: str | Path | None = None, spec: CoderSpec | None = None,
                   ocr: bool = False
                   ) -> tuple[pd.DataFrame, Review]:
    """Keyword in context over the reports' sentences (see
    :func:`fritekst.literature.search.search`), with the review the hits come from.

    With ``project``, the reports are read through the project's index (see
    :func:`index_reports`; ``inputs`` may then be empty for every indexed report): files
    already indexed are not read again, and the review holds only the sentences that can
    match (its counts are the whole reports')."""
    if project is not None:
        if coder is not None and spec is None:
            raise FritekstError("with a project, name the coder by spec=CoderSpec(...) so "
                                "the index can tell which coder its codes came from.")
        return search_index(query, inputs, project, spec=spec, theme=theme,
                            municipality=municipality, progress=progress, settings=settings,
                            ocr=ocr)
    coder = coder or make_coder()
    _check_theme(theme, coder)
    review = review_files(inputs, coder, progress=progress, settings=settings, ocr=ocr)
    return search(review.sentences, query, theme=theme, municipality=municipality), review


def _check_theme(theme: str | None, coder: Coder) -> None:
    if theme and theme not in coder.codebook.ids:
        raise FritekstError(f"unknown theme '{theme}'; use one of "
                            f"{', '.join(coder.codebook.ids)}.")

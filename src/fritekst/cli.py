"""The ``fritekst`` command: parse arguments, call the library, print. Nothing else lives here.

Every library function used here is imported from the ``fritekst`` package itself, so
whatever the command does, a researcher can do from Python.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from fritekst.errors import FritekstError

app = typer.Typer(
    help="Code Norwegian open survey answers and research reports about social housing work "
    "into themes, tables and page-cited literature reviews.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
# notes and errors are never broken inside a word or a path: the terminal wraps them
err = Console(stderr=True, soft_wrap=True)

Files = Annotated[list[Path], typer.Argument(
    help="Survey exports (.xlsx, .csv, .tsv, .txt, .sav).", metavar="FILE...", show_default=False)]
SurveyFiles = Annotated[list[Path] | None, typer.Argument(
    help="Survey exports (.xlsx, .csv, .tsv, .txt, .sav); with --project, imported into it first.",
    metavar="[FILE...]", show_default=False)]
ProjectOpt = Annotated[Path | None, typer.Option(
    "--project", help="A project folder (its fritekst.db): work on the project's units, store "
    "the model's codes there and count researchers' codes before the model's. Default: the "
    "current folder when it holds a project and no files are given.")]
Reports = Annotated[list[Path], typer.Argument(
    help="PDF reports, or folders searched for them.", metavar="FILE_OR_DIR...",
    show_default=False)]
IndexedReports = Annotated[list[Path] | None, typer.Argument(
    help="PDF reports, or folders searched for them; with an index (--project), none means "
    "every indexed report.", metavar="[FILE_OR_DIR...]", show_default=False)]
IndexOpt = Annotated[Path | None, typer.Option(
    "--project", help="Read the reports through this project's index (see 'fritekst index'): "
    "only new and changed files are read and coded. Default: the current folder when it "
    "holds a project (fritekst.db).")]
MunicipalityOpt = Annotated[str | None, typer.Option(
    "--municipality-column", help="Column holding the municipality (else detected).")]
IdOpt = Annotated[str | None, typer.Option(
    "--id-column", help="Column holding the respondent id (else detected, or the row number).")]
TextOpt = Annotated[list[str] | None, typer.Option(
    "--text-column", help="Free-text column, or the shared stem of a two-box question; "
    "repeat for several. Turns off detection of text columns.")]
RatingOpt = Annotated[list[str] | None, typer.Option(
    "--rating-column", help="Rating column (1–6, 'Vet ikke'); repeat for several. Turns off "
    "detection of rating columns.")]
RoleOpt = Annotated[list[str] | None, typer.Option(
    "--role-column", help="Column with the respondent's function(s), or the question of a "
    "checkbox matrix (its '<question> - <option>' columns); repeatable. Turns off detection "
    "of the function column.")]
PolarityOpt = Annotated[list[str] | None, typer.Option(
    "--polarity", help="COLUMN=styrke or COLUMN=utfordring, overriding what the question text "
    "says; repeatable.")]
CodebookOpt = Annotated[Path | None, typer.Option(
    "--codebook", help="Your own codebook (TOML); default: the shipped codebook.")]
ModelOpt = Annotated[Path | None, typer.Option(
    "--model", help="A model folder made by 'fritekst train'; default: the shipped model.")]
RulesOnlyOpt = Annotated[bool, typer.Option(
    "--rules-only", help="Code with the codebook patterns alone, without a learned model.")]
RedactOpt = Annotated[bool, typer.Option(
    "--redact/--no-redact", help="Replace names, phone numbers, e-mail addresses and national "
    "id numbers in the respondents' text of every output (on by default).")]
MinConfOpt = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Mark units the coder is less sure of as 'to_review' instead of guessing.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", min=1, metavar="N", show_default=False,
    help="Processes that code side by side, each loading the model once; default: the "
    "machine's cores (at most 8). Inputs too small for that to pay (a few thousand distinct "
    "answers, a few dozen report pages) are coded in one process; the result is the same "
    "either way.")]
OcrOpt = Annotated[bool, typer.Option(
    "--ocr", help="Read pages that are images of text (scans) with Tesseract OCR, a few "
    "seconds a page; their text is marked as OCR. Needs Tesseract with Norwegian: "
    "apt install tesseract-ocr tesseract-ocr-nor.")]


class ByChoice(StrEnum):
    role = "role"


class KindChoice(StrEnum):
    answer = "answer"
    sentence = "sentence"


# ---- printing ------------------------------------------------------------------------------
def _options(municipality, id_column, text, rating, polarity, role=None):
    from fritekst import ColumnOptions

    return ColumnOptions(
        municipality_column=municipality, id_column=id_column,
        text_columns=list(text or []), rating_columns=list(rating or []),
        role_columns=list(role or []),
        polarity=ColumnOptions.parse_polarity(list(polarity or [])),
    )


def _coder(codebook: Path | None, model: Path | None = None, rules_only: bool = False):
    from fritekst import make_coder

    return make_coder(model=model, codebook=codebook, rules_only=rules_only)


def _workers(n: int | None) -> int:
    """--workers, or the cores this process may use (see ``fritekst.usable_cores``)."""
    from fritekst import usable_cores

    return n or usable_cores()


@contextmanager
def _progress(label: str):
    """A progress bar on stderr when it is a terminal; nothing when output is piped."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=err, transient=True) as bar:
        yield _Bar(bar, bar.add_task(label, total=None))


class _Bar:
    """The progress bar's callback; ``step(label)`` gives one that names the step it counts
    ("Leser" rows, then "Koder" units)."""

    def __init__(self, bar, task, label: str | None = None):
        self.bar, self.task, self.label = bar, task, label

    def __call__(self, done: int, total: int) -> None:
        named = {} if self.label is None else {"description": self.label}
        self.bar.update(self.task, completed=done, total=total, **named)

    def step(self, label: str) -> _Bar:
        return _Bar(self.bar, self.task, label)


@contextmanager
def _status():
    """A spinner with the current step on stderr in a terminal; silent when piped."""
    if not err.is_terminal:
        yield lambda _msg: None
        return
    with err.status("") as status:
        yield lambda msg: status.update(msg)


def _show(views, lines: Sequence[str] = ()) -> None:
    """Tables as rich tables in a terminal, as plain Markdown when piped."""
    from fritekst import to_markdown, to_rich

    if out.is_terminal:
        for part in to_rich(views, lines):
            out.print(part)
    else:
        sys.stdout.write(to_markdown(views, lines))


def _write_raw(text: str) -> None:
    """Text to stdout as UTF-8 bytes, line ends as they are (CSV keeps its CRLF; a Windows
    console would otherwise turn each into CR CR LF)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def _say(text: str) -> None:
    err.print(text, highlight=False)


def _wrote(paths) -> None:
    _say(f"Wrote {', '.join(str(p) for p in paths)}")


def _notes(meta: dict) -> None:
    for note in meta.get("notes", []):
        err.print(f"[yellow]Note:[/] {note}", highlight=False)
    for s in meta.get("skipped", []):
        err.print(f"[yellow]Skipped:[/] {s['source']}, row {s['row']}: {s['reason']}",
                  highlight=False)


def _failures(failures) -> None:
    """Print one line per file that could not be read; exit 1 if there was any."""
    for f in failures:
        err.print(f"[bold red]Error:[/] {f.message}", highlight=False)
    if failures:
        raise typer.Exit(1)


def _project(files_: list[Path] | None, project: Path | None, options) -> Path | None:
    """The project to work on (None: plain files); files given with --project are imported
    into it first."""
    from fritekst import DB_NAME, import_to_project

    if project is None and not files_ and Path(DB_NAME).exists():
        project = Path(".")
    if project is None:
        if not files_:
            raise FritekstError("give survey files (FILE...), or a project folder with "
                                "--project DIR.")
        return None
    if files_:
        _imported(import_to_project(files_, project, options), project)
    return project


def _imported(result, project: Path) -> None:
    for note in result.notes:
        err.print(f"[yellow]Note:[/] {note}", highlight=False)
    for item in result.imported:
        _say(f"Imported {item['source']} (version {item['version']}): "
             f"{item['respondents']} respondents, {item['units']} answer units.")
    for path in result.unchanged:
        _say(f"Already in the project, unchanged: {path}")


# ---- survey commands -----------------------------------------------------------------------
review_app = typer.Typer(help="Review the model's codes: a workbook for a coder, and their "
                         "codes taken back into the project.", no_args_is_help=True)
app.add_typer(review_app, name="review")


class OrderChoice(StrEnum):
    uncertain = "uncertain"
    random = "random"
    source = "source"


@review_app.command("export")
def review_export_cmd(
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="The review workbook to write (.xlsx).")],
    project: Annotated[Path, typer.Option("--project", help="The project folder.")] = Path("."),
    coder_name: Annotated[str | None, typer.Option(
        "--coder", help="The coder the workbook is for; only they can hand it back.")] = None,
    sample: Annotated[int | None, typer.Option(
        "--sample", min=1, help="Only the first N units in the chosen order.")] = None,
    order: Annotated[OrderChoice, typer.Option(
        "--order", help="uncertain: the units the model is least sure of first; random "
        "(seeded with --seed); source: as in the files.")] = OrderChoice.uncertain,
    seed: Annotated[int, typer.Option("--seed", help="Seed of --order random.")] = 0,
    blind: Annotated[bool, typer.Option(
        "--blind", help="Leave the themes column empty instead of prefilling the model's "
        "suggestion (for measuring agreement).")] = False,
    include_reviewed: Annotated[bool, typer.Option(
        "--include-reviewed", help="Also units a researcher has coded (for a second coder "
        "on the same units); by default each export brings new units.")] = False,
    codebook: CodebookOpt = None, model: ModelOpt = None, rules_only: RulesOnlyOpt = False,
    redact: RedactOpt = True,
) -> None:
    """Write a workbook of the project's answer units for a coder: text, the model's
    suggestion and confidence, a themes column to fill in ('-' = no theme, empty = not
    reviewed), and the codebook on its own sheet."""
    from fritekst import review_export

    with _progress("Koder") as progress:
        done = review_export(output, project, _coder(codebook, model, rules_only),
                             reviewer=coder_name, sample=sample, order=order.value,
                             blind=blind, seed=seed, redact=redact,
                             include_reviewed=include_reviewed, progress=progress)
    who = f" for {done['coder']}" if done["coder"] else ""
    _say(f"{done['units']} units to review{who}.")
    _wrote([output])


@review_app.command("plan")
def review_plan_cmd(
    project: Annotated[Path, typer.Option("--project", help="The project folder.")] = Path("."),
    precision: Annotated[float, typer.Option(
        "--precision", min=0.5, max=1.0, help="The precision wanted of automatic coding "
        "(share of units whose whole theme set is right).")] = 0.95,
    codebook: CodebookOpt = None, model: ModelOpt = None, rules_only: RulesOnlyOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """How much the model can code alone: from your coded units, the share of the project
    above each confidence cut and the precision there, and the cut that reaches --precision
    (use it with 'code --auto-precision')."""
    from fritekst import review_plan

    with _progress("Koder") as progress:
        plan = review_plan(project, _coder(codebook, model, rules_only), precision=precision,
                           progress=progress)
    if as_json:
        curve = plan.curve.astype(object).where(plan.curve.notna(), None)
        print(json.dumps({"target": plan.target, "min_confidence": plan.cut,
                          "coverage": plan.coverage, "checked": plan.checked,
                          "curve": curve.to_dict("records")}, indent=1))
        return
    from fritekst import plan_views

    _show(*plan_views(plan))


@review_app.command("import")
def review_import_cmd(
    file: Annotated[Path, typer.Argument(help="A review workbook filled in by a coder.",
                                         show_default=False)],
    coder_name: Annotated[str, typer.Option("--coder", help="Whose codes these are.")],
    project: Annotated[Path, typer.Option("--project", help="The project folder.")] = Path("."),
    codebook: CodebookOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Take a coder's filled-in workbook back into the project: every row is checked, and
    nothing is stored unless all rows are valid."""
    from fritekst import load_codebook, review_import

    done = review_import(file, coder_name, project, load_codebook(codebook))
    if as_json:
        print(json.dumps(done))
    elif done["already"]:
        _say(f"{file}: already taken back; nothing new stored.")
    else:
        _say(f"Stored {done['reviewed']} codes by {coder_name} ({done['no_theme']} with no "
             f"theme); {done['not_reviewed']} rows were not reviewed.")


@app.command("discover")
def discover_cmd(
    files_: SurveyFiles = None,
    project: ProjectOpt = None,
    k: Annotated[int | None, typer.Option(
        "--k", min=1, max=30, help="How many groups (default: about one per 15 units).")
    ] = None,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Units coded with less confidence than this are looked at too.")] = 0.5,
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None, codebook: CodebookOpt = None,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, redact: RedactOpt = True,
    as_json: JsonOpt = False,
) -> None:
    """Does the coding frame miss something? Groups the units that got no theme (or little
    confidence) by the words they share, with top words, size and example quotes."""
    from fritekst import discover_themes, discover_view

    options = _options(municipality, id_column, text, rating, polarity)
    project = _project(files_, project, options)
    with _progress("Koder") as progress:
        groups = discover_themes(None if project is not None else files_, project, options,
                                 _coder(codebook, model, rules_only), k=k,
                                 min_confidence=min_confidence, redact=redact,
                                 progress=progress)
    if as_json:
        print(json.dumps({"groups": groups.to_dict("records")}, ensure_ascii=False, indent=1))
    elif groups.empty:
        _say("Too few units without a theme to group (fewer than 10, or no word they share).")
    else:
        _show([discover_view(groups)])


codebook_app = typer.Typer(help="The project's coding frame: show it, add a theme, rename a "
                           "label, merge two themes, split one.", no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")
ProjectDirOpt = Annotated[Path, typer.Option("--project", help="The project folder.")]
LabelOpt = Annotated[str | None, typer.Option("--label", help="The neutral label.")]
StrengthOpt = Annotated[str | None, typer.Option(
    "--strength-label", help="The label in tables of strengths.")]
ChallengeOpt = Annotated[str | None, typer.Option(
    "--challenge-label", help="The label in tables of challenges.")]


def _changed(action: str, args: dict, project: Path, codebook: Path | None) -> None:
    from fritekst import change_codebook, load_codebook

    frame = change_codebook(action, {k: v for k, v in args.items() if v is not None}, project,
                            load_codebook(codebook))
    _say(f"Coding frame now {frame.codebook.name} {frame.codebook.version}: "
         f"{len(frame.codebook.themes)} themes.")


@codebook_app.command("show")
def codebook_show_cmd(project: ProjectDirOpt = Path("."), codebook: CodebookOpt = None) -> None:
    """The themes in force, with their labels, and the changes made in the project."""
    from fritekst import frame_views, load_codebook, project_frame

    _show(frame_views(project_frame(project, load_codebook(codebook))))


@codebook_app.command("add")
def codebook_add_cmd(
    theme: Annotated[str, typer.Argument(help="The new theme's id (lower case, _).")],
    label: LabelOpt = None,
    definition: Annotated[str, typer.Option("--definition", help="What it covers.")] = "",
    strength_label: StrengthOpt = None, challenge_label: ChallengeOpt = None,
    project: ProjectDirOpt = Path("."), codebook: CodebookOpt = None,
) -> None:
    """Add a theme. Researchers can code it at once; the model learns it only when trained
    with a codebook file that has it."""
    _changed("add", {"id": theme, "label": label or "", "definition": definition,
                     "strength_label": strength_label, "challenge_label": challenge_label},
             project, codebook)


@codebook_app.command("rename")
def codebook_rename_cmd(
    theme: Annotated[str, typer.Argument(help="The theme's id.")],
    label: LabelOpt = None, strength_label: StrengthOpt = None,
    challenge_label: ChallengeOpt = None,
    project: ProjectDirOpt = Path("."), codebook: CodebookOpt = None,
) -> None:
    """Give a theme new labels; its id and codes stay."""
    _changed("rename", {"id": theme, "label": label, "strength_label": strength_label,
                        "challenge_label": challenge_label}, project, codebook)


@codebook_app.command("merge")
def codebook_merge_cmd(
    theme: Annotated[str, typer.Argument(help="The theme that goes.")],
    into: Annotated[str, typer.Option("--into", help="The theme it becomes part of.")],
    project: ProjectDirOpt = Path("."), codebook: CodebookOpt = None,
) -> None:
    """Merge a theme into another: its codes count as the other theme from now on."""
    _changed("merge", {"id": theme, "into": into}, project, codebook)


@codebook_app.command("split")
def codebook_split_cmd(
    theme: Annotated[str, typer.Argument(help="The theme to split.")],
    into: Annotated[list[str], typer.Option(
        "--into", help="A new theme as ID=Label; give two or more.")],
    project: ProjectDirOpt = Path("."), codebook: CodebookOpt = None,
) -> None:
    """Split a theme into new ones: units coded with it wait for review (status to_review)
    until a researcher codes them again."""
    parts = []
    for item in into:
        tid, _, label = item.partition("=")
        if not label.strip():
            raise FritekstError(f"--into {item!r}: give each new theme as ID=Label.")
        parts.append({"id": tid.strip(), "label": label.strip()})
    _changed("split", {"id": theme, "into": parts}, project, codebook)


export_app = typer.Typer(help="Tables for statistics programs.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("matrix")
def export_matrix_cmd(
    files_: SurveyFiles = None,
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="The matrix to write: .csv, .xlsx, or .sav (SPSS, with "
        "variable and value labels; needs fritekst[spss]).")] = Path("tema.xlsx"),
    project: ProjectOpt = None,
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None, codebook: CodebookOpt = None,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False,
) -> None:
    """One row per respondent: the survey's own columns (municipality, ratings), whether they
    answered each kind of question, and a 0/1 column per polarity × theme (a researcher's
    code where there is one)."""
    from fritekst import check_matrix_path, respondent_table, write_matrix

    check_matrix_path(output)
    options = _options(municipality, id_column, text, rating, polarity)
    project = _project(files_, project, options)
    with _progress("Koder") as progress:
        matrix = respondent_table(None if project is not None else files_, project, options,
                                  _coder(codebook, model, rules_only), progress=progress)
    _say(f"{len(matrix.table)} respondents, {len(matrix.table.columns)} columns.")
    _wrote(write_matrix(matrix, output))


@app.command("agreement")
def agreement_cmd(
    project: Annotated[Path, typer.Option("--project", help="The project folder.")] = Path("."),
    coders: Annotated[str | None, typer.Option(
        "--coders", help="The coders to compare, as A,B (default: every coder with codes).")
    ] = None,
    codebook: CodebookOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Agreement for the method section: per theme Cohen's kappa, percent agreement and
    Krippendorff's alpha, coder against coder and coder against the model, on the units
    both coded, with N."""
    from fritekst import load_codebook, project_agreement, project_frame, reliability_views

    book = load_codebook(codebook)
    chosen = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    result = project_agreement(project, chosen, book)
    book = project_frame(project, book).codebook  # labels of added and split themes too
    if as_json:
        table = result.table.astype(object).where(result.table.notna(), None)
        print(json.dumps({"pairs": result.pairs, "themes": table.to_dict("records")},
                         ensure_ascii=False, indent=1))
        return
    _show(reliability_views(result, book.labels),
          ["Per tema: har koderen gitt temaet eller ikke. «(alle)»: samsvar og alfa over alle "
           "enhet × tema-beslutninger, kappa som snitt over temaene som forekommer."])


@app.command("import")
def import_cmd(
    files_: Files,
    project: Annotated[Path, typer.Option(
        "--project", help="The project folder; made, with its fritekst.db, if it does not "
        "exist.")] = Path("."),
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Store survey exports in a project: a file already there is left as it is, a changed
    one becomes its next version. Then code, summarize and review work on the project."""
    from fritekst import DB_NAME, import_to_project

    options = _options(municipality, id_column, text, rating, polarity)
    with _progress("Leser") as progress:
        result = import_to_project(files_, project, options, progress=progress)
    if as_json:
        print(json.dumps({"imported": result.imported, "unchanged": result.unchanged,
                          "notes": result.notes}, ensure_ascii=False, indent=1))
        return
    _imported(result, project)
    _say(f"Project: {project / DB_NAME}")
@app.command("code")
def code_cmd(
    files_: SurveyFiles = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write coded units to .csv, .xlsx or .jsonl (else print CSV "
        "when piped, a preview in a terminal).")] = None,
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None, codebook: CodebookOpt = None,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, min_confidence: MinConfOpt = None,
    redact: RedactOpt = True, project: ProjectOpt = None,
    auto_precision: Annotated[float | None, typer.Option(
        "--auto-precision", min=0.5, max=1.0,
        help="With a project: code alone only the units above the confidence at which the "
        "model reached this precision on your coded units (see 'review plan'); the rest go "
        "to review.")] = None,
    workers: WorkersOpt = None,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="SCHEDULER", show_default=False,
        help="Code on a running Dask cluster: the scheduler's address (tcp://host:8786). Each "
        "Dask worker loads the model once; a model of your own must be at the same path on "
        "every worker; the cluster's workers do the coding (not with --workers). Needs pip "
        "install 'fritekst\\[dask]'.")] = None,
) -> None:
    """Code every answer unit: one row per unit with themes, confidence and evidence."""
    from fritekst import (
        check_coded_path,
        code_files,
        code_project,
        coded_csv,
        coded_view,
        write_coded,
    )

    if dask and workers is not None:
        raise FritekstError("give --workers or --dask, not both: on a Dask cluster its "
                            "workers do the coding.")
    if output:
        check_coded_path(output)
    options = _options(municipality, id_column, text, rating, polarity)
    project = _project(files_, project, options)
    with _progress("Koder" if project is not None else "Leser") as progress:
        if project is not None:
            coded = code_project(project, _coder(codebook, model, rules_only),
                                 progress=progress, min_confidence=min_confidence,
                                 auto_precision=auto_precision,
                                 workers=_workers(workers), dask=dask)
        else:
            if auto_precision is not None:
                raise FritekstError("--auto-precision needs a project with coded units "
                                    "(--project DIR).")
            coded = code_files(files_ or [], options, _coder(codebook, model, rules_only),
                               progress=progress, min_confidence=min_confidence,
                               workers=_workers(workers), dask=dask)
    if redact:
        coded = coded.redacted()
    _notes(coded.meta)
    c = coded.meta["counts"]
    summary_line = (f"{c['respondents']} respondents, {c['units']} answer units: "
                    f"{c['coded']} coded, {c['uncoded']} uncoded, {c['to_review']} to review; "
                    f"{c['non_answers']} non-answers, {c['empty']} empty boxes, "
                    f"{c['skipped_rows']} rows skipped.")
    if output:
        written = write_coded(coded.units, coded.meta, output)
        _say(summary_line)
        _wrote(written)
    elif not out.is_terminal:
        _write_raw(coded_csv(coded.units))
    else:
        _show([coded_view(coded.units)], [summary_line])


@app.command("summarize")
def summarize_cmd(
    files_: SurveyFiles = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write the report to .xlsx, .md, .csv or .json.")] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print one JSON object (themes, ratings, responses, meta).")] = False,
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None, role: RoleOpt = None,
    codebook: CodebookOpt = None,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, min_confidence: MinConfOpt = None,
    quotes: Annotated[int, typer.Option(help="Quotes per theme and municipality.",
                                        min=0, max=10)] = 3,
    redact: RedactOpt = True,
    min_cell: Annotated[int, typer.Option(
        "--min-cell", help="Show counts below this as '<N' (small-cell suppression).",
        min=0)] = 0,
    project: ProjectOpt = None,
    by: Annotated[ByChoice | None, typer.Option(
        "--by", help="Also break the theme and rating tables down by the respondents' "
        "function ('role'); someone with several functions counts under each.")] = None,
    workers: WorkersOpt = None,
) -> None:
    """Per municipality: which strengths and challenges respondents name, by how many, with
    quotes; a theme × municipality matrix per polarity; and the rating tables."""
    from fritekst import check_summary_path, summarize_files, summarize_project

    if output:
        check_summary_path(output)
    options = _options(municipality, id_column, text, rating, polarity, role)
    by_ = by.value if by else None
    project = _project(files_, project, options)
    coder = _coder(codebook, model, rules_only)
    with _progress("Koder" if project is not None else "Leser") as progress:
        if project is not None:
            summary = summarize_project(project, coder, quotes=quotes, redact=redact,
                                        min_cell=min_cell, progress=progress,
                                        min_confidence=min_confidence, by=by_,
                                        workers=_workers(workers))
        else:
            summary = summarize_files(files_ or [], options, coder, quotes=quotes,
                                      redact=redact, min_cell=min_cell, progress=progress,
                                      min_confidence=min_confidence, by=by_,
                                      workers=_workers(workers))
    _show_summary(summary, output, as_json)


def _show_summary(summary, output: Path | None, as_json: bool) -> None:
    from fritekst import meta_lines, summary_json, summary_markdown, summary_views, write_summary

    _notes(summary.meta)
    if output:
        _wrote(write_summary(summary, output))
    if as_json:
        print(summary_json(summary))
    elif not output:
        if out.is_terminal:
            _show(summary_views(summary), meta_lines(summary.meta))
        else:
            sys.stdout.write(summary_markdown(summary))


@app.command("train")
def train_cmd(
    output: Annotated[Path, typer.Option("-o", "--output", help="Model folder to write.")],
    labelled: Annotated[Path | None, typer.Argument(
        help="Labelled CSV: text, themes (;-joined ids), polarity (styrke/utfordring/"
        "nøytral), kind (answer/sentence), and optionally relevant (1 about boligsosialt "
        "arbeid, 0 off-topic). Not with --from-project.",
        show_default=False)] = None,
    from_project: Annotated[bool, typer.Option(
        "--from-project", help="Train on the units researchers coded in the project, plus "
        "the data the shipped model was trained on (that takes about 15 minutes).")] = False,
    project: Annotated[Path, typer.Option("--project", help="The project folder.")] = Path("."),
    only_project: Annotated[bool, typer.Option(
        "--only-project", help="With --from-project: the project's coded units alone.")
    ] = False,
    name: Annotated[str, typer.Option(help="Model name, recorded in every output.")] = "",
    version: Annotated[str, typer.Option(help="Model version.")] = "1",
    codebook: CodebookOpt = None,
) -> None:
    """Train a model on labelled units: cross-validates, picks thresholds, learns polarity
    (three-way where the data has neutral units) and, with at least 20 off-topic units,
    relevance; writes the model and its model card (README.md)."""
    from fritekst import train_file, train_from_project

    if from_project == (labelled is not None):
        raise FritekstError("give a labelled file, or --from-project (not both).")
    if from_project:
        with _status() as say:
            done = train_from_project(output, project, only_project=only_project, name=name,
                                      version=version, codebook=codebook, progress=say)
        before = done["previous_cross_validated_micro_f1"]
        on = done["previous_on_project"]
        _say(f"Trained {done['model'].model_version} on {done['units']} units "
             f"({done['project_units']} coded in the project); cross-validated micro-F1 "
             f"{done['cross_validated_micro_f1']:.3f}"
             + (f" (previous model {done['previous']}: {before:.3f})" if before else "")
             + f". The previous model agreed with your coders at micro-F1 "
             f"{on['micro_f1']:.3f} on the {on['units']} coded units. Wrote {output}/")
        return
    with _status() as say:
        model = train_file(labelled, output, name=name, version=version, codebook=codebook,
                           progress=say)
    cv = model.meta_["cross_validation"]
    _say(f"Trained {model.model_version} ({model.variant_}) on {model.meta_['data']['rows']} "
         f"units; cross-validated micro-F1 {cv['micro_f1']:.3f}. Wrote {output}/")


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold CSV: text, themes, and optionally "
                                         "polarity, kind and relevant.", show_default=False)],
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, codebook: CodebookOpt = None,
    min_confidence: MinConfOpt = None,
    kind: Annotated[KindChoice | None, typer.Option(
        "--kind", help="Measure only the answers or only the report sentences of the file.")
    ] = None,
    as_json: JsonOpt = False,
    redact: RedactOpt = True,
) -> None:
    """Code the gold file's text and compare with its themes (and polarity): per-theme
    precision, recall, F1 and Cohen's kappa, micro/macro F1, exact-set accuracy, three-way
    polarity accuracy, the share of off-topic units given a theme (with a relevant column),
    confusions, the worst units, and coverage at 95 % precision."""
    from fritekst import evaluate_file, evaluation_views

    result = evaluate_file(gold, _coder(codebook, model, rules_only),
                           kind=kind.value if kind else None, min_confidence=min_confidence)
    if redact:
        result = result.redacted()
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str))
    else:
        _show(evaluation_views(result))


# ---- network command -----------------------------------------------------------------------
class ThresholdChoice(StrEnum):
    daglig = "daglig"
    ukentlig = "ukentlig"
    maanedlig = "månedlig"


@app.command("network")
def network_cmd(
    files_: Annotated[list[Path] | None, typer.Argument(
        help="Contact matrices from Questback (.xlsx, .csv) or edge lists (fra, til, "
        "hyppighet); none with --demo.", metavar="[FILE...]", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write one PNG and one SVG picture per municipality and "
        "threshold into this folder (made if missing).")] = None,
    as_json: JsonOpt = False,
    threshold: Annotated[list[ThresholdChoice] | None, typer.Option(
        "--threshold", help="Count a tie where either person reports contact this often or "
        "more; repeat for several (default: ukentlig).")] = None,
    names: Annotated[bool, typer.Option(
        "--names", help="Show people's names instead of their function (names are "
        "personal data).")] = False,
    demo: Annotated[bool, typer.Option(
        "--demo", help="Use the bundled demo networks of the five demo municipalities.")
    ] = False,
) -> None:
    """Who talks to whom about housing-social questions, per municipality: people, ties,
    density, components, isolates, clusters (modularity), bridge-builders (betweenness) and
    the longest chain, each with a sentence in Norwegian; contact with the political level
    by function; with -o, pictures that show clusters, bridges, chains and isolates."""
    from fritekst import (
        analyze_network,
        check_picture_folder,
        demo_network_files,
        network_json,
        network_lines,
        network_views,
        write_network_pictures,
    )

    if demo:
        files_ = [*(files_ or []), *demo_network_files()]
    if not files_:
        raise FritekstError("give network files (FILE...), or --demo.")
    if output:
        check_picture_folder(output)
    analysis = analyze_network(files_, [t.value for t in threshold or [ThresholdChoice.ukentlig]],
                               names=names)
    for note in analysis.notes:
        err.print(f"[yellow]Note:[/] {note}", highlight=False)
    if output:
        _wrote(write_network_pictures(analysis, output))
    if as_json:
        print(json.dumps(network_json(analysis), ensure_ascii=False, indent=1))
    else:
        _show(network_views(analysis), network_lines(analysis))


# ---- municipality reports ------------------------------------------------------------------
class ReportFormat(StrEnum):
    docx = "docx"
    html = "html"
    md = "md"


@app.command("report")
def report_cmd(
    output: Annotated[Path, typer.Option(
        "-o", "--output", help="The folder to write the reports into (made if missing).",
        show_default=False)],
    files_: Annotated[list[Path] | None, typer.Argument(
        help="Survey exports (.xlsx, .csv, .tsv, .txt); none with --demo.", metavar="[FILE...]",
        show_default=False)] = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", help="docx (Word, real heading styles), html (one self-contained file "
        "each) or md (Markdown, pictures as PNG files beside it).")] = ReportFormat.docx,
    network: Annotated[list[Path] | None, typer.Option(
        "--network", help="A contact matrix or edge list (as 'fritekst network' reads it), "
        "or a folder of them, matched to the survey's municipalities by name; repeat for "
        "several files (a shell pattern after one --network would be read as survey files: "
        "give the folder).")] = None,
    nynorsk: Annotated[bool, typer.Option(
        "--nynorsk", help="Write the reports' fixed text in Nynorsk (default Bokmål).")
    ] = False,
    min_cell: Annotated[int, typer.Option(
        "--min-cell", help="Show counts below this as '<N' and leave them out of the "
        "sentences (small-cell suppression).", min=0)] = 0,
    demo: Annotated[bool, typer.Option(
        "--demo", help="Use the bundled demo survey and the demo networks of its five "
        "municipalities.")] = False,
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None, role: RoleOpt = None,
    codebook: CodebookOpt = None, model: ModelOpt = None, rules_only: RulesOnlyOpt = False,
    quotes: Annotated[int, typer.Option(help="Quotes per theme and municipality.",
                                        min=0, max=10)] = 3,
) -> None:
    """One report per municipality and one comparing them, in Norwegian: responses,
    strengths and challenges with counts, shares and quotes, the rating tables and charts,
    the breakdown by function, the network figures and pictures, and sentences that say
    what the tables show."""
    from fritekst import (
        check_report_folder,
        demo_network_files,
        demo_survey,
        report_documents,
        write_documents,
    )

    if demo:
        files_ = [*(files_ or []), demo_survey()]
        network = [*(network or []), *demo_network_files()]
    if not files_:
        raise FritekstError("give survey files (FILE...), or --demo.")
    folder = check_report_folder(output)
    with _progress("Koder") as progress:
        docs = report_documents(files_, network=network, nynorsk=nynorsk, min_cell=min_cell,
                                options=_options(municipality, id_column, text, rating,
                                                 polarity, role),
                                coder=_coder(codebook, model, rules_only), quotes=quotes,
                                progress=progress)
    for note in docs[0].notes if docs else []:
        err.print(f"[yellow]Note:[/] {note}", highlight=False)
    _wrote(write_documents(docs, folder, fmt.value))


# ---- report commands -----------------------------------------------------------------------
@app.command("extract")
def extract_cmd(
    inputs: Reports,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write JSON lines to this .jsonl file (else print them).")
    ] = None,
    by_paragraph: Annotated[bool, typer.Option(
        "--paragraphs", help="One record per paragraph instead of per page.")] = False,
    tables: Annotated[bool, typer.Option(
        "--tables/--no-tables", help="Read ruled tables as rows of cells with pdfplumber "
        "(slower on pages with many rules).")] = True,
    ocr: OcrOpt = False,
) -> None:
    """Text of PDF reports in reading order, one JSON record per page (source, page_index,
    page_label, ocr, text, skipped) or per paragraph. Running heads and page numbers are
    removed, words broken at line ends joined; pages without a text layer are reported as
    skipped, or read with --ocr."""
    from fritekst import check_pages_path, extract_reports, pages_jsonl, write_pages

    if output:
        check_pages_path(output)
    with _progress("Leser") as progress:
        reports = extract_reports(inputs, tables=tables, progress=progress, ocr=ocr)
    if output:
        write_pages(reports.docs, output, by_paragraph)
        by_ocr = f", {reports.pages_ocr} read by OCR" if ocr else ""
        _say(f"{len(reports.docs)} reports, {reports.pages} pages "
             f"({reports.pages_without_text} without text{by_ocr}). Wrote {output}")
    else:
        for line in pages_jsonl(reports.docs, by_paragraph):
            print(line)
    _failures(reports.failures)


@app.command("meta")
def meta_cmd(
    inputs: Reports,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write .bib (BibTeX), .ris (RIS), .csv, .xlsx or .json.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ocr: OcrOpt = False,
) -> None:
    """Title and subtitle, authors or editors (or the institution), year, series, publisher
    and place, client, ISSN/ISBN, DOI, keywords, written standard and page count of each
    report; export for Zotero or EndNote with -o refs.bib / refs.ris (PDFs attached)."""
    from fritekst import check_meta_path, meta_rows, meta_view, report_metadata, write_meta

    if output:
        check_meta_path(output)
    metas, failures = report_metadata(inputs, ocr=ocr)
    if output:
        _wrote(write_meta(metas, output))
    if as_json:
        print(json.dumps(meta_rows(metas), ensure_ascii=False, indent=1))
    elif not output:
        _show([meta_view(meta_rows(metas))])
    _failures(failures)


@app.command("literature")
def literature_cmd(
    inputs: IndexedReports = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write the review to .xlsx (all views), .json, or .csv "
        "(the coded sentences).")] = None,
    as_json: JsonOpt = False,
    all_documents: Annotated[bool, typer.Option(
        "--all-documents", help="Count every report in the matrices, also those with fewer "
        "than 10 % of their sentences about boligsosialt arbeid (flagged otherwise).")] = False,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, codebook: CodebookOpt = None,
    project: IndexOpt = None, ocr: OcrOpt = False, workers: WorkersOpt = None,
) -> None:
    """What earlier reports say: every sentence coded with themes, polarity (styrke,
    utfordring, nøytral) and the municipalities it speaks about, with its page; a theme ×
    report matrix counting strengths, challenges and neutral mentions apart; a municipality ×
    theme matrix of citations ("Yttredal m.fl. 2015, s. 25"); and the reports' metadata with
    each report's share of sentences about boligsosialt arbeid. A report that is hardly about
    the field is flagged and left out of the matrices."""
    from fritekst import (
        CoderSpec,
        check_review_path,
        review_files,
        review_json,
        review_reports,
        review_views,
        write_review,
    )

    if output:
        check_review_path(output)
    project = _index_project(inputs, project)
    with _progress("Leser og koder") as progress:
        if project is not None:
            review = review_reports(inputs or [], project, spec=CoderSpec(model, codebook,
                                                                           rules_only),
                                    progress=progress, all_documents=all_documents, ocr=ocr,
                                    workers=_workers(workers))
        else:
            review = review_files(inputs or [], _coder(codebook, model, rules_only),
                                  progress=progress, all_documents=all_documents, ocr=ocr,
                                  workers=_workers(workers))
    c = review.meta["counts"]
    for left in review.meta["left_out"]:
        err.print(f"[yellow]Left out of the matrices:[/] {left['source']} "
                  f"({left['relevant_share'] * 100:.0f} % of sentences about boligsosialt "
                  "arbeid); "
                  "--all-documents counts it.", highlight=False)
    by_ocr = f", {c['pages_ocr']} read by OCR" if ocr else ""
    line = (f"{c['reports']} reports, {c['pages']} pages ({c['pages_skipped']} without text"
            f"{by_ocr}), "
            f"{c['sentences']} sentences: {c['coded']} coded, {c['uncoded']} uncoded, "
            f"{c['not_coded']} not claims (title pages, contents, references, headings, "
            "tables).")
    for _, p in review.skipped_pages.iterrows():
        err.print(f"[yellow]Skipped:[/] {p['source']}, page {p['page_index'] + 1}: "
                  f"{p['reason']}", highlight=False)
    if output:
        write_review(review, output)
        _say(line)
        _wrote([output])
    if as_json:
        print(json.dumps(review_json(review), ensure_ascii=False, indent=1, default=str))
    elif not output and len(review.reports):
        _show(review_views(review), [line])
    _failures(review.failures)


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="Words to find; each matches its inflections, "
                                         "Nynorsk forms and compounds.", show_default=False)],
    inputs: IndexedReports = None,
    theme: Annotated[str | None, typer.Option(
        "--theme", help="Only sentences coded with this theme id.")] = None,
    municipality: Annotated[str | None, typer.Option(
        "--municipality", help="Only sentences about this municipality (old names too).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON records.")] = False,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, project: IndexOpt = None,
    ocr: OcrOpt = False,
) -> None:
    """Keyword in context over reports, with report and page: searching "bolig" finds
    "boligene", "bustader", "utleieboliger", "eneboliger" and "boligsosiale". With an index
    ('fritekst index'), a search of files already indexed takes well under a second."""
    from fritekst import search_lines

    project = _index_project(inputs, project)
    found = None
    if project is not None:
        # when nothing must be read or coded: straight to the index, without pandas or the
        # coder
        from fritekst import CoderSpec, search_project

        found = search_project(query, project, inputs or [],
                               spec=CoderSpec(model, None, rules_only), ocr=ocr, theme=theme,
                               municipality=municipality)
    if found is not None:
        hits, reports, failures = found.hits, found.reports, []
    else:
        from fritekst import CoderSpec, search_index, search_reports

        with _progress("Leser og koder") as progress:
            if project is not None:
                frame, review = search_index(
                    query, inputs or [], project, spec=CoderSpec(model, None, rules_only),
                    theme=theme, municipality=municipality, progress=progress, ocr=ocr)
            else:
                frame, review = search_reports(
                    query, inputs or [], _coder(None, model, rules_only), theme=theme,
                    municipality=municipality, progress=progress, ocr=ocr)
        hits, reports, failures = (frame.to_dict("records"), review.meta["counts"]["reports"],
                                   review.failures)
    if as_json:
        print(json.dumps(hits, ensure_ascii=False, indent=1, default=str))
    else:
        for line in search_lines(hits, out.is_terminal):
            out.print(line, highlight=False, soft_wrap=True)
        _say(f"{len(hits)} hits in {reports} reports.")
    _failures(failures)


@app.command("index")
def index_cmd(
    inputs: Reports,
    project: Annotated[Path, typer.Option(
        "--project", help="The project folder whose store keeps the index (made when "
        "missing).")] = Path("."),
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, codebook: CodebookOpt = None,
    ocr: OcrOpt = False, workers: WorkersOpt = None,
) -> None:
    """Read and code every PDF report once into the project's store (fritekst.db), so that
    'search' and 'literature' answer from it in under a second. Run it again after adding or
    changing files: only new and changed files are read; files gone from an indexed folder
    are dropped, and a new fritekst or model reads everything again."""
    from fritekst import CoderSpec, index_reports

    with _progress("Indekserer") as progress:
        done = index_reports(inputs, project, spec=CoderSpec(model, codebook, rules_only),
                             progress=progress, ocr=ocr, workers=_workers(workers))
    _say(f"{len(done.added)} added, {len(done.updated)} read again, {len(done.unchanged)} "
         f"unchanged, {len(done.dropped)} dropped; {len(done.files)} reports indexed in "
         f"{Path(project) / 'fritekst.db'}.")
    _failures(done.failures)


def _index_project(inputs: list[Path] | None, project: Path | None) -> Path | None:
    """The project whose index to read reports through: the one given, else the current
    folder's when it has a store; an error when there is none and no files were given."""
    from fritekst import DB_NAME

    if project is None and Path(DB_NAME).exists():
        project = Path(".")
    if project is None and not inputs:
        raise FritekstError("give PDF reports or folders (FILE_OR_DIR...), or an indexed "
                            "project with --project DIR.")
    return project


@app.command("demo")
def demo_cmd(
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Also write the demo report (.xlsx, .md, .csv, .json).")] = None,
    reports: Annotated[bool, typer.Option(
        "--reports", help="Run the literature review on the bundled demo report (PDF) "
        "instead.")] = False,
) -> None:
    """Run the whole chain on the bundled demo survey (five municipalities, 100 respondents),
    or with --reports the literature review on a bundled 40-page research note."""
    from fritekst import check_summary_path, demo_report, demo_survey, summarize_files

    if reports:
        _say(f"Demo report: {demo_report()}")
        literature_cmd([demo_report()], output=output, as_json=False)
        return
    if output:
        check_summary_path(output)
    _say(f"Demo survey: {demo_survey()}")
    with _progress("Leser") as progress:
        summary = summarize_files([demo_survey()], redact=True, progress=progress)
    _show_summary(summary, output, as_json=False)


def main() -> None:
    """Entry point: run the app; turn fritekst's own errors into one line and exit code 1."""
    for stream in (sys.stdout, sys.stderr):
        # redirected to a file on Windows, Python writes the ANSI code page (cp1252), which
        # has no "≥" or "→" and turns "ø" into a byte other programs misread: write UTF-8
        if not stream.isatty() and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        app()
    except FritekstError as exc:
        # the message is text, not markup: "fritekst[spss]" keeps its brackets
        err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C inside a command into exit code 130
            err.print("Interrupted.")
        raise


if __name__ == "__main__":  # pragma: no cover
    main()

"""The ``fritekst`` command: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from fritekst.errors import FritekstError

app = typer.Typer(
    help="Code Norwegian open survey answers about social housing work into themes and tables.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

Files = Annotated[list[Path], typer.Argument(
    help="Survey exports (.xlsx, .csv, .tsv, .txt).", metavar="FILE...", show_default=False)]
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
PolarityOpt = Annotated[list[str] | None, typer.Option(
    "--polarity", help="COLUMN=styrke or COLUMN=utfordring, overriding what the question text "
    "says; repeatable.")]
CodebookOpt = Annotated[Path | None, typer.Option(
    "--codebook", help="Your own codebook (TOML); default: the shipped codebook.")]
ModelOpt = Annotated[Path | None, typer.Option(
    "--model", help="A model folder made by 'fritekst train'; default: the shipped model.")]
RulesOnlyOpt = Annotated[bool, typer.Option(
    "--rules-only", help="Code with the codebook patterns alone, without a learned model.")]
MinConfOpt = Annotated[float | None, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Mark units the coder is less sure of as 'to_review' instead of guessing.")]


def _options(municipality, id_column, text, rating, polarity):
    from fritekst.extract.columns import ColumnOptions

    return ColumnOptions(
        municipality_column=municipality, id_column=id_column,
        text_columns=list(text or []), rating_columns=list(rating or []),
        polarity=ColumnOptions.parse_polarity(list(polarity or [])),
    )


def _coder(codebook: Path | None, model: Path | None = None, rules_only: bool = False):
    from fritekst.api import make_coder

    return make_coder(model=model, codebook=codebook, rules_only=rules_only)


@contextmanager
def _progress(label: str):
    """A progress bar on stderr when it is a terminal; nothing when output is piped."""
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _notes(meta: dict) -> None:
    for note in meta.get("notes", []):
        err.print(f"[yellow]Note:[/] {note}", highlight=False)
    for s in meta.get("skipped", []):
        err.print(f"[yellow]Skipped:[/] {s['source']}, row {s['row']}: {s['reason']}",
                  highlight=False)


@app.command("code")
def code_cmd(
    files_: Files,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write coded units to .csv, .xlsx or .jsonl (else print CSV "
        "when piped, a preview in a terminal).")] = None,
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None, codebook: CodebookOpt = None,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, min_confidence: MinConfOpt = None,
) -> None:
    """Code every answer unit: one row per unit with themes, confidence and evidence."""
    from fritekst.api import code_files
    from fritekst.export import write_coded

    options = _options(municipality, id_column, text, rating, polarity)
    with _progress("Koder") as progress:
        coded = code_files(files_, options, _coder(codebook, model, rules_only),
                           progress=progress, min_confidence=min_confidence)
    _notes(coded.meta)
    c = coded.meta["counts"]
    summary_line = (f"{c['respondents']} respondents, {c['units']} answer units: "
                    f"{c['coded']} coded, {c['uncoded']} uncoded, {c['to_review']} to review; "
                    f"{c['non_answers']} non-answers,"
                    f" {c['empty']} empty boxes, {c['skipped_rows']} rows skipped.")
    if output:
        written = write_coded(coded.units, coded.meta, output)
        err.print(summary_line, highlight=False)
        err.print(f"Wrote {', '.join(str(p) for p in written)}", highlight=False)
    elif not out.is_terminal:
        coded.units.to_csv(sys.stdout, index=False)
    else:
        from fritekst.render import coded_preview

        out.print(coded_preview(coded.units))
        out.print(summary_line, highlight=False)


@app.command("summarize")
def summarize_cmd(
    files_: Files,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Write the report to .xlsx, .md, .csv or .json.")] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print one JSON object (themes, ratings, responses, meta).")] = False,
    municipality: MunicipalityOpt = None, id_column: IdOpt = None, text: TextOpt = None,
    rating: RatingOpt = None, polarity: PolarityOpt = None, codebook: CodebookOpt = None,
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, min_confidence: MinConfOpt = None,
    quotes: Annotated[int, typer.Option(help="Quotes per theme and municipality.",
                                        min=0, max=10)] = 3,
    redact: Annotated[bool, typer.Option(
        "--redact/--no-redact", help="Replace names, phone numbers, e-mail and national id "
        "numbers in quotes (on by default).")] = True,
    min_cell: Annotated[int, typer.Option(
        "--min-cell", help="Show counts below this as '<N' (small-cell suppression).",
        min=0)] = 0,
) -> None:
    """Per municipality: which strengths and challenges respondents name, by how many, with
    quotes; a theme × municipality matrix per polarity; and the rating tables."""
    from fritekst.api import summarize_files

    options = _options(municipality, id_column, text, rating, polarity)
    with _progress("Koder") as progress:
        summary = summarize_files(files_, options, _coder(codebook, model, rules_only),
                                  quotes=quotes, redact=redact, min_cell=min_cell,
                                  progress=progress, min_confidence=min_confidence)
    _show_summary(summary, output, as_json)


def _show_summary(summary, output: Path | None, as_json: bool) -> None:
    from fritekst.export import write_summary
    from fritekst.export.jsonout import summary_json

    _notes(summary.meta)
    if output:
        written = write_summary(summary, output)
        err.print(f"Wrote {', '.join(str(p) for p in written)}", highlight=False)
    if as_json:
        print(summary_json(summary))
    elif not output:
        if out.is_terminal:
            from fritekst.render import summary_renderables

            for part in summary_renderables(summary):
                out.print(part)
        else:
            from fritekst.export.markdown import render

            sys.stdout.write(render(summary))


@app.command("train")
def train_cmd(
    labelled: Annotated[Path, typer.Argument(
        help="Labelled CSV: text, themes (;-joined ids), polarity, kind (answer/sentence).",
        show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Model folder to write.")],
    name: Annotated[str, typer.Option(help="Model name, recorded in every output.")] = "",
    version: Annotated[str, typer.Option(help="Model version.")] = "1",
    codebook: CodebookOpt = None,
) -> None:
    """Train a model on labelled units: cross-validates, picks thresholds, writes the model
    and its model card (README.md)."""
    from fritekst.coding.card import write_card
    from fritekst.coding.rules import RuleCoder
    from fritekst.coding.train import read_labelled, train

    df = read_labelled(labelled, RuleCoder(codebook).codebook.ids)
    with _status() as say:
        model = train(df, name=name or output.name, version=version, codebook_path=codebook,
                      progress=say, source=labelled.name)
    model.save(output)
    write_card(model, output)
    cv = model.meta["cross_validation"]
    err.print(f"Trained {model.version} ({model.variant}) on {len(df)} units; cross-validated "
              f"micro-F1 {cv['micro_f1']:.3f}. Wrote {output}/", highlight=False)


@app.command("evaluate")
def evaluate_cmd(
    gold: Annotated[Path, typer.Argument(help="Gold CSV: text, themes, and optionally "
                                         "polarity and kind.", show_default=False)],
    model: ModelOpt = None, rules_only: RulesOnlyOpt = False, codebook: CodebookOpt = None,
    min_confidence: MinConfOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Code the gold file's text and compare with its themes (and polarity): per-theme
    precision, recall, F1 and Cohen's kappa, micro/macro F1, exact-set accuracy, confusions,
    the worst units, and coverage at 95 % precision."""
    from fritekst.coding.evaluate import evaluate
    from fritekst.coding.train import read_labelled

    coder = _coder(codebook, model, rules_only)
    result = evaluate(read_labelled(gold, coder.codebook.ids), coder,
                      min_confidence=min_confidence)
    if as_json:
        import json

        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2, default=str))
        return
    from fritekst.render import evaluation_renderables

    for part in evaluation_renderables(result):
        out.print(part)


@contextmanager
def _status():
    """A spinner with the current step on stderr in a terminal; silent when piped."""
    if not err.is_terminal:
        yield lambda _msg: None
        return
    with err.status("") as status:
        yield lambda msg: status.update(msg)


@app.command("demo")
def demo_cmd(
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Also write the demo report (.xlsx, .md, .csv, .json).")] = None,
) -> None:
    """Run the whole chain on the bundled demo survey (five municipalities, 100 respondents)."""
    from fritekst.api import summarize_files

    demo = Path(str(files("fritekst.data").joinpath("demo").joinpath("boligsosial_demo.xlsx")))
    err.print(f"Demo survey: {demo}", highlight=False)
    with _progress("Koder") as progress:
        summary = summarize_files([demo], redact=True, progress=progress)
    _show_summary(summary, output, as_json=False)


def main() -> None:
    """Entry point: run the app; turn fritekst's own errors into one line and exit code 1."""
    try:
        app()
    except FritekstError as exc:
        err.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)


if __name__ == "__main__":  # pragma: no cover
    main()


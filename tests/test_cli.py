"""The command line as a researcher uses it: real files in, files and one-line errors out."""

import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import DEMO_CSV, HEADER, run_cli, write_delimited
from fritekst.cli import app

run = run_cli  # the name the tests here use


def test_plain_text_and_id_columns(tmp_path, capsys, monkeypatch):
    src = write_delimited(tmp_path / "answers.csv", ["id", "text"], [
        ["a1", "For få boliger og uklar ansvarsfordeling"],
        ["a2", "Vet ikke"],
        ["a3", "Spennende undersøkelse"],
    ])
    out_csv = tmp_path / "out.csv"
    code, _, err = run(capsys, monkeypatch, "code", src, "--text-column", "text",
                       "--id-column", "id", "-o", out_csv)
    assert code == 0, err
    df = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    assert list(df.columns[:11]) == ["source", "row", "respondent", "municipality", "question",
                                     "polarity", "unit", "text", "themes", "confidence",
                                     "evidence"]
    assert df["respondent"].tolist() == ["a1", "a1", "a2", "a3"]
    assert df["themes"].tolist() == ["boligmangel", "ansvarsavklaring", "", ""]
    assert df["status"].tolist() == ["coded", "coded", "non_answer", "uncoded"]
    meta = json.loads((tmp_path / "out_meta.json").read_text(encoding="utf-8"))
    assert meta["codebook"]["version"] and meta["coder"]["name"] == "modell"
    assert meta["model"].startswith("fritekst-nb-nn@")
    assert "--municipality-column" in err   # says how to name the group column


@pytest.mark.parametrize("suffix", [".xlsx", ".jsonl"])
def test_code_writes_xlsx_and_jsonl(survey_csv, tmp_path, capsys, monkeypatch, suffix):
    target = tmp_path / f"coded{suffix}"
    code, _, err = run(capsys, monkeypatch, "code", survey_csv, "-o", target)
    assert code == 0, err
    if suffix == ".xlsx":
        wb = load_workbook(target)
        assert wb.sheetnames == ["Kodet", "Meta"]
        assert wb["Kodet"]["I1"].value == "themes"
    else:
        lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
        assert "meta" in lines[0]
        assert lines[1]["themes"] == ["moteplasser"]


def test_summarize_json_counts_add_up(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "summarize", DEMO_CSV, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) >= {"themes", "ratings", "meta"}
    t = data["themes"][0]
    assert set(t) >= {"municipality", "polarity", "theme", "label", "respondents", "answered",
                      "share"}
    r = data["ratings"][0]
    assert set(r) >= {"municipality", "item", "n", "mean", "dont_know", "distribution"}
    c = data["meta"]["counts"]
    assert c["rows"] == c["respondents"] + c["skipped_rows"] == 100
    assert c["boxes"] == c["empty"] + c["non_answers"] + c["answered_boxes"]
    assert c["units"] == c["coded"] + c["uncoded"]
    assert data["meta"]["codebook"]["version"]
    assert data["meta"]["inputs"] == [str(DEMO_CSV)]


def test_summarize_xlsx_and_markdown(tmp_path, capsys, monkeypatch):
    xlsx, md = tmp_path / "rapport.xlsx", tmp_path / "rapport.md"
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "-o", xlsx)[0] == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:3] == ["Svar", "Vurdering 1", "Vurdering 2"]
    assert "Matrise utfordringer" in wb.sheetnames and "Meta" in wb.sheetnames
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "-o", md, "--min-cell", "3")[0] == 0
    text = md.read_text(encoding="utf-8")
    assert "## Utfordringer: tema × kommune" in text
    assert "## Levanger" in text
    assert "912 34 567" not in text and "Kari Nygård" not in text and "<3" in text


def test_no_redact_keeps_quotes_as_written(tmp_path, capsys, monkeypatch):
    src = write_delimited(tmp_path / "x.csv", ["Kommune", "Hva er de største utfordringene?"],
                          [["Volda", "For få boliger, ring Kari Nygård på 912 34 567"]])
    md = tmp_path / "r.md"
    assert run(capsys, monkeypatch, "summarize", src, "-o", md)[0] == 0
    assert "ring [navn] på [telefon]" in md.read_text(encoding="utf-8")
    assert run(capsys, monkeypatch, "summarize", src, "-o", md, "--no-redact")[0] == 0
    assert "ring Kari Nygård på 912 34 567" in md.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl", "-"])
def test_code_output_is_redacted_like_the_summary(tmp_path, capsys, monkeypatch, suffix):
    """Every output that carries respondents' text is redacted, unless asked not to."""
    src = write_delimited(tmp_path / "x.csv", ["Kommune", "Hva er de største utfordringene?"],
                          [["Volda", "For få boliger i Volda, ring Kari Nygård på 912 34 567"],
                           ["Volda", "Send e-post til kari@volda.kommune.no om Ørsta"]])

    def texts(*extra) -> list[str]:
        if suffix == "-":  # piped: CSV on stdout
            code, out, err = run(capsys, monkeypatch, "code", src, *extra)
            assert code == 0, err
            return list(pd.read_csv(io.StringIO(out), dtype=str)["text"])
        target = tmp_path / f"kodet{suffix}"
        code, _, err = run(capsys, monkeypatch, "code", src, "-o", target, *extra)
        assert code == 0, err
        if suffix == ".xlsx":
            return list(pd.read_excel(target, sheet_name="Kodet", dtype=str)["text"])
        if suffix == ".jsonl":
            lines = target.read_text(encoding="utf-8").splitlines()
            assert json.loads(lines[0])["meta"]["redacted"] is (not extra)
            return [json.loads(line)["text"] for line in lines[1:]]
        return list(pd.read_csv(target, dtype=str)["text"])

    assert texts() == ["For få boliger i Volda, ring [navn] på [telefon]",
                       "Send e-post til [e-post] om Ørsta"]
    assert texts("--no-redact") == ["For få boliger i Volda, ring Kari Nygård på 912 34 567",
                                    "Send e-post til kari@volda.kommune.no om Ørsta"]


def test_summarize_csv_writes_sibling_tables(tmp_path, capsys, monkeypatch):
    target = tmp_path / "rapport.csv"
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "-o", target)[0] == 0
    names = {p.name for p in tmp_path.iterdir()}
    assert {"rapport.csv", "rapport_ratings.csv", "rapport_matrix_utfordring.csv",
            "rapport_meta.json"} <= names


def test_piped_summary_is_plain_markdown(capsys, monkeypatch, survey_csv):
    code, out, _ = run(capsys, monkeypatch, "summarize", survey_csv)
    assert code == 0
    assert out.startswith("# Tematisk oppsummering")
    assert "\x1b[" not in out


def test_demo_runs(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "demo")
    assert code == 0, err
    assert "Mangel på egnede boliger" in out and "Levanger" in out


@pytest.mark.parametrize(("args", "message"), [
    (["code", "finnes_ikke.csv"],
     "finnes_ikke.csv: file not found. Check the path and spelling."),
    (["code", "{tom}"], "{tom}: the file is empty; export the survey again."),
    (["code", "{bin}"], "{bin}: not a readable Excel file (damaged, or not really .xlsx); open it "
                        "in Excel and save it again as .xlsx, or export CSV."),
    (["code", "{survey}", "--text-column", "Svar"],
     "{survey}: no column 'Svar' (--text-column). Columns are: {columns}"),
    (["code", "{survey}", "--polarity", "x=bra"],
     "--polarity x=bra: polarity must be one of styrke, utfordring."),
    (["code", "{survey}", "-o", "{tmp}/ut.docx"],
     "{tmp}/ut.docx: cannot write '.docx'; use one of .csv, .jsonl, .xlsx."),
    (["code", "{survey}", "--codebook", "{tmp}/kb.toml"],
     "{tmp}/kb.toml: codebook file not found."),
    (["summarize", "{offscale}"],
     "{offscale}, row 2, column 'Hvor godt mener du at SAMORDNINGEN av det boligsosiale arbe…': "
     "'9' is not on the 1–6 scale or 'Vet ikke'; correct or clear the cell, or name only the "
     "rating columns you want with --rating-column."),
    (["code", "{survey}", "-o", "{tmp}/mappe.csv"],
     "{tmp}/mappe.csv: is a folder; give a file name such as {tmp}/mappe.csv/ut.csv."),
    # a labelled file is saved from the coder's spreadsheet, not exported (regression: it
    # said "export the survey again")
    (["evaluate", "{tom}"], "{tom}: the file is empty; save the coded units again."),
    (["train", "{header_only}", "-o", "{tmp}/modell"],
     "{header_only}: only a header row, no data rows; save the coded units again."),
])
def test_bad_input_is_one_line_and_exit_1(tmp_path, capsys, monkeypatch, survey_csv, args,
                                          message):
    (tmp_path / "tom.csv").write_bytes(b"")
    (tmp_path / "mappe.csv").mkdir()
    (tmp_path / "bin.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n not excel")
    (tmp_path / "kodet.csv").write_text("text,themes,polarity,kind\n", encoding="utf-8")
    offscale = survey_csv.read_text(encoding="cp1252").replace(";4\n", ";9\n")
    (tmp_path / "off.csv").write_text(offscale, encoding="cp1252")
    paths = {"tom": tmp_path / "tom.csv", "bin": tmp_path / "bin.xlsx", "survey": survey_csv,
             "tmp": tmp_path, "offscale": tmp_path / "off.csv",
             "header_only": tmp_path / "kodet.csv",
             "columns": ", ".join(f"'{h}'" for h in HEADER)}
    args = [a.format(**paths) for a in args]
    code, out, err = run(capsys, monkeypatch, *args)
    assert code == 1
    lines = [ln for ln in err.splitlines() if not ln.startswith("Note:")]
    assert lines == [f"Error: {message.format(**paths)}"], err
    assert "Traceback" not in err + out


def test_console_script_has_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "fritekst", "summarize",
                           str(tmp_path / "mangler.xlsx")], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Error: ") and "Traceback" not in proc.stderr


def test_every_command_has_help():
    from typer.main import get_command

    group = get_command(app)
    for name, cmd in group.commands.items():
        assert cmd.help, name
        for param in cmd.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.name}"


def test_train_evaluate_and_use_a_model(tmp_path, capsys, monkeypatch):
    from coding.test_model import ROWS, SENTENCES

    rows = [(t, th, p, "answer") for t, th, p in ROWS] + \
        [(f"{t} ({i})", th, p, "sentence") for i, (t, th, p) in enumerate(SENTENCES)]
    labelled = tmp_path / "kodet.csv"
    pd.DataFrame(rows, columns=["text", "themes", "polarity", "kind"]).to_csv(labelled,
                                                                              index=False)
    model_dir = tmp_path / "min-modell"
    code, _, err = run(capsys, monkeypatch, "train", labelled, "-o", model_dir,
                       "--version", "0.1")
    assert code == 0, err
    assert (model_dir / "model.json").is_file() and (model_dir / "README.md").is_file()
    card = (model_dir / "README.md").read_text(encoding="utf-8")
    assert "## Retrain" in card and "cross-validated micro-F1" in card
    code, out, err = run(capsys, monkeypatch, "evaluate", labelled, "--model", model_dir,
                         "--json", "--min-confidence", "0.5")
    assert code == 0, err
    data = json.loads(out)
    assert data["summary"]["coder"]["version"] == "min-modell@0.1"
    assert {"micro_f1", "macro_f1", "exact_set_accuracy", "polarity_accuracy"} <= \
        set(data["summary"])
    assert data["abstention"]["at_min_confidence"]["min_confidence"] == 0.5
    code, out, err = run(capsys, monkeypatch, "evaluate", labelled, "--model", model_dir,
                         "--json", "--kind", "sentence")
    assert code == 0, err
    assert json.loads(out)["summary"]["units"] == len(SENTENCES)
    sentences_only = tmp_path / "setninger.csv"
    pd.DataFrame(rows[len(ROWS):], columns=["text", "themes", "polarity", "kind"]).to_csv(
        sentences_only, index=False)
    code, _, err = run(capsys, monkeypatch, "evaluate", sentences_only, "--model", model_dir,
                       "--kind", "answer")
    assert code == 1 and "no rows of kind 'answer'" in err and "Traceback" not in err
    src = write_delimited(tmp_path / "svar.csv", ["id", "text"],
                          [["1", "For få boliger"], ["2", "Samarbeidet fungerer ikke."]])
    out_csv = tmp_path / "ut.csv"
    code, _, err = run(capsys, monkeypatch, "code", src, "--text-column", "text", "--model",
                       model_dir, "-o", out_csv)
    assert code == 0, err
    df = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    assert df["themes"].tolist()[0] == "boligmangel"
    # no question gave a polarity: the polarity model fills it for coded units
    assert df["polarity"].tolist()[1] == "utfordring"


def test_rules_only_and_min_confidence(survey_csv, tmp_path, capsys, monkeypatch):
    out_csv = tmp_path / "ut.csv"
    assert run(capsys, monkeypatch, "code", survey_csv, "--rules-only", "-o", out_csv)[0] == 0
    meta = json.loads((tmp_path / "ut_meta.json").read_text(encoding="utf-8"))
    assert meta["coder"]["name"] == "regler" and meta["model"] is None
    assert run(capsys, monkeypatch, "code", survey_csv, "--min-confidence", "0.999", "-o",
               out_csv)[0] == 0
    df = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    review = df[df["status"] == "to_review"]
    assert len(review) > 0 and (review["themes"] == "").all()
    assert review["evidence"].str.startswith("forslag:").all()
    meta = json.loads((tmp_path / "ut_meta.json").read_text(encoding="utf-8"))
    c = meta["counts"]
    assert c["units"] == c["coded"] + c["uncoded"] + c["to_review"]


def test_bad_model_folder_is_one_line(tmp_path, capsys, monkeypatch, survey_csv):
    code, _, err = run(capsys, monkeypatch, "code", survey_csv, "--model", tmp_path)
    assert code == 1 and "not a fritekst model" in err and "Traceback" not in err


def test_formulas_in_answers_stay_text(tmp_path, capsys, monkeypatch):
    src = write_delimited(tmp_path / "x.csv", ["id", "text"], [["1", "=SUM(A1) for få boliger"]])
    out_csv, out_xlsx = tmp_path / "ut.csv", tmp_path / "ut.xlsx"
    for target in (out_csv, out_xlsx):
        assert run(capsys, monkeypatch, "code", src, "--text-column", "text", "-o",
                   target)[0] == 0
    assert pd.read_csv(out_csv, dtype=str)["text"][0] == "'=SUM(A1) for få boliger"
    cell = load_workbook(out_xlsx)["Kodet"]["H2"]
    assert cell.value == "=SUM(A1) for få boliger" and cell.data_type == "s"


def test_notes_never_break_a_path(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "et svært langt mappenavn for eksporter fra spørreundersøkelsen 2026"
    folder.mkdir()
    src = write_delimited(folder / "boligsosialt_arbeid_eksport_fra_questback_endelig.csv",
                          ["Kommune", "Tidspunkt", "Hva er de største utfordringene?"],
                          [["Volda", "2026-03-01 10:00", "For få boliger"]])
    code, _, err = run(capsys, monkeypatch, "summarize", src)
    assert code == 0, err
    assert f"Note: {src}: columns not used: 'Tidspunkt'" in err.splitlines()


def test_piped_evaluation_is_markdown(tmp_path, capsys, monkeypatch):
    gold = tmp_path / "gull.csv"
    pd.DataFrame({"text": ["For få boliger", "Godt samarbeid med NAV", "Tid"],
                  "themes": ["boligmangel", "samordning", "ressurser"],
                  "polarity": ["utfordring", "styrke", "utfordring"]}).to_csv(gold, index=False)
    code, out, err = run(capsys, monkeypatch, "evaluate", gold, "--rules-only")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[:5] == ["## Evaluering: regler fritekst-boligsosialt@1.1.0", "",
                         "| Mål | Verdi |", "|---|---|", "| Enheter | 3 |"]
    assert "| Mikro-F1 (presisjon / treff) | 1.000 (1.000 / 1.000) |" in lines

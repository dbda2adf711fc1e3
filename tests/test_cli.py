"""The command line as a researcher uses it: real files in, files and one-line errors out."""

import io
import json
import re
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
    # no question gives a polarity: the polarity model reads it for the coded units only
    assert df["polarity"].tolist() == ["utfordring", "utfordring", "", ""]
    assert df["polarity_from"].tolist() == ["model", "model", "", ""]
    meta = json.loads((tmp_path / "out_meta.json").read_text(encoding="utf-8"))
    assert meta["codebook"]["version"] == "1.1.0" and meta["coder"]["name"] == "modell"
    assert meta["model"] == "fritekst-nb-nn@2.1.0"
    # says how to name the group column
    assert err.splitlines()[0] == (
        f"Note: {src}: no municipality column found, so all respondents form one group "
        "('Alle'); name the column with --municipality-column COLUMN.")


@pytest.mark.parametrize("suffix", [".xlsx", ".jsonl"])
def test_code_writes_xlsx_and_jsonl(survey_csv, tmp_path, capsys, monkeypatch, suffix):
    target = tmp_path / f"coded{suffix}"
    code, _, err = run(capsys, monkeypatch, "code", survey_csv, "-o", target)
    assert code == 0, err
    # the survey's 12 boxes' units in order: 10 coded, "Vet ikke" and "-" non-answers
    themes = ["moteplasser", "lokalkunnskap", "boligmangel", "ansvarsavklaring", "samordning",
              "boligmangel", "oppfolging", None, None, "boligmangel", "virkemidler",
              "boligmangel;flyktninger"]
    status = ["coded"] * 7 + ["non_answer"] * 2 + ["coded"] * 3
    if suffix == ".xlsx":
        wb = load_workbook(target)
        assert wb.sheetnames == ["Kodet", "Meta"]
        assert wb["Kodet"]["I1"].value == "themes"
        rows = list(wb["Kodet"].iter_rows(min_row=2, values_only=True))
        assert [r[8] for r in rows] == themes
        assert [r[11] for r in rows] == status
        assert [r[7] for r in rows][-3:] == ["boligmangel, boligmangel og atter boligmangel",
                                             "Startlån og bostøtte",
                                             "Ikkje nok bustader til flyktningar"]
        meta = {k: v for k, v in wb["Meta"].iter_rows(min_row=2, values_only=True)}
        assert meta["model"] == "fritekst-nb-nn@2.1.0"
    else:
        lines = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()]
        assert len(lines) == 13   # the meta line, then one line per unit
        assert lines[0]["meta"]["coder"]["version"] == "fritekst-nb-nn@2.1.0"
        assert lines[0]["meta"]["counts"]["units"] == 10
        assert [x["themes"] for x in lines[1:]] == [
            t.split(";") if t else [] for t in themes]
        assert [x["status"] for x in lines[1:]] == status
        assert lines[-1]["text"] == "Ikkje nok bustader til flyktningar"
        assert (lines[-1]["respondent"], lines[-1]["municipality"], lines[-1]["polarity"]) == \
            ("104", "Oppdal", "utfordring")


def test_summarize_json_counts_add_up(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "summarize", DEMO_CSV, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["themes", "ratings", "responses", "meta"]
    # the figures the demo's README gives (corpora/demo/README.md)
    shortage = [t for t in data["themes"] if (t["municipality"], t["polarity"], t["theme"]) ==
                ("Levanger", "utfordring", "boligmangel")]
    assert [{k: t[k] for k in ("label", "respondents", "answered", "share", "rank")}
            for t in shortage] == [{"label": "Mangel på egnede boliger", "respondents": 17,
                                    "answered": 21, "share": 0.8095, "rank": 1}]
    alta = [r for r in data["ratings"] if r["municipality"] == "Alta" and "SAMORDNINGEN" in
            r["item"]]
    assert [{k: r[k] for k in ("n", "mean", "dont_know", "distribution")} for r in alta] == [
        {"n": 22, "mean": 2.71, "dont_know": 1, "distribution": {
            "1": 4.5, "2": 27.3, "3": 54.5, "4": 9.1, "5": 0.0, "6": 0.0, "Vet ikke": 4.5}}]
    c = data["meta"]["counts"]
    assert (c["rows"], c["respondents"], c["duplicate_rows"], c["skipped_rows"]) == \
        (100, 100, 0, 0)
    assert (c["boxes"], c["empty"], c["non_answers"], c["answered_boxes"]) == (500, 202, 24, 274)
    # a change to the splitter or the coder shows here first
    assert (c["units"], c["coded"], c["uncoded"], c["to_review"]) == (326, 321, 5, 0)
    assert (c["ratings"], c["ratings_replaced"]) == (192, 0)
    assert data["meta"]["codebook"]["version"] == "1.1.0"
    assert data["meta"]["model"] == "fritekst-nb-nn@2.1.0"
    assert data["meta"]["inputs"] == [str(DEMO_CSV)]


def test_summarize_xlsx_and_markdown(tmp_path, capsys, monkeypatch):
    xlsx, md = tmp_path / "rapport.xlsx", tmp_path / "rapport.md"
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "-o", xlsx)[0] == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Svar", "Vurdering 1", "Vurdering 2", "Matrise styrker",
                             "Andel styrker", "Matrise utfordringer", "Andel utfordringer",
                             "Matrise uten polaritet", "Andel uten polaritet",
                             "Tema per kommune", "Meta"]
    matrix = list(wb["Matrise utfordringer"].iter_rows(min_row=3, max_row=4, values_only=True))
    assert matrix == [("Tema", "Alta", "Levanger", "Ringsaker", "Stord", "Sunndal"),
                      ("Mangel på egnede boliger", 17, 17, 11, 15, 11)]
    rating = list(wb["Vurdering 1"].iter_rows(min_row=4, max_row=4, values_only=True))
    assert rating == [("Alta", 22, 2.71, 1, 4.5, 27.3, 54.5, 9.1, 0, 0, 4.5)]
    # one Stord respondent gives a name and a phone number: the quote is redacted
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "-o", md)[0] == 0
    lines = md.read_text(encoding="utf-8").splitlines()
    assert ("| Økonomiske virkemidler | 1 | 33 % | «Ring gjerne [navn] på [telefon] om de vil vite "
            "meir om korleis vi brukar startlån.» |") in lines
    assert not any("912 34 567" in line or "Nygård" in line for line in lines)
    # with --min-cell 3 that row shows "<3" and neither share nor quotes
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "-o", md, "--min-cell", "3")[0] == 0
    lines = md.read_text(encoding="utf-8").splitlines()
    stord = lines[lines.index("## Stord"):lines.index("## Sunndal")]
    assert "| Økonomiske virkemidler | <3 |  |  |" in stord
    assert ("| Mangel på egnede boliger | 17 (81 %) | 17 (81 %) | 11 (55 %) | 15 (79 %) | "
            "11 (69 %) |") in lines
    assert "| Gode planer og tydelig strategi | <3 | <3 | – | <3 | – |" in lines


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
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "rapport.csv", "rapport_matrix_styrke.csv", "rapport_matrix_uten_polaritet.csv",
        "rapport_matrix_utfordring.csv", "rapport_meta.json", "rapport_ratings.csv",
        "rapport_responses.csv"]
    matrix = (tmp_path / "rapport_matrix_utfordring.csv").read_bytes()
    assert matrix.startswith(b"\xef\xbb\xbf")   # a BOM, so Excel shows æøå
    assert matrix.decode("utf-8-sig").splitlines()[:2] == [
        "Tema,Alta,Levanger,Ringsaker,Stord,Sunndal", "Mangel på egnede boliger,17,17,11,15,11"]
    ratings = pd.read_csv(tmp_path / "rapport_ratings.csv", encoding="utf-8-sig")
    levanger = ratings[(ratings["municipality"] == "Levanger")
                       & ratings["item"].str.contains("SAMORDNINGEN")]
    assert levanger[["n", "mean", "dont_know", "pct_5"]].values.tolist() == [[20, 4.47, 1, 45.0]]


def test_piped_summary_is_plain_markdown(capsys, monkeypatch, survey_csv):
    code, out, _ = run(capsys, monkeypatch, "summarize", survey_csv)
    assert code == 0
    assert out.startswith("# Tematisk oppsummering av fritekstsvar\n\n## Svar per kommune\n")
    assert "\x1b[" not in out
    lines = out.splitlines()
    # the rating table: "Vet ikke" is in N, not in the mean
    assert lines[lines.index("| Oppdal | 2 | 1.50 | 0 | 50.0 | 50.0 | 0.0 | 0.0 | 0.0 | 0.0 | "
                             "0.0 |") + 1:][:2] == [
        "| Volda | 3 | 5.00 | 1 | 0.0 | 0.0 | 0.0 | 33.3 | 0.0 | 33.3 | 33.3 |",
        "| Totalt | 5 | 3.25 | 1 | 20.0 | 20.0 | 0.0 | 20.0 | 0.0 | 20.0 | 20.0 |"]
    assert "| Mangel på egnede boliger | 1 (100 %) | 3 (100 %) |" in lines
    assert ("| Mangel på egnede boliger | 3 | 100 % | «Mangel på egnede utleieboliger» \\| "
            "«For få bustader» \\| «boligmangel, boligmangel og atter boligmangel» |") in lines


def test_demo_runs(capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "demo")
    assert code == 0, err
    lines = out.splitlines()
    assert ("| Mangel på egnede boliger | 17 (81 %) | 17 (81 %) | 11 (55 %) | 15 (79 %) | "
            "11 (69 %) |") in lines
    # the SAMORDNINGEN rating as corpora/demo/README.md gives it
    assert "| Levanger | 20 | 4.47 | 1 | 0.0 | 0.0 | 10.0 | 35.0 | 45.0 | 5.0 | 5.0 |" in lines


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
    assert proc.stderr == (f"Error: {tmp_path / 'mangler.xlsx'}: file not found. Check the path "
                           "and spelling.\n")


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
    done = re.fullmatch(r"Trained min-modell@0\.1 \((text|text\+rules|text\+rules\+override)\) "
                        r"on 54 units; cross-validated micro-F1 (0\.\d{3})\. Wrote (.+)/",
                        err.strip())
    assert done and done.group(3) == str(model_dir), err
    assert float(done.group(2)) >= 0.9   # measured 0.946 (text+rules)
    assert sorted(p.name for p in model_dir.iterdir()) == ["README.md", "model.json",
                                                           "weights.npz"]
    card = (model_dir / "README.md").read_text(encoding="utf-8").splitlines()
    assert card[0] == "# Model card: min-modell 0.1"
    assert any(line.startswith("- Source: `kodet.csv`, 54 labelled units (30 answer, 24 "
                               "sentence); sha256 of the rows ") for line in card)
    retrain = card.index("## Retrain")
    assert card[retrain + 2:retrain + 6] == [
        "```sh", "fritekst train LABELLED.csv -o models/min-modell",
        "fritekst evaluate HELDOUT.csv --model models/min-modell", "```"]
    code, out, err = run(capsys, monkeypatch, "evaluate", labelled, "--model", model_dir,
                         "--json", "--min-confidence", "0.5")
    assert code == 0, err
    data = json.loads(out)
    summary = data["summary"]
    assert summary["coder"]["version"] == "min-modell@0.1"
    assert (summary["units"], summary["polarity_units"]) == (54, 24)
    # its own training data: measured 1.0 on every figure
    assert min(summary[k] for k in ("micro_f1", "macro_f1", "exact_set_accuracy",
                                    "polarity_accuracy")) >= 0.95
    assert data["abstention"]["at_min_confidence"] == {
        "min_confidence": 0.5, "coverage": 1.0, "exact_precision": pytest.approx(1.0, abs=0.05),
        "theme_precision": pytest.approx(1.0, abs=0.05)}
    code, out, err = run(capsys, monkeypatch, "evaluate", labelled, "--model", model_dir,
                         "--json", "--kind", "sentence")
    assert code == 0, err
    sentences = json.loads(out)["summary"]
    assert (sentences["units"], sentences["polarity_units"]) == (len(SENTENCES), 24)
    sentences_only = tmp_path / "setninger.csv"
    pd.DataFrame(rows[len(ROWS):], columns=["text", "themes", "polarity", "kind"]).to_csv(
        sentences_only, index=False)
    code, _, err = run(capsys, monkeypatch, "evaluate", sentences_only, "--model", model_dir,
                       "--kind", "answer")
    assert code == 1
    assert err == (f"Error: {sentences_only}: no rows of kind 'answer' (kinds in the file: "
                   "sentence; rows without a kind count as answers).\n")
    src = write_delimited(tmp_path / "svar.csv", ["id", "text"],
                          [["1", "For få boliger"], ["2", "Samarbeidet fungerer ikke."]])
    out_csv = tmp_path / "ut.csv"
    code, _, err = run(capsys, monkeypatch, "code", src, "--text-column", "text", "--model",
                       model_dir, "-o", out_csv)
    assert code == 0, err
    df = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    assert df["themes"].tolist() == ["boligmangel", "samordning"]
    # no question gave a polarity: the polarity model fills it for coded units
    assert df["polarity_from"].tolist() == ["model", "model"]
    assert df["polarity"].tolist()[1] == "utfordring"


def test_rules_only_and_min_confidence(survey_csv, tmp_path, capsys, monkeypatch):
    out_csv = tmp_path / "ut.csv"
    assert run(capsys, monkeypatch, "code", survey_csv, "--rules-only", "-o", out_csv)[0] == 0
    meta = json.loads((tmp_path / "ut_meta.json").read_text(encoding="utf-8"))
    assert meta["coder"]["name"] == "regler" and meta["model"] is None
    df = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    assert df["themes"].tolist() == [
        "moteplasser", "lokalkunnskap", "boligmangel", "ansvarsavklaring", "samordning",
        "boligmangel", "oppfolging", "", "", "boligmangel", "virkemidler",
        "boligmangel;flyktninger"]
    # one strong codebook pattern gives 0.9; two distinct ones (noisy-or, capped) 0.99
    assert df["confidence"].tolist() == ["0.99"] * 5 + ["0.9", "0.9", "", "", "0.9", "0.99",
                                                         "0.99"]
    # the model's confidences: 0.941 and 0.91 for these two units, 0.965 and above for the
    # rest; units below the limit go to review with the suggestion, one by one
    assert run(capsys, monkeypatch, "code", survey_csv, "--min-confidence", "0.95", "-o",
               out_csv)[0] == 0
    df = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    review = df[df["status"] == "to_review"]
    assert review["text"].tolist() == ["For få bustader",
                                       "boligmangel, boligmangel og atter boligmangel"]
    assert review["themes"].tolist() == ["", ""]
    assert review["evidence"].tolist() == ["forslag: boligmangel | boligmangel: bustader",
                                           "forslag: boligmangel | boligmangel: boligmangel"]
    meta = json.loads((tmp_path / "ut_meta.json").read_text(encoding="utf-8"))
    c = meta["counts"]
    assert (c["units"], c["coded"], c["uncoded"], c["to_review"]) == (10, 8, 0, 2)


def test_bad_model_folder_is_one_line(tmp_path, capsys, monkeypatch, survey_csv):
    code, _, err = run(capsys, monkeypatch, "code", survey_csv, "--model", tmp_path)
    assert code == 1
    assert err == f"Error: {tmp_path}: not a fritekst model (needs model.json and weights.npz).\n"


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


def test_every_csv_escapes_what_excel_would_run(tmp_path, capsys, monkeypatch):
    """Respondents use '+' and '@' as bullets; no CSV fritekst writes lets Excel take them for
    formulas, and fritekst reads its own files back as written."""
    from fritekst.extract.readers import read_table

    src = write_delimited(tmp_path / "x.csv", ["Kommune", "Hva er de viktigste styrkene?",
                                               "Hva er de største utfordringene?"],
                          [["Volda", "+ godt samarbeid med NAV", "@kommunen: for få boliger"],
                           ["Volda", "=godt samarbeid", "For få boliger"]])
    summary_csv, coded_csv = tmp_path / "rapport.csv", tmp_path / "kodet.csv"
    assert run(capsys, monkeypatch, "summarize", src, "-o", summary_csv)[0] == 0
    assert run(capsys, monkeypatch, "code", src, "-o", coded_csv)[0] == 0
    code, piped, _ = run(capsys, monkeypatch, "code", src)
    assert code == 0
    for text in (summary_csv.read_text(encoding="utf-8-sig"),
                 coded_csv.read_text(encoding="utf-8-sig"), piped):
        cells = [c for line in text.splitlines() for c in line.split(",")]
        assert not [c for c in cells if c[:1] in "=+@"], text
    quotes = pd.DataFrame(read_table(summary_csv).rows, columns=read_table(summary_csv).header)
    assert quotes["quotes"].tolist() == ["=godt samarbeid | + godt samarbeid med NAV",
                                         "@kommunen: for få boliger | For få boliger"]
    assert piped.splitlines()[0].startswith("source,row,respondent,")


def test_piped_output_is_utf8_whatever_the_console_code_page(tmp_path):
    """Redirected to a file on Windows, Python writes cp1252, which has no '≥'."""
    import os

    gold = tmp_path / "gull.csv"
    pd.DataFrame({"text": ["For få boliger", "Tid"], "themes": ["boligmangel", "ressurser"],
                  "polarity": ["utfordring", "utfordring"]}).to_csv(gold, index=False)
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    proc = subprocess.run([sys.executable, "-m", "fritekst", "evaluate", str(gold),
                           "--rules-only"], capture_output=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "Autokoding ved ≥ 95 % presisjon" in proc.stdout.decode("utf-8")


# ---- summarize --by role (issue 14) ---------------------------------------------------------
def test_summarize_by_role_in_every_format(tmp_path, capsys, monkeypatch):
    code, out, err = run(capsys, monkeypatch, "summarize", DEMO_CSV, "--by", "role", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["themes", "ratings", "responses", "meta", "by_role"]
    roles = data["by_role"]
    assert roles["roles"][:3] == ["Tildeling", "Tjenester i hjemmet",
                                  "Økonomisk rådgivning og virkemidler"]
    assert roles["roles"][-1] == "Ikke oppgitt"  # the one demo respondent who ticked nothing
    # «Alle» is the municipality's own figure from the table without --by role
    shortage = {(t["municipality"], t["role"]): t["respondents"] for t in roles["themes"]
                if (t["polarity"], t["theme"]) == ("utfordring", "boligmangel")}
    assert shortage[("Levanger", "Alle")] == 17
    assert shortage[("Totalt", "Alle")] == 17 + 17 + 11 + 15 + 11
    assert sum(v for (m, r), v in shortage.items() if m == "Levanger" and r != "Alle") > 17
    assert "by role: a respondent with several functions counts under each of them" in err

    xlsx = tmp_path / "rapport.xlsx"
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "--by", "role", "-o", xlsx)[0] == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames[-3:] == ["Tema per funksjon", "Vurdering per funksjon", "Meta"]
    head = next(wb["Vurdering per funksjon"].iter_rows(min_row=3, max_row=3, values_only=True))
    assert head[:4] == ("Spørsmål", "Kommune", "Funksjon", "N")

    target = tmp_path / "rapport.csv"
    assert run(capsys, monkeypatch, "summarize", DEMO_CSV, "--by", "role", "-o", target)[0] == 0
    themes = pd.read_csv(tmp_path / "rapport_by_role_themes.csv", encoding="utf-8-sig")
    assert list(themes.columns) == ["municipality", "role", "polarity", "theme", "label",
                                    "respondents", "answered", "share"]
    ratings = pd.read_csv(tmp_path / "rapport_by_role_ratings.csv", encoding="utf-8-sig")
    alle = ratings[(ratings["municipality"] == "Levanger") & (ratings["role"] == "Alle")
                   & ratings["item"].str.contains("SAMORDNINGEN")]
    assert alle[["n", "mean", "dont_know", "pct_5"]].values.tolist() == [[20, 4.47, 1, 45.0]]

    code, out, _ = run(capsys, monkeypatch, "summarize", DEMO_CSV, "--by", "role",
                       "--min-cell", "3")
    assert code == 0
    lines = out.splitlines()
    part = lines[lines.index("## Per funksjon"):]
    assert part[2].startswith("En respondent med flere funksjoner telles under hver av dem")
    assert "### Levanger – utfordringer per funksjon" in part
    assert "| Levanger | Alle | 20 | 4.47 | <3 | 0.0 | 0.0 | – | 35.0 | 45.0 | – | – |" in part
    assert not any(re.search(r"\| [12] \(", line) for line in part)  # no count under 3


def test_role_column_option_and_errors(tmp_path, capsys, monkeypatch):
    header = ["Kommune", "Bakgrunn", "Hva er de største utfordringene?"]
    rows = [["Volda", "Tildeling; NAV", "For få boliger"], ["Volda", "NAV", "Boligmangel"],
            ["Volda", "Ledelse", "Uklart ansvar"]]
    path = write_delimited(tmp_path / "x.csv", header, rows, encoding="cp1252", delimiter=";")
    code, _, err = run(capsys, monkeypatch, "summarize", path, "--by", "role")
    assert code == 1
    assert err.strip().splitlines() == [
        f"Error: {path}: no column with the respondents' functions found; name it with "
        "--role-column COLUMN (a column, or the question of a checkbox matrix)."]
    code, out, err = run(capsys, monkeypatch, "summarize", path, "--by", "role",
                         "--role-column", "bakgrunn", "--json")
    assert code == 0, err
    themes = json.loads(out)["by_role"]["themes"]
    assert {(t["role"], t["respondents"]) for t in themes if t["theme"] == "boligmangel"} == {
        ("Tildeling", 1), ("NAV", 2), ("Alle", 2)}
    code, _, err = run(capsys, monkeypatch, "summarize", path, "--by", "kommune")
    flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", err).split())
    assert code == 2 and "'kommune' is not one of 'role'" in flat


def test_by_role_views_in_a_terminal():
    from rich.console import Console

    from conftest import DEMO_XLSX
    from fritekst import summarize_files, summary_views, to_rich

    views = summary_views(summarize_files([DEMO_XLSX], by="role", min_cell=3))
    titles = [v.title for v in views]
    assert "Vurdering per funksjon: Samordningen" in titles
    assert "Totalt – styrker per funksjon (respondenter, andel av dem i funksjonen som svarte)" \
        in titles
    console = Console(file=io.StringIO(), width=160, record=True)
    for part in to_rich(views):
        console.print(part)
    text = console.export_text()
    assert "En respondent med flere funksjoner telles under hver av dem" in text
    assert "Tildeling (n=" in text

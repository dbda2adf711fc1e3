"""``fritekst network`` as a researcher uses it: files in, tables, JSON and pictures out, and
one-line errors."""

import json

import pytest

from conftest import run_cli, write_delimited

Q = "Hvor ofte har du kontakt med disse personene om boligsosiale spørsmål?"
HEADER = ["Navn", "Funksjon", f"{Q} - Kari Nordmann (Tildeling)", f"{Q} - Ola Hansen (NAV)",
          f"{Q} - Per Berg (NAV)"]
ROWS = [["Kari Nordmann", "Tildeling", "", "Daglig", "Ukentlig"],
        ["Ola Hansen", "NAV", "Månedlig", "", "Aldri"]]


@pytest.fixture
def contacts(tmp_path):
    return write_delimited(tmp_path / "nettverk_volda.csv", HEADER, ROWS, encoding="cp1252",
                           delimiter=";")


def test_demo_json_has_a_network_per_municipality(capsys, monkeypatch):
    code, out, err = run_cli(capsys, monkeypatch, "network", "--demo", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert [n["municipality"] for n in shown["networks"]] == [
        "Alta", "Levanger", "Ringsaker", "Stord", "Sunndal"]
    assert {n["threshold"] for n in shown["networks"]} == {"ukentlig"}
    assert all(15 <= n["nodes"] <= 40 and n["isolates"] for n in shown["networks"])


def test_tables_say_the_tie_rule_and_hide_names(contacts, capsys, monkeypatch):
    code, out, err = run_cli(capsys, monkeypatch, "network", contacts, "--threshold", "daglig",
                             "--threshold", "månedlig")
    assert code == 0, err
    assert "## Volda: kontakt daglig" in out and "## Volda: kontakt minst månedlig" in out
    assert "| Personer | 3 (2 svarte) |" in out
    assert "Et bånd finnes når minst én av de to oppgir kontakt så ofte eller oftere" in out
    assert "vises bare med --names" in out
    assert "Kari" not in out and "Hansen" not in out
    code, out, _ = run_cli(capsys, monkeypatch, "network", contacts, "--names", "--json")
    assert json.loads(out)["networks"][0]["brokers"][0]["name"] == "Kari Nordmann"


def test_pictures_go_into_the_folder(contacts, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "bilder"
    code, _, err = run_cli(capsys, monkeypatch, "network", contacts, "-o", folder)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["nettverk_volda_ukentlig.png",
                                                        "nettverk_volda_ukentlig.svg"]
    assert err.startswith(f"Wrote {folder / 'nettverk_volda_ukentlig.png'}")


@pytest.mark.parametrize(("args", "message"), [
    (["{bad_value}"], "{bad_value}, row 2, column D ('Ola Hansen (NAV)'): 'Ofte' is not a "
     "contact frequency; use one of Daglig, Ukentlig, Månedlig, Sjeldnere, Aldri or leave it "
     "empty."),
    (["{no_function}"], "{no_function}: no function column (a header with 'funksjon' or "
     "'rolle'); the network is shown by function, so add the respondents' functions. "
     "Columns: 'Navn' and 3 columns '<question> - <item>'."),
    (["{contacts}", "-o", "{contacts}"], "{contacts}: is a file; give a folder for the "
     "pictures (-o DIR)."),
    ([], "give network files (FILE...), or --demo."),
    (["{contacts}", "--threshold", "sjelden"], None),
])
def test_bad_input_is_one_line_and_exit_1(contacts, tmp_path, capsys, monkeypatch, args,
                                          message):
    bad = [r[:] for r in ROWS]
    bad[0][3] = "Ofte"
    paths = {"contacts": contacts, "q": Q,
             "bad_value": write_delimited(tmp_path / "bad.csv", HEADER, bad),
             "no_function": write_delimited(tmp_path / "nf.csv", HEADER[:1] + HEADER[2:],
                                            [r[:1] + r[2:] for r in ROWS])}
    code, out, err = run_cli(capsys, monkeypatch, "network",
                             *[a.format(**paths) for a in args])
    assert code != 0 and "Traceback" not in err + out
    if message is None:  # typer's own usage error lists the choices
        assert "daglig" in err and "månedlig" in err
    else:
        assert err.splitlines() == [f"Error: {message.format(**paths)}"]


def test_several_municipalities_are_compared_first(contacts, tmp_path, capsys, monkeypatch):
    other = write_delimited(tmp_path / "nettverk_rissa.csv", HEADER, ROWS[:1])
    code, out, err = run_cli(capsys, monkeypatch, "network", contacts, other)
    assert code == 0, err
    assert out.startswith("## Nettverkene sammenlignet: kontakt minst ukentlig\n")
    assert "| Volda | 3 | 2 | 2 | 0,67 | 1 | 0 | 1 | 2 | Tildeling (1,00) |" in out
    assert "| Rissa | 3 | 1 | 2 | 0,67 | 1 | 0 | 1 | 2 | Tildeling (1,00) |" in out

"""Learning from corrections: a model trained on the units researchers coded in a project."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from conftest import DEMO_CSV, run_cli
from fritekst import Project, code_project, project_training_data, train_from_project
from fritekst.coding.codebook import load_codebook
from fritekst.coding.model import ThemeClassifier
from fritekst.errors import FritekstError


@pytest.fixture(scope="module")
def corrected(tmp_path_factory, coder):
    """A project where Kari coded 120 units: the model's themes, with one correction."""
    folder = tmp_path_factory.mktemp("prosjekt") / "p"
    with Project(folder) as p:
        p.import_files([DEMO_CSV])
    units = code_project(folder, coder).units
    coded = units[units["status"] == "coded"].head(120)
    themes = coded["themes"].tolist()
    themes[0] = "tildeling"
    with Project(folder) as p:
        p.add_codes(pd.DataFrame({"unit_id": coded.index, "themes": themes}), origin="human",
                    coder="Kari", codebook=load_codebook())
    return folder, coded, themes


def test_the_training_rows_are_the_researchers_codes(corrected):
    folder, coded, themes = corrected
    rows = project_training_data(folder)
    assert rows["text"].tolist() == coded["text"].tolist()
    assert rows["themes"].tolist() == themes
    assert rows["polarity"].tolist() == coded["polarity"].fillna("").tolist()
    assert set(rows["kind"]) == {"answer"}


def test_a_model_from_the_project_alone(corrected, tmp_path, coder):
    folder = corrected[0]
    done = train_from_project(tmp_path / "min-modell", folder, only_project=True,
                              version="2", previous=coder)
    model = ThemeClassifier.load(tmp_path / "min-modell")
    assert model.model_version == "min-modell@2"
    assert done["project_units"] == done["units"] == 120
    assert model.meta_["data"]["rows"] == 120
    # the rules coded 119 of the 120 as Kari did
    assert done["previous_on_project"]["units"] == 120
    assert done["previous_on_project"]["exact_set"] == pytest.approx(119 / 120)
    assert done["previous_cross_validated_micro_f1"] is None  # the rules have no CV
    assert (tmp_path / "min-modell" / "README.md").exists()


def test_train_from_project_on_the_command_line(corrected, tmp_path, capsys, monkeypatch):
    folder = corrected[0]
    code, _, err = run_cli(capsys, monkeypatch, "train", "--from-project", "--project", folder,
                           "--only-project", "-o", tmp_path / "m")
    assert code == 0
    assert err.startswith("Trained m@1 on 120 units (120 coded in the project); "
                          "cross-validated micro-F1 ")
    assert "The previous model agreed with your coders at micro-F1 " in err
    code, _, err = run_cli(capsys, monkeypatch, "train", "-o", tmp_path / "m2")
    assert (code, err) == (1, "Error: give a labelled file, or --from-project (not both).\n")
    empty = tmp_path / "tom"
    with Project(empty) as p:
        p.import_files([DEMO_CSV])
    with pytest.raises(FritekstError, match="no researcher has coded units yet"):
        project_training_data(empty)
    assert json.loads((tmp_path / "m" / "model.json").read_text())["data"]["rows"] == 120

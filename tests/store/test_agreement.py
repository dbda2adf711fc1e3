"""Agreement for the method section: kappa against scikit-learn, alpha against hand sums and
Krippendorff's published example."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from conftest import DEMO_CSV, run_cli
from fritekst import Project, code_project, project_agreement
from fritekst.coding.codebook import load_codebook
from fritekst.coding.metrics import krippendorff_alpha
from fritekst.errors import FritekstError, StoreError


def test_alpha_of_krippendorffs_own_example():
    # four coders, twelve units, some values missing (Krippendorff 2011, nominal: 0.743)
    items = [[1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2],
             [1, 2, 3, 4], [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3]]
    assert krippendorff_alpha(items) == pytest.approx(0.743, abs=5e-4)


def test_alpha_by_hand_and_where_it_is_undefined():
    # coincidences: 0-0 four, 1-1 two, 0-1 and 1-0 one each; n = 8, n0 = 5, n1 = 3
    # alpha = 1 - (n - 1) * 2 / (n^2 - n0^2 - n1^2) = 1 - 7 * 2 / 30
    assert krippendorff_alpha([(1, 1), (1, 0), (0, 0), (0, 0)]) == pytest.approx(1 - 14 / 30)
    assert krippendorff_alpha([(0, 0), (0, 0)]) is None
    assert krippendorff_alpha([(1,)]) is None


@pytest.fixture
def coded_project(tmp_path, coder):
    folder = tmp_path / "p"
    with Project(folder) as p:
        p.import_files([DEMO_CSV])
    machine = code_project(folder, coder).units
    ids = machine.index[machine["status"].isin(["coded", "uncoded"])][:60]
    rng = np.random.default_rng(7)
    book = load_codebook()
    kari = machine.loc[ids, "themes"].tolist()
    ola = [t if rng.random() < 0.7 else rng.choice(["boligmangel", "samordning", ""])
           for t in kari]
    with Project(folder) as p:
        p.add_codes(pd.DataFrame({"unit_id": ids, "themes": kari}), origin="human",
                    coder="Kari", codebook=book)
        p.add_codes(pd.DataFrame({"unit_id": ids[:40], "themes": ola[:40]}), origin="human",
                    coder="Ola", codebook=book)
    return folder, ids, kari, ola


def test_kappa_and_alpha_per_theme_on_the_units_both_coded(coded_project):
    folder, _, kari, ola = coded_project
    result = project_agreement(folder)
    assert [(p["coder_a"], p["coder_b"], p["kind"], p["units"]) for p in result.pairs] == [
        ("Kari", "Ola", "human", 40),
        ("Kari", "fritekst-boligsosialt@1.1.0 (regler)", "machine", 60),
        ("Ola", "fritekst-boligsosialt@1.1.0 (regler)", "machine", 40)]
    t = result.table[(result.table["coder_a"] == "Kari") & (result.table["coder_b"] == "Ola")]
    t = t.set_index("theme")
    for theme in ("boligmangel", "samordning"):
        a = np.array([theme in s.split(";") for s in kari[:40]], dtype=int)
        b = np.array([theme in s.split(";") for s in ola[:40]], dtype=int)
        assert t.at[theme, "units"] == 40
        assert t.at[theme, "kappa"] == pytest.approx(cohen_kappa_score(a, b))
        assert t.at[theme, "agreement"] == pytest.approx((a == b).mean())
        assert t.at[theme, "alpha"] == pytest.approx(krippendorff_alpha(
            list(zip(a, b, strict=True))))
    # Kari copied the model: full agreement on every theme that occurs
    m = result.table[(result.table["coder_a"] == "Kari") & (result.table["kind"] == "machine")]
    assert (m["agreement"] == 1.0).all()
    assert m.set_index("theme").at["(alle)", "alpha"] == pytest.approx(1.0)


def test_agreement_on_the_command_line(coded_project, capsys, monkeypatch):
    folder = coded_project[0]
    code, out, _ = run_cli(capsys, monkeypatch, "agreement", "--project", folder, "--coders",
                           "Kari,Ola", "--json")
    assert code == 0
    data = json.loads(out)
    assert [p["units"] for p in data["pairs"]] == [40, 60, 40]
    code, out, _ = run_cli(capsys, monkeypatch, "agreement", "--project", folder)
    assert code == 0
    assert out.splitlines()[0] == "## Samsvar, to kodere: Kari og Ola (40 enheter begge kodet)"
    assert "| Tilgang på egnede boliger | 40 |" in out


def test_agreement_says_what_is_missing(coded_project, tmp_path, coder):
    with pytest.raises(StoreError) as err:
        project_agreement(coded_project[0], ["Kari", "Per"])
    assert str(err.value) == "no codes by 'Per' in the project; coders with codes: Kari, Ola."
    empty = tmp_path / "tom"
    with Project(empty) as p:
        p.import_files([DEMO_CSV])
    with pytest.raises(FritekstError) as err:
        project_agreement(empty)
    assert str(err.value) == (f"{empty / 'fritekst.db'}: no researcher has coded units yet; "
                              "take coded review files back with `fritekst review import` "
                              "first.")

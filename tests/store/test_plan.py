"""How much to auto-code: the precision of the model's confidence on the researcher's own
coded units, and code --auto-precision applying the cut."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from conftest import DEMO_CSV, run_cli
from fritekst import Project, code_project, review_plan
from fritekst.coding.codebook import load_codebook
from fritekst.errors import FritekstError


@pytest.fixture
def planned(tmp_path, coder):
    """A project whose researcher agrees with the model on 49 of its 50 surest units (not
    the surest of all) and disagrees on the 30 least sure."""
    folder = tmp_path / "p"
    with Project(folder) as p:
        p.import_files([DEMO_CSV])
    machine = code_project(folder, coder).units
    answered = machine[machine["status"].isin(["coded", "uncoded"])]
    order = answered.sort_values("confidence", ascending=False, kind="stable")
    sure, unsure = order.index[1:50], [order.index[0], *order.index[-30:]]
    human = pd.DataFrame({
        "unit_id": [*sure, *unsure],
        "themes": [*answered.loc[sure, "themes"],
                   *["gjennomstromning" if t != "gjennomstromning" else "bomiljo"
                     for t in answered.loc[unsure, "themes"]]]})
    with Project(folder) as p:
        p.add_codes(human, origin="human", coder="Kari", codebook=load_codebook())
    return folder, answered, set(sure), unsure


def test_the_plan_finds_the_lowest_cut_that_reaches_the_precision(planned, coder):
    folder, answered, sure, unsure = planned
    plan = review_plan(folder, coder, precision=0.95)
    assert plan.checked == 80
    conf = answered["confidence"].astype(float)
    checked = conf[[*sure, *unsure]]

    def by_hand(cut):
        above = checked[checked >= cut]
        return len(above), sum(i in sure for i in above.index) / max(len(above), 1)

    curve = plan.curve.set_index("min_confidence")
    for cut in (0.0, 0.3, plan.cut):
        n, precision = by_hand(cut)
        assert curve.at[cut, "checked"] == n
        assert curve.at[cut, "precision"] == pytest.approx(precision)
        assert curve.at[cut, "coverage"] == pytest.approx((conf >= cut).mean())
    n, precision = by_hand(plan.cut)
    assert n >= 20 and precision >= 0.95
    for lower in sorted(set(checked) | set(np.arange(0, 1, 0.05))):
        if lower < plan.cut:
            n, precision = by_hand(lower)
            assert n < 20 or precision < 0.95, lower


def test_code_auto_precision_sends_the_rest_to_review(planned, coder, capsys, monkeypatch):
    folder = planned[0]
    plan = review_plan(folder, coder, precision=0.95)
    coded = code_project(folder, coder, auto_precision=0.95)
    units = coded.units
    review = units[units["status"] == "to_review"]
    by_model = units["evidence"].str.startswith("kodet av ") == False  # noqa: E712
    assert len(review) > 0
    assert (review["confidence"].astype(float) < plan.cut).all()
    kept = units[units["status"].isin(["coded", "uncoded"]) & by_model]
    assert (kept["confidence"].astype(float) >= plan.cut).all()
    assert coded.meta["auto_precision"]["min_confidence"] == plan.cut
    code, out, _ = run_cli(capsys, monkeypatch, "review", "plan", "--project", folder,
                           "--json", "--rules-only")
    assert code == 0 and json.loads(out)["min_confidence"] == plan.cut


def test_a_precision_out_of_reach_is_said(planned, coder, capsys, monkeypatch):
    folder = planned[0]
    with pytest.raises(FritekstError) as err:
        code_project(folder, coder, auto_precision=1.0)
    assert str(err.value) == (
        "no confidence cut reaches 100% precision on the 80 units researchers have coded (at "
        "least 20 are needed above the cut); review more units, or ask for a lower precision.")
    code, _, err_text = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "--auto-precision",
                                "0.9")
    assert (code, err_text) == (1, "Error: --auto-precision needs a project with coded units "
                                   "(--project DIR).\n")

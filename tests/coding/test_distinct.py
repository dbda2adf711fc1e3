"""Repeated texts are coded once and mapped back: the same codings, one per unit, in order."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fritekst.coding.learned import LearnedCoder
from fritekst.coding.rules import RuleCoder

# short answers real exports repeat, and longer ones, with and without a question's polarity
POOL = [("Vet ikke", "utfordring"), ("For få boliger", "utfordring"),
        ("For få boliger", None), ("Samarbeid", "styrke"), ("Samarbeid", None),
        ("Godt samarbeid med NAV og flyktningtjenesten", "styrke"),
        ("Lange ventelister fordi det ikke finnes boliger", "utfordring"),
        ("Boligkontoret", None), ("", None)]


@pytest.fixture(scope="module", params=["rules", "model"])
def coder(request):
    return RuleCoder() if request.param == "rules" else LearnedCoder()


@pytest.fixture(scope="module")
def alone(coder):
    """Each pool entry coded on its own."""
    return {(t, p): coder.code([t], [p])[0] for t, p in POOL}


def test_a_list_with_repeats_codes_like_each_text_alone(coder, alone):
    units = [POOL[i] for i in (1, 0, 1, 2, 3, 1, 5, 0, 6, 3, 4, 8, 1)]
    codings = coder.code([t for t, _ in units], [p for _, p in units])
    assert len(codings) == len(units)
    assert codings == [alone[u] for u in units]
    # the polarity is part of what is coded: a learned coder reads one only where none is given
    assert codings[0].polarity is None


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(POOL), max_size=30))
def test_any_list_from_a_small_pool_codes_like_each_alone(coder, alone, units):
    codings = coder.code([t for t, _ in units], [p for _, p in units])
    assert codings == [alone[u] for u in units]


def test_the_cycle_collector_runs_again_after_coding_and_after_a_failure():
    """Coding pauses Python's cycle collector for a batch; it must run again afterwards,
    also when coding fails, and stay off where the caller had turned it off."""
    import gc

    from fritekst.coding.base import code_distinct

    def seen_while_coding(texts, polarities, kinds):
        states.append(gc.isenabled())
        return RuleCoder().code(texts, polarities, kinds)

    def failing(texts, polarities, kinds):
        raise RuntimeError("a coder that fails")

    states: list[bool] = []
    assert gc.isenabled()
    codings = code_distinct(seen_while_coding, ["For få boliger"], ["utfordring"])
    assert codings[0].themes and states == [False] and gc.isenabled()
    with pytest.raises(RuntimeError):
        code_distinct(failing, ["For få boliger"], ["utfordring"])
    assert gc.isenabled()
    gc.disable()
    try:
        code_distinct(seen_while_coding, ["Samarbeid"], ["styrke"])
        assert not gc.isenabled()
    finally:
        gc.enable()

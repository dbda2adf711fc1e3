"""Coding on a Dask cluster (two worker processes on this machine) gives what one process
gives: the DataFrame API (code_dask), the library's survey coding and ``fritekst code --dask``.
Skipped where the ``dask`` extra is not installed."""

from __future__ import annotations

import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from conftest import DEMO_CSV, run_cli  # noqa: E402
from fritekst import code_files, make_coder  # noqa: E402
from fritekst.coding import CoderSpec, pool  # noqa: E402
from fritekst.coding.frames import CODED, code_dask, code_frame  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def model():
    return make_coder()


@pytest.fixture(scope="module")
def texts(large_survey) -> pd.DataFrame:
    """The generated survey's answers as a plain table: text, the question's polarity (or
    none) and a blank row, as a researcher's own table of answers might be."""
    units = code_files([large_survey], coder=make_coder(rules_only=True)).units
    units = units[units["status"].isin(["coded", "uncoded"])]
    asked = units["polarity"].where(units["polarity_from"] == "question")
    table = pd.DataFrame({"text": [*units["text"], None, "   "],
                          "polarity": [*asked, None, None]})
    table.loc[::3, "polarity"] = None
    return table


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as Python objects: Dask may store text columns as Arrow strings."""
    return frame.astype({c: object for c in frame.columns if c != "confidence"}).where(
        frame.notna(), None).reset_index(drop=True)


def test_a_dask_dataframe_codes_as_one_process_does(cluster, model, texts):
    alone = code_frame(texts, model, polarity="polarity")
    assert list(alone.columns) == ["text", "polarity", *CODED]
    # a blank text and a missing one (which Dask holds as pandas' NA) are empty, not "<NA>"
    assert list(alone["status"].iloc[-2:]) == ["empty", "empty"]
    assert (alone["status"] == "coded").sum() > 300
    ddf = dd.from_pandas(texts, npartitions=4)
    lazy = code_dask(ddf, model, polarity="polarity")
    assert list(lazy.columns) == list(alone.columns)
    with distributed.Client(cluster) as client:
        coded = lazy.compute()
        # each worker process made the model once, however many partitions it coded
        made = client.run(lambda: sorted(pool._LOADED))
    pd.testing.assert_frame_equal(_plain(coded), _plain(alone), check_dtype=False)
    assert len(made) == 2 and all(len(keys) == 1 for keys in made.values())
    assert {k for keys in made.values() for k in keys} == {CoderSpec().fingerprint()}


def test_a_survey_codes_on_the_cluster_as_in_one_process(cluster, model):
    alone = code_files([DEMO_CSV], coder=model, workers=1)
    calls: list[tuple[int, int]] = []
    on_dask = code_files([DEMO_CSV], coder=model, dask=cluster.scheduler_address,
                         progress=lambda d, t: calls.append((d, t)))
    pd.testing.assert_frame_equal(alone.units, on_dask.units)
    assert calls[-1][0] == calls[-1][1] == int((alone.units["status"] != "empty").sum()) - \
        int((alone.units["status"] == "non_answer").sum())


def test_the_cli_codes_on_a_scheduler(cluster, capsys, monkeypatch):
    code1, here, _ = run_cli(capsys, monkeypatch, "code", DEMO_CSV)
    code2, there, _ = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "--dask",
                              cluster.scheduler_address)
    assert code1 == code2 == 0 and here == there
    code, out, err = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "--dask",
                             cluster.scheduler_address, "--workers", "2")
    assert (code, out) == (1, "")
    assert err == ("Error: give --workers or --dask, not both: on a Dask cluster its workers "
                   "do the coding.\n")


def test_a_coder_without_files_is_refused(model, texts):
    from fritekst.coding.learned import LearnedCoder
    from fritekst.errors import FritekstError

    in_memory = LearnedCoder(model.model)  # as a model trained in memory would be
    with pytest.raises(FritekstError, match="save it to a folder"):
        code_dask(dd.from_pandas(texts, npartitions=2), in_memory)

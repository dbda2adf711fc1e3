"""The same results from one process and from a pool of workers: surveys and reports coded
with ``workers=2`` equal those coded with ``workers=1``, column by column.

The inputs are small to keep the tests fast, so the thresholds under which work stays in
one process are lowered (``pooled``) and the pool really runs; ``pooled`` also records each
pool started, and how the coder was sent to it."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import DEMO_CSV, run_cli
from fritekst import CoderSpec, code_files, demo_report, make_coder, review_files
from fritekst.api import code_survey
from fritekst.coding import pool
from fritekst.coding.rules import RuleCoder
from fritekst.extract.survey import load_survey
from fritekst.literature import review as review_module
from fritekst.store.reports import index_reports, review_reports


@pytest.fixture(scope="module")
def model():
    """The shipped model, made as the CLI makes it (so the workers make it from its spec)."""
    return make_coder()


@pytest.fixture
def pooled(monkeypatch) -> list[tuple[str, int]]:
    monkeypatch.setattr(pool, "MIN_POOLED", 0)
    monkeypatch.setattr(pool, "BATCH", 150)
    monkeypatch.setattr(review_module, "MIN_POOLED_PAGES", 0)
    started: list[tuple[str, int]] = []
    real = pool.CoderPool.__init__

    def start(self, how, workers):
        started.append((type(how).__name__, workers))
        real(self, how, workers)

    monkeypatch.setattr(pool.CoderPool, "__init__", start)
    return started


def _same_units(one, two) -> None:
    pd.testing.assert_frame_equal(one.units, two.units)
    assert {k: v for k, v in one.meta.items() if k != "created"} == \
        {k: v for k, v in two.meta.items() if k != "created"}


def test_the_demo_survey_codes_the_same_on_two_workers(model, pooled):
    survey = load_survey([DEMO_CSV])
    one = code_survey(survey, model, workers=1)
    assert pooled == []
    two = code_survey(survey, model, workers=2, batch=40)
    assert pooled == [("CoderSpec", 2)]
    _same_units(one, two)
    assert (two.units["status"] == "coded").sum() > 100


def test_a_larger_generated_survey_codes_the_same_on_two_workers(model, pooled, large_survey):
    one = code_files([large_survey], coder=model, workers=1)
    two = code_files([large_survey], coder=model, workers=2)
    assert pooled == [("CoderSpec", 2)]
    _same_units(one, two)
    answered = one.units[one.units["status"].isin(["coded", "uncoded"])]
    assert len(answered) > 600 and answered["text"].nunique() > 400


def test_a_coder_not_made_from_a_spec_is_sent_pickled_once_to_each_worker(pooled,
                                                                          large_survey):
    rules = RuleCoder()  # made directly, not by make_coder: no spec to make it from
    survey = load_survey([large_survey])
    one = code_survey(survey, rules, workers=1)
    two = code_survey(survey, rules, workers=2)
    assert pooled == [("bytes", 2)]
    _same_units(one, two)


class _Unpicklable:
    """A coder of one's own that holds something pickle refuses (a lambda)."""

    def __init__(self, inner):
        self.inner, self.name, self.version = inner, "egen", "1"
        self.codebook, self.model_version = inner.codebook, None
        self.hook = lambda text: text

    def code(self, texts, polarities, kinds=None):
        return self.inner.code(texts, polarities, kinds)

    def describe(self):
        return {"name": self.name, "version": self.version}


def test_a_coder_that_cannot_be_sent_codes_in_this_process(pooled):
    survey = load_survey([DEMO_CSV])
    own = _Unpicklable(RuleCoder())
    two = code_survey(survey, own, workers=2, batch=40)
    assert pooled == []
    _same_units(code_survey(survey, own, workers=1), two)


def test_progress_counts_every_chunk_as_it_finishes(model, pooled):
    texts = [f"For få boliger i kommune {i}" for i in range(600)]
    calls: list[tuple[int, int]] = []
    codings = pool.code_texts(model, texts, [None] * 600, workers=2,
                              progress=lambda d, t: calls.append((d, t)))
    assert len(codings) == 600 and pooled == [("CoderSpec", 2)]
    # 600 texts in chunks of 150: four ticks, each later one further on, the last at the end
    assert [t for _, t in calls] == [600] * 4
    assert sorted(d for d, _ in calls) == [150, 300, 450, 600]


def test_below_the_threshold_nothing_is_pooled(model, monkeypatch, pooled):
    monkeypatch.setattr(pool, "MIN_POOLED", 10_000)
    code_files([DEMO_CSV], coder=model, workers=2)
    assert pooled == []


def test_workers_must_be_at_least_one(model):
    from fritekst.errors import SettingsError

    with pytest.raises(SettingsError, match="at least 1"):
        pool.code_texts(model, ["Samarbeid"], [None], workers=0)


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory, report_pdfs):
    folder = tmp_path_factory.mktemp("two")
    shutil.copy(demo_report(), folder / "a_demo.pdf")
    shutil.copy(report_pdfs["report"], folder / "b_generated.pdf")
    return folder


def test_reports_are_reviewed_the_same_on_two_workers(model, pooled, two_reports):
    one = review_files([two_reports], model, workers=1)
    calls: list[tuple[int, int]] = []
    two = review_files([two_reports], model, workers=2,
                       progress=lambda d, t: calls.append((d, t)))
    assert pooled == [("CoderSpec", 2)]
    pd.testing.assert_frame_equal(one.sentences, two.sentences)
    pd.testing.assert_frame_equal(one.reports, two.reports)
    assert (two.sentences["status"] == "coded").sum() > 100
    # reading the two files is the bar's first half, coding them the second
    assert calls[-1] == (4, 4) and (2, 4) in calls


def test_an_index_built_on_two_workers_reviews_the_same(pooled, two_reports, tmp_path):
    spec = CoderSpec(rules_only=True)
    index_reports([two_reports], tmp_path / "one", spec=spec, workers=1)
    index_reports([two_reports], tmp_path / "two", spec=spec, workers=2)
    assert pooled == [("CoderSpec", 2)]
    one = review_reports([], tmp_path / "one")
    two = review_reports([], tmp_path / "two")
    pd.testing.assert_frame_equal(one.sentences, two.sentences)
    assert len(one.sentences) > 500


def test_the_cli_codes_the_same_with_workers_2(capsys, monkeypatch, pooled):
    code1, out1, _ = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "--workers", "1")
    code2, out2, _ = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "--workers", "2")
    assert code1 == code2 == 0
    assert out1 == out2 and out1.count("\n") > 200
    assert pooled == [("CoderSpec", 2)]
    bad, _, err = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "--workers", "0")
    assert bad == 2 and "--workers" in err


def test_dask_without_the_extra_says_what_to_install(capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    code, _, err = run_cli(capsys, monkeypatch, "code", DEMO_CSV, "--rules-only", "--dask",
                           "tcp://127.0.0.1:8786")
    assert code == 1 and "Traceback" not in err
    assert "pip install 'fritekst[dask]'" in err and len(err.strip().splitlines()) == 1


def _die(coder, chunk):
    import os

    os._exit(9)  # as the system ends a worker that runs out of memory


def test_a_worker_that_dies_is_one_clear_error(model, pooled):
    from fritekst.errors import FritekstError

    with pytest.raises(FritekstError, match="fewer workers"):
        pool.run_tasks(model, _die, [1, 2, 3], workers=2)


def test_a_worker_that_cannot_make_the_coder_says_why_in_one_line(tmp_path, pooled):
    """A model folder removed after the coder was described: the workers cannot load it, and
    the error says so instead of blaming memory."""
    from fritekst.errors import FritekstError

    shutil.copytree(_model_folder(), tmp_path / "m")
    spec = CoderSpec(model=tmp_path / "m")
    shutil.rmtree(tmp_path / "m")
    with pytest.raises(FritekstError, match="could not make the coder") as exc, \
            pool.CoderPool(spec, 2) as workers:
        workers.map(_double, [1, 2])
    assert "\n" not in str(exc.value)


def test_workers_load_what_the_coder_was_made_from_even_after_a_change_of_folder(
        tmp_path, monkeypatch):
    """The spec of a coder holds absolute paths, and none once its files have changed (a
    model trained again into the same folder): then the workers get the coder itself."""
    from fritekst.coding import spec_of

    book = tmp_path / "kodebok.toml"
    shutil.copy(_codebook_file(), book)
    monkeypatch.chdir(tmp_path)
    coder = make_coder(codebook="kodebok.toml", rules_only=True)
    monkeypatch.chdir("/")
    spec = spec_of(coder)
    assert spec is not None and spec.codebook == book.resolve()
    book.write_text(book.read_text(encoding="utf-8") + "\n# endret\n", encoding="utf-8")
    assert spec_of(coder) is None


def _double(_coder, item: int) -> int:
    return 2 * item


def _model_folder():
    from fritekst.coding.paths import default_model_path

    return default_model_path()


def _codebook_file():
    from importlib.resources import files

    return files("fritekst.data").joinpath("codebook.toml")

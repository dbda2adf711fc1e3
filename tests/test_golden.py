"""The outputs people paste into reports, compared with committed golden files.

The demo survey's summary as Markdown, JSON and CSV (with its sibling tables), as it is
and with small cells suppressed; and with the breakdown by function (``--by role``) as
Markdown and JSON, in files of their own (the files without it stay as they are).
Run ``pytest tests/test_golden.py --update-golden`` to rewrite them on purpose after a
change that should alter them, and read the diff.
Only what differs between runs or machines is masked: the time, the fritekst version and
where the demo file lies.
"""

import json
import re

import pytest

from conftest import DEMO_XLSX
from fritekst import summarize_files, write_summary

GOLDEN = DEMO_XLSX.parents[4] / "tests" / "golden"


def _normalise(text: str) -> str:
    text = text.replace(str(DEMO_XLSX), "boligsosial_demo.xlsx")
    text = re.sub(r'"created": "[^"]+"', '"created": "<created>"', text)
    return re.sub(r'"fritekst": "[^"]+"', '"fritekst": "<version>"',
                  re.sub(r"^fritekst \S+, koder", "fritekst <version>, koder", text,
                         flags=re.M))


@pytest.fixture(scope="module")
def summaries():
    return {0: summarize_files([DEMO_XLSX]), 3: summarize_files([DEMO_XLSX], min_cell=3)}


@pytest.fixture(scope="module")
def role_summaries():
    return {n: summarize_files([DEMO_XLSX], min_cell=n, by="role") for n in (0, 3)}


@pytest.mark.parametrize("min_cell", [0, 3])
@pytest.mark.parametrize("suffix", [".md", ".json", ".csv"])
def test_demo_summary_matches_the_golden_files(summaries, tmp_path, update_golden, min_cell,
                                               suffix):
    name = f"demo{'_min_cell_3' if min_cell else ''}"
    _compare(write_summary(summaries[min_cell], tmp_path / f"{name}{suffix}"), update_golden)


@pytest.mark.parametrize("min_cell", [0, 3])
@pytest.mark.parametrize("suffix", [".md", ".json"])
def test_demo_summary_by_role_matches_the_golden_files(role_summaries, tmp_path, update_golden,
                                                       min_cell, suffix):
    name = f"demo_by_role{'_min_cell_3' if min_cell else ''}"
    written = write_summary(role_summaries[min_cell], tmp_path / f"{name}{suffix}")
    if suffix == ".json":  # the rest of the object is in demo.json already
        data = json.loads(written[0].read_text(encoding="utf-8"))["by_role"]
        written[0].write_text(_one_row_a_line(data), encoding="utf-8")
    _compare(written, update_golden)


def _one_row_a_line(data: dict) -> str:
    """``{"by_role": …}`` as JSON with one table row a line, so a diff shows rows."""
    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = [f' "{key}": {dump(data[key])}' for key in ("roles", "notes")]
    for key in ("themes", "ratings"):
        parts.append(f' "{key}": [\n' + ",\n".join(f"  {dump(r)}" for r in data[key])
                     + "\n ]")
    return '{"by_role": {\n' + ",\n".join(parts) + "\n}}\n"


def _compare(written, update_golden: bool) -> None:
    assert written, "nothing written"
    for path in written:
        got = _normalise(path.read_text(encoding="utf-8-sig"))
        golden = GOLDEN / path.name
        if update_golden:
            golden.write_text(got, encoding="utf-8")
            continue
        assert golden.is_file(), f"no golden file {golden.name}; run with --update-golden"
        want = golden.read_text(encoding="utf-8")
        if path.suffix == ".json":
            assert json.loads(got) == json.loads(want), path.name
        assert got == want, path.name

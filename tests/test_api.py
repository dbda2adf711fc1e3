"""The library functions' progress: a display that names its steps is told each step."""

from conftest import HEADER, write_delimited
from fritekst.api import code_files


class Steps:
    """A progress display with steps, as the CLI's bar: records (step, done, total)."""

    def __init__(self, label: str = ""):
        self.label, self.calls = label, []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((self.label, done, total))

    def step(self, label: str) -> "Steps":
        named = Steps(label)
        named.calls = self.calls
        return named


def test_coding_a_file_reports_rows_read_then_units_coded(tmp_path, coder):
    rows = [[str(i), "Volda", "Samarbeid", "", "For få boliger", "3"] for i in range(1200)]
    path = write_delimited(tmp_path / "stor.csv", HEADER, rows)
    shown = Steps("Koder")
    coded = code_files([path], coder=coder, progress=shown)
    reading = [(d, t) for s, d, t in shown.calls if s == "Leser"]
    coding = [(d, t) for s, d, t in shown.calls if s == "Koder"]
    assert reading == [(0, 1200), (1000, 1200), (1200, 1200)]
    units = int((coded.units["status"].isin(["coded", "uncoded"])).sum())
    assert units == 2400 and coding[-1] == (units, units)
    assert [s for s, _, _ in shown.calls] == ["Leser"] * 3 + ["Koder"] * len(coding)


def test_a_plain_callback_gets_both_steps(tmp_path, coder):
    path = write_delimited(tmp_path / "liten.csv", HEADER, [["1", "Volda", "Samarbeid", "",
                                                             "For få boliger", "3"]])
    calls: list[tuple[int, int]] = []
    code_files([path], coder=coder, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 1), (1, 1), (2, 2)]

"""How long a command takes from a cold start, as a researcher runs it.

Runs each command in a new process several times and prints the median wall time:
Python alone, `fritekst --help`, `fritekst extract` on the bundled 40-page demo report, and
`fritekst code` on a ten-answer export, `fritekst train` on the first 54 coded units of the
training split (the size of a coder's first sample); then, for `code`, how that
time splits into
importing the libraries (pandas, spaCy, scikit-learn), loading the coder and coding. The
first run builds the word cache if it is missing (once per machine) and is not counted.
Run: python scripts/bench_startup.py [--runs N]
"""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fritekst.coding.train import shipped_training_data

ROOT = Path(__file__).resolve().parent.parent
DEMO_PDF = ROOT / "src" / "fritekst" / "data" / "demo" / "rapport_demo.pdf"


def wall(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, capture_output=True, check=True)  # warm-up: caches, page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 5
    exe = [sys.executable, "-m", "fritekst"]
    with tempfile.TemporaryDirectory() as tmp:
        survey = Path(tmp) / "svar.csv"
        survey.write_text("id;Hva er de største utfordringene?\n" + "".join(
            f"{i};For få boliger og uklart ansvar\n" for i in range(10)), encoding="utf-8")
        sample = Path(tmp) / "kodet.csv"
        lines = shipped_training_data().read_text(
            encoding="utf-8").splitlines()
        sample.write_text("\n".join(lines[:55]) + "\n", encoding="utf-8")
        cases = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "fritekst --help": [*exe, "--help"],
            "fritekst extract (40-page demo report)": [*exe, "extract", str(DEMO_PDF), "-o",
                                                        str(Path(tmp) / "sider.jsonl")],
            "fritekst code (10 answers)": [*exe, "code", str(survey), "-o",
                                           str(Path(tmp) / "ut.csv")],
            "fritekst train (54 coded units)": [*exe, "train", str(sample), "-o",
                                                str(Path(tmp) / "modell")],
        }
        base = None
        for name, cmd in cases.items():
            t = wall(cmd, runs)
            base = t if base is None else base
            extra = "" if t is base else f"  ({t - base:.2f} s more than Python alone)"
            print(f"{name:42} {t:5.2f} s{extra}")
        split = subprocess.run([sys.executable, "-c", _SPLIT, str(survey)], capture_output=True,
                               text=True, check=True).stdout.strip()
        print(f"{'  of which (one run)':42} {split}")


_SPLIT = """
import sys, time
t0 = time.perf_counter()
import fritekst.api, fritekst.cli, fritekst.coding.learned, fritekst.export.survey
t1 = time.perf_counter()
from fritekst import code_files, make_coder
coder = make_coder()
t2 = time.perf_counter()
code_files([sys.argv[1]], coder=coder)
t3 = time.perf_counter()
print(f"imports {t1 - t0:.2f} s, loading the coder {t2 - t1:.2f} s, coding {t3 - t2:.2f} s")
"""


if __name__ == "__main__":
    main()

"""Where the time goes on a large survey: ``summarize_files`` end to end beside a plain
scikit-learn pipeline on the same texts.

Writes a survey export with the demo survey's columns and N respondents (default 20,000;
the issue's size is 100,000): each respondent's free-text answers are half short answers
that real exports repeat ("Vet ikke", "For få boliger", "Samarbeid", …) and half answers
drawn from the shipped training data (half of those two answers in one box, so that most are
distinct texts). Then, in one run:

- ``summarize_files`` with the shipped model (read, split, code, tables), wall time and CPU,
  in one process (``workers=1``), and with ``--workers N`` again on N worker processes; for
  both, the peak of the memory the process and its workers hold together (their proportional
  set sizes summed, sampled every second: pages the forked workers share with it count once);
- a plain scikit-learn pipeline fit on the shipped training answers (word TF-IDF and
  one-vs-rest logistic regression; and with character 2–5-grams added) that reads the same
  file and predicts every non-empty answer cell, single-process;

and prints the ratios, each step's peak memory (each runs in its own process; the resident
set from ``os.wait4``), and the top entries of a cProfile of ``summarize_files``
(``--profile``; a second run, not timed).

Run: python scripts/bench_scale.py [--respondents N] [--workers N] [--profile] [--top 25]
"""

from __future__ import annotations

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core, as the plain pipeline

import argparse  # noqa: E402
import cProfile  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from fritekst.coding.train import shipped_training_data  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "fritekst" / "data" / "demo" / "boligsosial_demo.csv"
SHORT = ("Vet ikke", "For få boliger", "Samarbeid", "Ingen", "Boligmangel", "Godt samarbeid",
         "Økonomi", "Mangel på boliger", "Kompetanse", "Se over", "Tidlig innsats",
         "Lite ressurser")


def write_export(path: Path, respondents: int, seed: int = 0) -> int:
    """A demo-shaped export of ``respondents`` rows; returns the number of answer cells."""
    demo = pd.read_csv(DEMO, sep=";", dtype=str, keep_default_na=False, encoding="cp1252")
    text_cols = [c for c in demo.columns if "Styrke" in c or "utfordring" in c.lower()
                 or c == "Andre kommentarer"]
    answers = pd.read_csv(shipped_training_data(), dtype=str, keep_default_na=False)
    pool = answers.loc[answers["kind"] == "answer", "text"].to_numpy()
    rng = np.random.default_rng(seed)
    rows = demo.iloc[rng.integers(0, len(demo), respondents)].reset_index(drop=True)
    rows["Respondent-ID"] = [str(100000 + i) for i in range(respondents)]
    cells = 0
    for col in text_cols:
        filled = rng.random(respondents) < 0.55
        short = rng.random(respondents) < 0.5
        # the other half mostly distinct, as in real exports: a training answer, or (every
        # other time) two of them written in one box
        first, second = rng.choice(pool, respondents), rng.choice(pool, respondents)
        written = np.where(rng.random(respondents) < 0.5, first,
                           np.char.add(np.char.add(first.astype(str), " "), second.astype(str)))
        values = np.where(short, rng.choice(np.array(SHORT), respondents), written)
        rows[col] = np.where(filled, values, "")
        cells += int(filled.sum())
    rows.to_csv(path, sep=";", index=False, encoding="utf-8")
    return cells


def answer_texts(path: Path) -> list[str]:
    """Every non-empty free-text cell of the export, as a plain pipeline would read them."""
    df = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    cols = [c for c in df.columns if "Styrke" in c or "utfordring" in c.lower()
            or c == "Andre kommentarer"]
    return [t for c in cols for t in df[c].tolist() if t.strip()]


def plain_pipeline(path: Path, chars: bool) -> tuple[float, int]:
    """Fit on the shipped answers, then read the export and predict: seconds for the
    reading and predicting, and the number of texts predicted."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import FeatureUnion, make_pipeline
    from sklearn.preprocessing import MultiLabelBinarizer

    train = pd.read_csv(shipped_training_data(), dtype=str, keep_default_na=False)
    train = train[train["kind"] == "answer"]
    y = MultiLabelBinarizer().fit_transform(t.split(";") if t else [] for t in train["themes"])
    features = [("word", TfidfVectorizer(sublinear_tf=True, min_df=2))]
    if chars:
        features.append(("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                                  sublinear_tf=True, min_df=2)))
    pipe = make_pipeline(FeatureUnion(features),
                         OneVsRestClassifier(LogisticRegression(max_iter=1000)))
    pipe.fit(train["text"], y)
    start = time.perf_counter()
    texts = answer_texts(path)
    pipe.predict(texts)
    return time.perf_counter() - start, len(texts)


def run_fritekst(path: Path, workers: int) -> tuple[float, float]:
    from fritekst import make_coder, summarize_files

    coder = make_coder()
    coder.code(["For få boliger"], ["utfordring"])  # loads the model and dictionaries
    wall, cpu = time.perf_counter(), time.process_time()
    summarize_files([path], coder=coder, workers=workers)
    return time.perf_counter() - wall, time.process_time() - cpu


def _pss_mb(pid: int) -> float:
    """A process's proportional set size (its private pages, and its share of those it
    shares with others), in MB; 0 when it has ended."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _tree(root: int) -> list[int]:
    """``root`` and every process descended from it (Linux /proc)."""
    parent: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [root], [root]
    while todo:
        pid = todo.pop()
        kids = [c for c, p in parent.items() if p == pid]
        found += kids
        todo += kids
    return found


class TreeMemory:
    """The peak, over a run, of the memory a process and its workers hold together."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        # once a second: reading a large process's smaps_rollup takes about 25 ms and holds
        # its page tables, so sampling often slows the very run it measures
        while not self._stop.wait(1.0):
            self.peak = max(self.peak, sum(_pss_mb(p) for p in _tree(os.getpid())))

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def profile(path: Path, top: int) -> None:
    from fritekst import make_coder, summarize_files

    coder = make_coder()
    prof = cProfile.Profile()
    prof.enable()
    summarize_files([path], coder=coder, workers=1)
    prof.disable()
    print(f"\nprofile of summarize_files, top {top} by own time:")
    pstats.Stats(prof).strip_dirs().sort_stats("tottime").print_stats(top)
    print(f"profile of summarize_files, top {top} by cumulative time:")
    pstats.Stats(prof).strip_dirs().sort_stats("cumulative").print_stats(top)


def in_child(step: str, path: Path) -> tuple[dict, float]:
    """Run one ``step`` in a fresh Python process: what it printed (JSON) and its own peak
    resident memory in MB, so that no step's memory counts against another's."""
    child = subprocess.Popen([sys.executable, __file__, "--step", step, str(path)],
                             stdout=subprocess.PIPE, text=True)
    out = child.stdout.read() if child.stdout else ""
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{step} failed with exit code {child.returncode}")
    return json.loads(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def run_step(step: str, path: Path) -> None:
    if step.startswith("fritekst"):
        with TreeMemory() as memory:
            wall, cpu = run_fritekst(path, int(step.partition(":")[2] or 1))
        print(json.dumps({"seconds": wall, "cpu": cpu, "tree_mb": memory.peak}))
    else:
        seconds, n = plain_pipeline(path, chars=step == "chars")
        print(json.dumps({"seconds": seconds, "texts": n}))


def _ratios(ours: float, *others: tuple[float, str, int]) -> str:
    """"  ratio to NAME 1.2×, to …" for the steps that ran (a skipped one is NaN)."""
    shown = [f"to {name} {ours / other:.{digits}f}×" for other, name, digits in others
             if other == other]
    return "  ratio " + ", ".join(shown) if shown else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--respondents", type=int, default=20_000)
    ap.add_argument("--workers", type=int, default=0,
                    help="also run summarize_files on this many worker processes")
    ap.add_argument("--skip", default="", metavar="STEPS",
                    help="comma-separated steps not to run: word, chars, one (fritekst in one "
                         "process); e.g. --skip chars at a size where the plain pipeline's "
                         "memory would not fit")
    ap.add_argument("--profile", action="store_true", help="profile summarize_files too")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--step", nargs=2, metavar=("STEP", "FILE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.step:
        run_step(args.step[0], Path(args.step[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stor_undersokelse.csv"
        cells = write_export(path, args.respondents)
        texts = answer_texts(path)
        print(f"{args.respondents:,} respondents, {cells:,} answer cells, "
              f"{len(set(texts)):,} distinct texts; {os.cpu_count()} cores; "
              "each step in its own process")
        skip = set(filter(None, args.skip.split(",")))
        n = len(texts)
        word = both = wall = float("nan")
        if "word" not in skip:
            plain, word_mb = in_child("word", path)
            word = plain["seconds"]
            print(f"plain scikit-learn, word TF-IDF:        {word:7.1f} s "
                  f"({n / word:9,.0f} texts/s), peak {word_mb:,.0f} MB")
        if "chars" not in skip:
            both_run, both_mb = in_child("chars", path)
            both = both_run["seconds"]
            print(f"plain scikit-learn, word + char 2–5:    {both:7.1f} s "
                  f"({n / both:9,.0f} texts/s), peak {both_mb:,.0f} MB")
        if "one" not in skip:
            ours, ours_mb = in_child("fritekst", path)
            wall = ours["seconds"]
            print(f"fritekst summarize_files, one process:  {wall:7.1f} s wall, "
                  f"{ours['cpu']:.1f} s CPU ({n / wall:,.0f} answer cells/s), peak "
                  f"{ours_mb:,.0f} MB ({ours['tree_mb']:,.0f} MB sampled; model loaded "
                  "before the clock starts)")
            if line := _ratios(wall, (word, "word TF-IDF", 1), (both, "word + char", 1)):
                print(line)
        if args.workers:
            many, many_mb = in_child(f"fritekst:{args.workers}", path)
            w = many["seconds"]
            print(f"fritekst summarize_files, {args.workers} workers:   {w:7.1f} s wall "
                  f"({n / w:,.0f} answer cells/s), peak {many['tree_mb']:,.0f} MB sampled for "
                  f"the process and its workers (the process alone {many_mb:,.0f} MB)")
            print(_ratios(w, (wall, "one process", 2), (word, "word TF-IDF", 1),
                          (both, "word + char", 1)))
        if args.profile:
            profile(path, args.top)


if __name__ == "__main__":
    main()

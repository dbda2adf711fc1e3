"""How many answer units per second fritekst codes on one core, NLP included.

Codes the training answers (repeated to 20,000 units, each numbered — "For få boliger (17)" —
so every unit is a distinct text: the coders code a repeated text once, which would flatter
the figure) from raw text with the shipped model and with the codebook rules alone, and
prints units per second for the first pass (word caches cold, as on a new survey) and a
second pass (caches warm).
Run: python scripts/bench_coding.py [--model FOLDER] (another model than the shipped one)
"""

import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")  # one core

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402

from fritekst.coding.learned import LearnedCoder  # noqa: E402
from fritekst.coding.rules import RuleCoder  # noqa: E402
from fritekst.coding.train import shipped_training_data  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
N = 20_000


def main() -> None:
    data = pd.read_csv(shipped_training_data(), dtype=str,
                       keep_default_na=False)
    answers = data[data["kind"] == "answer"]
    reps = N // len(answers) + 1
    # numbered, so no two are alike and each is coded (repeats are coded once)
    texts = [f"{t} ({i})" for i, t in enumerate((answers["text"].tolist() * reps)[:N])]
    pols = (answers["polarity"].tolist() * reps)[:N]
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"{N} answer units, all distinct, {words:.1f} words on average, one core")
    model = sys.argv[sys.argv.index("--model") + 1] if "--model" in sys.argv else None
    for name, make in (("rules only", RuleCoder),
                       ("learned model", lambda: LearnedCoder(model))):
        coder = make()
        coder.code(["For få boliger"], ["utfordring"])  # loads the dictionaries
        rates = []
        for _ in range(2):
            start = time.perf_counter()
            coder.code(texts, pols)
            rates.append(N / (time.perf_counter() - start))
        print(f"{name:14} first pass {rates[0]:8,.0f} units/s, second pass {rates[1]:8,.0f}")


if __name__ == "__main__":
    main()

"""Where a pool of coding workers starts to pay: coding N distinct answers in this process
beside coding them on a pool of workers (each loading the model), for growing N.

The texts are distinct answers from the shipped training data (one answer, or two written in
one box), coded with the shipped model as `fritekst code` does after reading a file: the coder
is already loaded here, so the pool's cost is starting its processes and loading the model in
each. Prints seconds for each N (median of --repeat runs, made back to back) and the ratio; the
break-even is where the ratio crosses 1 (``fritekst.coding.pool.MIN_POOLED`` is set from it).

With ``--reports`` it does the same for report coding: K copies of the bundled 40-page demo
report, read once, then coded (``review_documents``) in this process and on the pool
(``fritekst.literature.review.MIN_POOLED_PAGES`` is set from that).

Run: python scripts/bench_workers.py [--workers 2] [--sizes 1000,2000,4000,8000,16000]
     python scripts/bench_workers.py --reports [--sizes 1,2,3,4]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

import pandas as pd

from fritekst.coding import make_coder, pool
from fritekst.coding.train import shipped_training_data

DEFAULT_SIZES = "1000,2000,4000,8000,16000"


def distinct_answers(n: int) -> list[str]:
    data = pd.read_csv(shipped_training_data(), dtype=str, keep_default_na=False)
    one = data.loc[data["kind"] == "answer", "text"].tolist()
    texts = list(dict.fromkeys(one + [f"{a} {b}" for a in one for b in one[::7]]))
    if len(texts) < n:
        raise SystemExit(f"only {len(texts)} distinct answers to draw from")
    return texts[:n]


def timed(coder, texts: list[str], workers: int) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of this process and the workers it waited for: on a
    machine shared with other work the wall time shows what the pool gained there, the CPU
    time what it cost whatever else runs."""
    start, cpu = time.perf_counter(), _cpu()
    pool.code_texts(coder, texts, [None] * len(texts), workers=workers)
    return time.perf_counter() - start, _cpu() - cpu


def _cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def reports(sizes: list[int], workers: int, repeat: int) -> None:
    from fritekst import demo_report
    from fritekst.extract.pdf import extract_pdfs
    from fritekst.literature import review

    review.MIN_POOLED_PAGES = 0
    coder = make_coder()
    docs, _ = extract_pdfs([demo_report()] * max(sizes), workers=1)
    print(f"load average {os.getloadavg()[0]:.1f}; wall (CPU) seconds, medians of {repeat}")
    print(f"{'pages':>7} {'1 process':>14} {f'{workers} workers':>14} {'ratio':>6}")
    for k in sizes:
        one, many = [], []
        for _ in range(repeat):
            for n, times in ((1, one), (workers, many)):
                start, cpu = time.perf_counter(), _cpu()
                review.review_documents(docs[:k], coder, workers=n)
                times.append((time.perf_counter() - start, _cpu() - cpu))
        a, b = (statistics.median(w for w, _ in one), statistics.median(c for _, c in one))
        c, d = (statistics.median(w for w, _ in many), statistics.median(c for _, c in many))
        pages = sum(doc.page_count for doc in docs[:k])
        print(f"{pages:>7,} {a:>6.1f}s ({b:>4.1f}s) {c:>6.1f}s ({d:>4.1f}s) {a / c:>5.2f}×")
    print(f"load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--sizes", default=DEFAULT_SIZES)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--reports", action="store_true", help="measure report coding instead")
    args = ap.parse_args()
    if args.reports:
        reports([int(s) for s in args.sizes.split(",")] if args.sizes != DEFAULT_SIZES
                else [1, 2, 3, 4], args.workers, args.repeat)
        return
    pool.MIN_POOLED = 0  # every size on the pool, to find where it pays
    coder = make_coder()
    sizes = [int(s) for s in args.sizes.split(",")]
    texts = distinct_answers(max(sizes))
    coder.code(texts[:10], [None] * 10)  # the first call loads dictionaries
    print(f"load average {os.getloadavg()[0]:.1f}; wall (CPU) seconds, medians of "
          f"{args.repeat}")
    print(f"{'texts':>7} {'1 process':>14} {f'{args.workers} workers':>14} {'ratio':>6}")
    for n in sizes:
        one, many = [], []
        for _ in range(args.repeat):
            one.append(timed(coder, texts[:n], 1))
            many.append(timed(coder, texts[:n], args.workers))
        a, b = (statistics.median(w for w, _ in one), statistics.median(c for _, c in one))
        c, d = (statistics.median(w for w, _ in many), statistics.median(c for _, c in many))
        print(f"{n:>7,} {a:>6.1f}s ({b:>4.1f}s) {c:>6.1f}s ({d:>4.1f}s) {a / c:>5.2f}×")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

"""Benchmark PDF extraction: fritekst against plain pdfplumber on the same generated reports.

Generates reports with known text (scripts/make_test_pdfs.py), then in one run:
- plain pdfplumber `page.extract_text()`, one process, pages per second;
- fritekst's extractor with 1 and 2 worker processes (tables on, as users get it; the median
  of three runs each);
- fidelity of each: the share of pages whose words equal the source word for word, and the share
  of source words found in order (difflib), with running heads and page numbers not counted as
  source words;
- both are warmed up on one report first (imports, fritekst's word lists: about 1 s once);
- the end-to-end time for one 150-page report extracted and coded (`review_files`).
With --real DIR it also times both extractors on the PDFs in DIR (no fidelity: no truth there).
Run: python scripts/bench_pdf.py [--reports 10] [--pages 40] [--real ../shared/realdata/pdfs]
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from fritekst.extract.pdf import extract_pdf, extract_pdfs

HERE = Path(__file__).resolve().parent


def _generator():
    spec = importlib.util.spec_from_file_location("make_test_pdfs", HERE / "make_test_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def plumber_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def fidelity(pages: list[str], truth: list[dict]) -> tuple[float, float]:
    """(share of pages equal word for word, share of source words recovered in order)."""
    exact = found = total = 0
    for text, t in zip(pages, truth, strict=True):
        want = " ".join(t["paragraphs"]).split()
        got = text.split()
        exact += got == want
        blocks = difflib.SequenceMatcher(a=want, b=got, autojunk=False).get_matching_blocks()
        found += sum(b.size for b in blocks)
        total += len(want)
    return exact / len(truth), found / max(1, total)


def median_of(n: int, fn):
    runs = [timed(fn) for _ in range(n)]
    runs.sort(key=lambda r: r[1])
    return runs[n // 2]


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10)
    ap.add_argument("--pages", type=int, default=40)
    ap.add_argument("--real", type=Path, default=None)
    args = ap.parse_args()
    gen = _generator()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for k in range(args.reports):
            path = folder / f"rapport_{k}.pdf"
            gen.build_report(path, args.pages, seed=k + 1)
            files.append(path)
        truth = {f: json.loads(f.with_suffix(".truth.json").read_text("utf-8"))["pages"]
                 for f in files}
        n_pages = sum(len(t) for t in truth.values())

        # warm both up on one file first, so imports and word lists are not timed
        plumber_pages(files[0])
        extract_pdf(files[0])
        plumbed, t_plumber = timed(lambda: {f: plumber_pages(f) for f in files})
        # fritekst's runs are short, so the start of worker processes weighs in: take the
        # median of three runs (pdfplumber's one run is long and steady)
        _, t_one = median_of(3, lambda: extract_pdfs(files, workers=1)[0])
        ours2, t_two = median_of(3, lambda: extract_pdfs(files, workers=2)[0])
        rate = {"pdfplumber": n_pages / t_plumber, "fritekst, 1 process": n_pages / t_one,
                "fritekst, 2 processes": n_pages / t_two}
        fid_plumber = [fidelity(plumbed[f], truth[f]) for f in files]
        fid_ours = [fidelity([p.text for p in d.pages], truth[Path(d.source)]) for d in ours2]

        def mean(pairs, i):
            return sum(p[i] for p in pairs) / len(pairs)

        print(f"{len(files)} generated reports, {n_pages} pages (two-column pages, running heads, "
              "hyphenation, a table, a scanned page each)")
        print(f"{'extractor':24} {'pages/s':>8} {'× pdfplumber':>13} {'pages exact':>12} "
              f"{'words in order':>15}")
        for name, r in rate.items():
            fid = fid_plumber if name == "pdfplumber" else fid_ours
            print(f"{name:24} {r:8.1f} {r / rate['pdfplumber']:13.1f} {mean(fid, 0):12.1%} "
                  f"{mean(fid, 1):15.1%}")

        big = folder / "rapport_150.pdf"
        gen.build_report(big, 150, seed=99)
        from fritekst.literature.review import review_files

        review, t_big = timed(lambda: review_files([big]))
        c = review.meta["counts"]
        print(f"150-page report extracted and coded in {t_big:.1f} s "
              f"({c['sentences']} sentences, {c['coded']} coded), model loading included")

    if args.real:
        real = sorted(args.real.glob("*.pdf"))
        pages = 0
        t_p = t_o = 0.0
        for f in real:
            got, dt = timed(lambda f=f: plumber_pages(f))
            t_p += dt
            pages += len(got)
            _, dt = timed(lambda f=f: extract_pdf(f))
            t_o += dt
        _, t_two_real = timed(lambda: extract_pdfs(real, workers=2))
        _, t_no_tables = timed(lambda: extract_pdfs(real, workers=2, tables=False))
        print(f"real PDFs in {args.real}: {len(real)} files, {pages} pages: pdfplumber "
              f"{pages / t_p:.1f} pages/s; fritekst {pages / t_o:.1f} pages/s in one process "
              f"({t_p / t_o:.1f}×), {pages / t_two_real:.1f} in two ({t_p / t_two_real:.1f}×), "
              f"{pages / t_no_tables:.1f} in two with --no-tables ({t_p / t_no_tables:.1f}×)")


if __name__ == "__main__":
    main()

"""How long a search takes with and without the report index.

Indexes a folder of PDFs into a fresh project (timed), then times searches for a few queries:
through the index in the library (`search_index`), as a whole command (`fritekst search`, a
new process each time, start-up included) with the folder named (its files are checked
against the index) and without (every indexed report), and, once, without an index (every PDF
read and coded again). Prints medians over the repeats.

Run: python scripts/bench_search.py [FOLDER] [--repeat N]
(default ../shared/realdata/pdfs; the generated demo report when that folder is absent)
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fritekst import demo_report, index_reports, search_index, search_reports

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["bolig", "samordning", "kommunale boliger", "oppfølging"]


def timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main() -> None:
    args = sys.argv[1:]
    repeat = 5
    if "--repeat" in args:
        repeat = int(args.pop(args.index("--repeat") + 1))
        args.remove("--repeat")
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "realdata" / "pdfs"
    with tempfile.TemporaryDirectory() as tmp:
        if not folder.is_dir():
            folder = Path(tmp, "rapporter")
            folder.mkdir()
            shutil.copy(demo_report(), folder)
        project = Path(tmp, "p")
        done, t_index = timed(lambda: index_reports([folder], project))
        print(f"{folder}: {len(done.files)} reports indexed in {t_index:.1f} s")
        _, t_again = timed(lambda: index_reports([folder], project))
        print(f"indexing again (nothing changed): {t_again:.2f} s")
        print("| query | hits | library, with index | command, folder named | "
              "command, whole index |")
        print("|---|---|---|---|---|")
        fritekst = shutil.which("fritekst") or "fritekst"
        for query in QUERIES:
            lib, cmd, whole = [], [], []
            hits = None
            for _ in range(repeat):
                (hits, _r), t = timed(lambda q=query: search_index(q, [folder], project))
                lib.append(t)
                _, t = timed(lambda q=query: subprocess.run(
                    [fritekst, "search", q, str(folder), "--project", str(project)],
                    capture_output=True, check=True))
                cmd.append(t)
                _, t = timed(lambda q=query: subprocess.run(
                    [fritekst, "search", q, "--project", str(project)],
                    capture_output=True, check=True))
                whole.append(t)
            print(f"| {query} | {len(hits)} | {statistics.median(lib):.2f} s "
                  f"| {statistics.median(cmd):.2f} s | {statistics.median(whole):.2f} s |")
        (hits, _r), t_plain = timed(lambda: search_reports(QUERIES[0], [folder]))
        print(f"without an index, '{QUERIES[0]}' ({len(hits)} hits): {t_plain:.1f} s")


if __name__ == "__main__":
    main()

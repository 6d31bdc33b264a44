#!/usr/bin/env python3
"""Speed and memory benchmark: extract and build a corpus, report time and peak memory.

    python bench/speed.py ../shared/corpus/ukraine-2022            # extraction only
    python bench/speed.py ../shared/corpus/ukraine-2022 --build    # plus assemble and render

Run on demand, not in the test suite: timings depend on the machine.  Reports articles per
second for parsing + extraction (no cache), and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from briefing import nlp, pipeline
from briefing.assemble import assemble
from briefing.publish import write_brief


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--build", action="store_true", help="also assemble and render every day (md, html, pdf)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    nlp.load()
    t_load = time.perf_counter() - t0
    res = pipeline.read(args.paths)
    chars = sum(len(a.text) for a in res.articles)
    t1 = time.perf_counter()
    exs = list(pipeline.extract(res.articles))
    t_extract = time.perf_counter() - t1
    print(f"model load      {t_load:6.2f} s")
    print(
        f"extract         {t_extract:6.2f} s  {len(res.articles)} articles, {chars / 1000:.0f}k chars, "
        f"{len(res.articles) / t_extract:.1f} articles/s"
    )
    if args.build:
        t2 = time.perf_counter()
        briefs = assemble(exs)
        with tempfile.TemporaryDirectory() as tmp:
            for b in briefs:
                write_brief(b, Path(tmp), formats=("md", "html", "pdf"))
        print(f"assemble+render {time.perf_counter() - t2:6.2f} s  {len(briefs)} days")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory     {peak:6.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

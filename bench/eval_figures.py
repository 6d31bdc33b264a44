"""Evaluate the figures extractor on the ukraine-dev set.

Extracts the dev articles (the gold file's paths, seed included) and runs the shared scorer on
the figures section, so anyone can reproduce the numbers reported for the extractor:

    python bench/eval_figures.py --shared /path/to/shared [--out PRED.jsonl] [--verbose]
    python bench/eval_figures.py --shared /path/to/shared --only 2022-03-29-mariupol-istanbul-talks

Statements are extracted too when that extractor works, because figures take their ``source``
from them; if it fails the figures are scored without statements.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing import nlp
from briefing.extract import figures, parse_many, statements
from briefing.interchange import to_line
from briefing.models import Extraction
from briefing.readers import read_paths


def gold_paths(shared: Path, gold: Path, only: set[str]) -> list[Path]:
    paths = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if only and rec["id"] not in only:
            continue
        p = rec["path"]
        paths.append(shared / p if p.startswith("seeds/") else shared / "corpus" / "ukraine-2022" / p)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (spec, corpus, eval)")
    ap.add_argument("--gold", type=Path, help="gold JSONL (default: eval/ukraine-dev/gold.jsonl)")
    ap.add_argument("--out", type=Path, help="where to write predictions (default: a temp file)")
    ap.add_argument("--only", action="append", default=[], help="score only this article id (repeatable)")
    ap.add_argument("--verbose", action="store_true", help="list misses and wrong fields")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON")
    args = ap.parse_args()
    shared = args.shared.resolve()
    gold = args.gold or shared / "eval" / "ukraine-dev" / "gold.jsonl"
    paths = gold_paths(shared, gold, set(args.only))
    res = read_paths(paths)
    out = args.out or Path(tempfile.mkdtemp()) / "figures-pred.jsonl"
    started = time.perf_counter()
    docs = list(parse_many(res.articles, nlp.load()))
    parsed_s = time.perf_counter() - started
    started = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        for pa in docs:
            try:
                stmts = tuple(statements.extract(pa))
            except Exception as exc:  # the statements extractor is optional here
                print(f"statements failed on {pa.article.id}: {exc}", file=sys.stderr)
                stmts = ()
            figs = tuple(figures.extract(pa, stmts))
            fh.write(to_line(Extraction(pa.article, stmts, figs)) + "\n")
    extract_s = time.perf_counter() - started
    print(f"{len(docs)} articles: parse {parsed_s:.1f}s, extract {extract_s:.2f}s -> {out}", file=sys.stderr)
    gold_arg = gold
    if args.only:
        tmp = Path(tempfile.mkdtemp()) / "gold.jsonl"
        lines = [
            ln
            for ln in gold.read_text(encoding="utf-8").splitlines()
            if ln.strip() and json.loads(ln)["id"] in set(args.only)
        ]
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        gold_arg = tmp
    cmd = [
        sys.executable,
        str(shared / "eval" / "score.py"),
        "--gold",
        str(gold_arg),
        "--pred",
        str(out),
        "--root",
        str(shared),
        "--section",
        "figures",
    ]
    if args.verbose:
        cmd.append("--verbose")
    if args.json:
        cmd.append("--json")
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())

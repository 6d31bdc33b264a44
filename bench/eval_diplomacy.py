"""Reproduce the diplomacy scores on a gold set (default: ukraine-dev).

Extracts the gold set's articles with the installed pipeline, writes the interchange JSONL
and runs the shared scorer on the diplomacy section:

    python bench/eval_diplomacy.py --shared PATH/TO/shared [--gold eval/ukraine-dev/gold.jsonl]
        [--out PRED.jsonl] [--only ID] [--verbose]

``--only`` keeps one article (its gold line is written to a temporary gold file), e.g. the seed
alone.  The scorer's own output is printed unchanged.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import nlp  # noqa: E402
from briefing.extract import extract_parsed, parse_many  # noqa: E402
from briefing.interchange import to_line  # noqa: E402
from briefing.readers import read_paths  # noqa: E402


def article_path(shared: Path, rel: str) -> Path:
    return shared / rel if rel.startswith("seeds/") else shared / "corpus" / "ukraine-2022" / rel


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, required=True, help="the shared folder (corpus, eval, seeds)")
    ap.add_argument("--gold", default="eval/ukraine-dev/gold.jsonl", help="gold file, relative to --shared")
    ap.add_argument("--out", type=Path, help="where to keep the predictions (default: a temporary file)")
    ap.add_argument("--only", help="score only the gold article whose id contains this string")
    ap.add_argument("--verbose", action="store_true", help="list false positives and misses")
    args = ap.parse_args(argv)

    gold_text = (args.shared / args.gold).read_text(encoding="utf-8")
    gold_lines = [ln for ln in gold_text.splitlines() if ln.strip()]
    if args.only:
        gold_lines = [ln for ln in gold_lines if args.only in json.loads(ln)["id"]]
        if not gold_lines:
            ap.error(f"no gold article matches {args.only!r}")
    paths = [article_path(args.shared, json.loads(ln)["path"]) for ln in gold_lines]
    res = read_paths(paths)
    for err in res.errors:
        print(f"warning: {err}", file=sys.stderr)

    tmp = Path(tempfile.mkdtemp(prefix="eval_diplomacy_"))
    out = args.out or tmp / "pred.jsonl"
    gold = tmp / "gold.jsonl"
    gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    with out.open("w", encoding="utf-8") as fh:
        for parsed in parse_many(res.articles, nlp.load()):
            fh.write(to_line(extract_parsed(parsed)) + "\n")

    cmd = [sys.executable, str(args.shared / "eval" / "score.py"), "--gold", str(gold), "--pred", str(out),
           "--root", str(args.shared), "--section", "diplomacy"]
    if args.verbose:
        cmd.append("--verbose")
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())

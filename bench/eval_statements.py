"""Reproduce the statements extractor's numbers on the shared evaluation sets.

    python bench/eval_statements.py --shared ../shared --split dev [--set polnear|ukraine|all]

Extracts the PolNeAR split (``eval/polnear/<split>/input``) and, for ``--split dev``, the
ukraine-dev articles, writes the predictions to a temporary folder (or ``--out``) and runs the
shared scorers, printing their summaries.  Extraction time is reported, since the extractor
must stay fast.

Conventions: ukraine-dev is scored under the spec's (the extractor's default).  PolNeAR
annotates one attribution per source, cue and content, so a quote split by its attribution
(``"A," she said. "B."``) and the quote paragraphs continuing it are one attribution there: it
is scored with ``StatementOptions(join_split_quotes=True)`` (``polnear-<split>.jsonl``) and, for
comparison, under the spec default as well (``polnear-<split>.spec.jsonl``).
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
from briefing.extract import extract_parsed, parse_many
from briefing.extract.statements import StatementOptions
from briefing.interchange import to_line
from briefing.readers import read_paths

SPEC = StatementOptions()
POLNEAR = StatementOptions(join_split_quotes=True)


def extract_to(paths: list[Path], outs: dict[Path, StatementOptions]) -> float:
    """Extract ``paths`` once per convention into the JSON Lines files of ``outs`` (file →
    options), parsing each article once; return the seconds taken."""
    t0 = time.perf_counter()
    res = read_paths(paths)
    handles = {out: out.open("w", encoding="utf-8") for out in outs}
    try:
        for pa in parse_many(res.articles, nlp.load()):
            for out, opts in outs.items():
                handles[out].write(to_line(extract_parsed(pa, options=opts)) + "\n")
    finally:
        for fh in handles.values():
            fh.close()
    return time.perf_counter() - t0


def ukraine_paths(shared: Path) -> list[Path]:
    paths = []
    for line in (shared / "eval/ukraine-dev/gold.jsonl").open(encoding="utf-8"):
        p = json.loads(line)["path"]
        paths.append(shared / p if p.startswith("seeds/") else shared / "corpus/ukraine-2022" / p)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--set", choices=("polnear", "ukraine", "all"), default="all", dest="which")
    ap.add_argument("--out", type=Path, help="folder for the predictions (default: a temporary one)")
    ap.add_argument("--verbose", action="store_true", help="list the ukraine-dev errors")
    args = ap.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="statements-"))
    out.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    ev = args.shared / "eval"
    if args.which in ("ukraine", "all") and args.split == "dev":
        pred = out / "ukraine-dev.jsonl"
        secs = extract_to(ukraine_paths(args.shared), {pred: SPEC})
        print(f"# ukraine-dev (convention: spec default, split quotes separate): extracted in {secs:.1f}s"
              f" -> {pred}")
        cmd = [py, str(ev / "score.py"), "--gold", str(ev / "ukraine-dev/gold.jsonl"), "--pred", str(pred),
               "--root", str(args.shared), "--section", "statements"]
        subprocess.run([*cmd, *(["--verbose"] if args.verbose else [])], check=False)
    if args.which in ("polnear", "all"):
        split = ev / "polnear" / args.split
        pred = out / f"polnear-{args.split}.jsonl"
        spec = out / f"polnear-{args.split}.spec.jsonl"
        secs = extract_to(sorted((split / "input").glob("*.txt")), {pred: POLNEAR, spec: SPEC})
        print(f"# polnear {args.split}: extracted under both conventions in {secs:.1f}s")
        for label, path in (("PolNeAR convention: join_split_quotes=True", pred),
                            ("spec default: split quotes separate", spec)):
            print(f"## polnear {args.split} ({label}) -> {path}", flush=True)
            cmd = [py, str(ev / "polnear/score.py"), "--gold", str(split), "--pred", str(path)]
            subprocess.run(cmd, check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Measure extraction accuracy on the annotated evaluation sets, and gate on the targets.

    python bench/evaluate.py --shared ../shared            # all sets, a table for the README
    python bench/evaluate.py --shared ../shared --check    # exit 1 if a target is missed
    python bench/evaluate.py --shared ../shared --set ukraine-dev --verbose

Sets (read from the ``shared`` folder given, never at run time of the tool itself):

* ``ukraine-dev``: 17 hand-annotated articles (statements, figures, diplomacy), scored by
  ``eval/score.py``;
* ``polnear-dev`` / ``polnear-train``: PolNeAR attributions, scored by
  ``eval/polnear/score.py`` (statements only), under both conventions: the spec's (one
  statement per quoted stretch) and PolNeAR's own (one per attribution: split quotes joined,
  ``briefing extract --convention polnear``: split quotes joined, headline attributions
  kept); the targets apply to the latter;
* ``--gold FILE``: any other gold file in the ukraine-dev format (a held-out set).

Articles are extracted with the installed ``briefing`` package, exactly as
``briefing extract`` does, and written to ``--keep DIR`` if given.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing import nlp
from briefing.extract import extract_parsed, parse_many
from briefing.extract.statements import StatementOptions
from briefing.interchange import to_line
from briefing.readers import read_paths

# The targets of the accuracy issues; the gate fails when a number is below its target.
# Targets apply to one convention per set: the spec's for ukraine-dev, PolNeAR's for PolNeAR.
TARGETS: dict[tuple[str, str], dict[tuple[str, ...], float]] = {
    ("ukraine-dev", "spec"): {
        ("statements", "who_said_what", "f1"): 0.80,
        ("figures", "f1"): 0.90,
        ("figures", "value_acc"): 0.97,
        ("figures", "what_acc"): 0.85,
        ("figures", "qualifier_acc"): 0.90,
        ("diplomacy", "untyped", "f1"): 0.85,
        ("diplomacy", "f1"): 0.70,
        ("diplomacy", "actor_f1"): 0.85,
    },
    ("polnear-dev", "polnear"): {
        ("f1_direct",): 0.90,
        ("f1_speech",): 0.85,
        ("speaker_acc",): 0.92,
    },
}


def gold_paths(gold: Path, shared: Path) -> list[Path]:
    """The article files of a gold file in the ukraine-dev format."""
    out = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        p = json.loads(line)["path"]
        out.append(shared / p if p.startswith("seeds/") else shared / "corpus/ukraine-2022" / p)
    return out


def extract_to(paths: list[Path], outs: dict[Path, StatementOptions | None]) -> float:
    """Extract ``paths`` into each JSON Lines file of ``outs`` under its statements convention
    (None: the spec's), parsing every article once; return the seconds spent."""
    t0 = time.perf_counter()
    res = read_paths(paths)
    if res.errors:
        raise SystemExit(f"evaluate: {res.errors[0]}")
    handles = {dest: dest.open("w", encoding="utf-8") for dest in outs}
    try:
        for parsed in parse_many(res.articles, nlp.load()):
            for dest, options in outs.items():
                handles[dest].write(to_line(extract_parsed(parsed, options=options)) + "\n")
    finally:
        for fh in handles.values():
            fh.close()
    return time.perf_counter() - t0


def dig(obj: object, path: tuple[str, ...]) -> float | None:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj if isinstance(obj, int | float) else None


def score(cmd: list[str]) -> dict[str, object]:
    out = subprocess.run([*cmd, "--json"], check=True, capture_output=True, text=True).stdout
    # score.py prints one JSON object; the PolNeAR scorer prints it on one line, then a summary.
    text = out if out.lstrip().startswith("{\n") else out.splitlines()[0]
    data: dict[str, object] = json.loads(text)
    return data


TEXT_FIELDS = {"statements": "quote", "figures": "text", "diplomacy": "sentence"}


def prepare_gold(gold: Path, shared: Path, work: Path, *, only: tuple[str, ...] = ()) -> Path:
    """A copy of ``gold`` restricted to the articles whose id contains one of ``only`` (all when
    empty), with the quote, text and sentence fields filled in from the articles where the
    items carry only offsets (as in ``bench/checksets/``)."""
    lines = gold.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    for g, path in zip(records, gold_paths(gold, shared), strict=True):
        text: str | None = None
        for sec, f in TEXT_FIELDS.items():
            for it in g.get(sec, []):
                if f not in it:
                    text = text if text is not None else path.read_text(encoding="utf-8")
                    it[f] = text[it["start"] : it["end"]]
    records = [g for g in records if not only or any(o in g["id"] for o in only)]
    if not records:
        raise SystemExit(f"evaluate: no article of {gold} matches --only {' '.join(only)}")
    out = work / f"gold-{gold.parent.name}-{gold.stem}.jsonl"
    out.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in records), encoding="utf-8")
    return out


def run_set(
    name: str,
    shared: Path,
    work: Path,
    *,
    verbose: bool,
    section: str = "all",
    only: tuple[str, ...] = (),
) -> dict[str, dict[str, object]]:
    """Scores of one set, by convention: ``spec`` always; ``polnear`` for the PolNeAR sets,
    which annotate one attribution per source, cue and content (split quotes joined)."""
    py = sys.executable
    if not name.startswith("polnear-"):
        gold = shared / "eval/ukraine-dev/gold.jsonl" if name == "ukraine-dev" else Path(name)
        gold = prepare_gold(gold, shared, work, only=only)
        pred = work / f"pred-{gold.stem.removeprefix('gold-')}.jsonl"
        secs = extract_to(gold_paths(gold, shared), {pred: None})
        score_py = str(shared / "eval/score.py")
        cmds = {
            "spec": [
                py,
                score_py,
                "--gold",
                str(gold),
                "--pred",
                str(pred),
                "--root",
                str(shared),
                "--section",
                section,
            ]
        }
    else:
        folder = shared / "eval/polnear" / name.split("-", 1)[1]
        preds = {"polnear": work / f"{name}.jsonl", "spec": work / f"{name}.spec.jsonl"}
        secs = extract_to(
            sorted((folder / "input").glob("*.txt")),
            {preds["polnear"]: StatementOptions.polnear(), preds["spec"]: None},
        )
        score_py = str(shared / "eval/polnear/score.py")
        cmds = {conv: [py, score_py, "--gold", str(folder), "--pred", str(p)] for conv, p in preds.items()}
    results: dict[str, dict[str, object]] = {}
    for conv, cmd in cmds.items():
        if verbose:
            extra = [] if name.startswith("polnear-") else ["--verbose"]
            print(subprocess.run([*cmd, *extra], check=True, capture_output=True, text=True).stdout)
        results[conv] = {**score(cmd), "seconds": round(secs, 1)}
    return results


# What the README table shows per set and section: (label, path into the scorer's JSON).
COLUMNS: dict[str, list[tuple[str, list[tuple[str, tuple[str, ...]]]]]] = {
    "ukraine-dev": [
        (
            "statements",
            [
                ("F1", ("statements", "f1")),
                ("who-said-what F1", ("statements", "who_said_what", "f1")),
                ("speaker", ("statements", "speaker_acc")),
                ("direct R", ("statements", "direct", "recall")),
                ("reported R", ("statements", "reported", "recall")),
            ],
        ),
        (
            "figures",
            [
                ("F1", ("figures", "f1")),
                ("P", ("figures", "precision")),
                ("R", ("figures", "recall")),
                ("value", ("figures", "value_acc")),
                ("unit", ("figures", "unit_acc")),
                ("qualifier", ("figures", "qualifier_acc")),
                ("what", ("figures", "what_acc")),
                ("source", ("figures", "source_acc")),
            ],
        ),
        (
            "diplomacy",
            [
                ("untyped F1", ("diplomacy", "untyped", "f1")),
                ("typed F1", ("diplomacy", "f1")),
                ("type acc", ("diplomacy", "type_acc_on_untyped")),
                ("actor-set F1", ("diplomacy", "actor_f1")),
            ],
        ),
    ],
    "polnear": [
        (
            "statements",
            [
                ("direct F1", ("f1_direct",)),
                ("speech F1", ("f1_speech",)),
                ("speaker", ("speaker_acc",)),
                ("precision", ("precision",)),
                ("strict direct F1", ("f1_direct_strict",)),
                ("strict speech F1", ("f1_speech_strict",)),
            ],
        ),
    ],
}


def report(name: str, conv: str, res: dict[str, object]) -> list[str]:
    rows = []
    for section, cols in COLUMNS["polnear" if name.startswith("polnear-") else "ukraine-dev"]:
        if not name.startswith("polnear-") and section not in res:
            continue
        cells = []
        for label, path in cols:
            value = dig(res, path)
            cells.append(f"{label} {'-' if value is None else f'{value:.2f}'}")
        rows.append(f"| {name} | {conv} | {section} | {', '.join(cells)} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--shared", type=Path, default=Path("../shared"), help="the shared folder (default ../shared)"
    )
    ap.add_argument(
        "--set",
        dest="sets",
        action="append",
        choices=("ukraine-dev", "polnear-dev", "polnear-train"),
        help="which set(s) to run (default: ukraine-dev and polnear-dev)",
    )
    ap.add_argument(
        "--gold",
        type=Path,
        action="append",
        default=[],
        help="also score this gold file (ukraine-dev format, paths under the shared corpus)",
    )
    ap.add_argument(
        "--section",
        choices=("statements", "figures", "diplomacy", "all"),
        default="all",
        help="score one section only (ukraine-format sets)",
    )
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="ID",
        help="score only articles whose id contains ID (ukraine-format sets; repeatable)",
    )
    ap.add_argument("--check", action="store_true", help="exit 1 when a number is below its target")
    ap.add_argument("--verbose", action="store_true", help="print the scorers' full reports")
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    ap.add_argument("--json", action="store_true", help="print all numbers as JSON")
    args = ap.parse_args(argv)
    sets = (args.sets or ([] if args.gold else ["ukraine-dev", "polnear-dev"])) + [str(g) for g in args.gold]
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = {
            name: run_set(
                name, args.shared, work, verbose=args.verbose, section=args.section, only=tuple(args.only)
            )
            for name in sets
        }
    if args.json:
        print(json.dumps(results, indent=2, sort_keys=True))
    else:
        print("| set | convention | section | numbers |\n| --- | --- | --- | --- |")
        for name, by_conv in results.items():
            for conv, res in by_conv.items():
                print("\n".join(report(name, conv, res)))
    failed = []
    for (name, conv), targets in TARGETS.items():
        if name not in results:
            continue
        for path, target in targets.items():
            if args.section != "all" and path[0] in TEXT_FIELDS and path[0] != args.section:
                continue
            value = dig(results[name][conv], path)
            if value is None or value < target:
                failed.append(
                    f"{name} {'.'.join(path)} = {value if value is None else round(value, 3)} < {target}"
                )
    for line in failed:
        print(f"below target: {line}", file=sys.stderr)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())

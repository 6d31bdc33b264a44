"""The PolNeAR convention switch of `briefing extract`: joined split quotes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from briefing.cli import main

TEXT = ' date 2022-07-20 "We will not stop," Lavrov said. "The talks are over."\n'


def test_join_split_quotes_gives_one_statement(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    spec = json.loads(runner.invoke(main, ["extract", str(src)]).stdout)["statements"]
    joined = json.loads(runner.invoke(main, ["extract", "--join-split-quotes", str(src)]).stdout)[
        "statements"
    ]
    assert [s["quote"] for s in spec] == ["We will not stop,", "The talks are over."]
    assert len(joined) == 1
    only = joined[0]
    assert only["speaker"] == "Lavrov"
    assert TEXT[only["start"] : only["end"]] == only["quote"]
    assert only["quote"].startswith("We will not stop,") and only["quote"].endswith("The talks are over.")

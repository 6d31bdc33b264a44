"""The command line, through click's CliRunner: happy paths and error paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import __version__
from briefing.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(FIXTURES / "seed.txt", d / "2022-03-29-seed.txt")
    return d


def test_version(runner: CliRunner) -> None:
    res = runner.invoke(main, ["--version"])
    assert res.exit_code == 0
    assert __version__ in res.output


@pytest.mark.parametrize("command", ["build", "extract"])
def test_help_has_example(runner: CliRunner, command: str) -> None:
    res = runner.invoke(main, [command, "--help"])
    assert res.exit_code == 0
    assert "Example" in res.output and f"briefing {command}" in res.output


def test_extract_writes_interchange_format(runner: CliRunner, seed_dir: Path) -> None:
    res = runner.invoke(main, ["extract", str(seed_dir)])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(lines) == 1
    obj = lines[0]
    assert obj["id"] == "2022-03-29-seed" and obj["date"] == "2022-03-29"
    assert set(obj) >= {"id", "path", "date", "title", "statements", "figures", "diplomacy"}
    text = (seed_dir / "2022-03-29-seed.txt").read_text(encoding="utf-8")
    for section, field in (("statements", "quote"), ("figures", "text"), ("diplomacy", "sentence")):
        assert obj[section], f"the seed has no {section}: the offset check below would check nothing"
        for item in obj[section]:
            assert text[item["start"] : item["end"]] == item[field]


def test_extract_bad_file_reports_and_continues(runner: CliRunner, seed_dir: Path) -> None:
    (seed_dir / "broken.txt").write_bytes(b"\xff\xfe\x00garbage")
    (seed_dir / "undated.txt").write_text("No header here.", encoding="utf-8")
    res = runner.invoke(main, ["extract", str(seed_dir), str(seed_dir / "missing.txt")])
    assert res.exit_code == 1
    assert len(res.stdout.splitlines()) == 1  # the good article still came through
    errors = [line for line in res.stderr.splitlines() if line.startswith("briefing: error:")]
    assert len(errors) == 3
    assert any("broken.txt" in e and "UTF-8" in e for e in errors)
    assert any("undated.txt" in e and "--date" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert "Traceback" not in res.output


def test_extract_date_filter(runner: CliRunner, seed_dir: Path) -> None:
    res = runner.invoke(main, ["extract", str(seed_dir), "--since", "2022-04-01"])
    assert res.exit_code == 0
    assert res.stdout == ""


def test_extract_polnear_convention_keeps_headline_attributions(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        " date 2016-01-05 \n\nIssa: Hillary Clinton\u2019s \u2018Honesty Is In Question.\u2019\n\n"
        "The congressman spoke on Sunday.\n",
        encoding="utf-8",
    )
    speakers = {}
    for convention in ("spec", "polnear"):
        res = runner.invoke(main, ["extract", str(path), "--convention", convention])
        assert res.exit_code == 0, res.output
        speakers[convention] = [s["speaker"] for s in json.loads(res.stdout)["statements"]]
    assert speakers == {"spec": [], "polnear": ["Issa"]}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["build", "x", "--date", "2022-13-01"], "is not a date"),
        (["build", "x", "--format", "docx"], "unknown format docx"),
        (["build", "x", "--date", "2022-03-29", "--since", "2022-03-01"], "either --date or --since"),
        (["build", "x", "--since", "2022-04-01", "--until", "2022-03-01"], "is after"),
        (["build"], "give the articles to read"),
    ],
)
def test_usage_errors(runner: CliRunner, args: list[str], message: str) -> None:
    res = runner.invoke(main, args)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


def test_build_writes_every_format(runner: CliRunner, seed_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = runner.invoke(main, ["build", str(seed_dir), "--out", str(out)])
    assert res.exit_code == 0, res.output
    day = out / "2022-03-29"
    assert sorted(p.name for p in day.iterdir() if not p.name.startswith(".")) == [
        "brief.html",
        "brief.json",
        "brief.md",
        "brief.pdf",
        "index.html",  # the day's page of the static site
    ]
    assert (day / "brief.pdf").read_bytes().startswith(b"%PDF")
    data = json.loads((day / "brief.json").read_text(encoding="utf-8"))
    assert data["date"] == "2022-03-29"
    assert [a["id"] for a in data["articles"]] == ["2022-03-29-seed"]
    assert "Zelensky" in (day / "brief.md").read_text(encoding="utf-8")


def test_build_selected_formats_and_bad_input(runner: CliRunner, seed_dir: Path, tmp_path: Path) -> None:
    (seed_dir / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out"
    res = runner.invoke(main, ["build", str(seed_dir), "--out", str(out), "--format", "md,json", "-q"])
    assert res.exit_code == 1
    assert "empty.txt: is empty" in res.stderr
    assert sorted(p.name for p in (out / "2022-03-29").iterdir() if not p.name.startswith(".")) == [
        "brief.json",
        "brief.md",
    ]


def test_build_missing_templates_folder(runner: CliRunner, seed_dir: Path, tmp_path: Path) -> None:
    res = runner.invoke(main, ["build", str(seed_dir), "--templates", str(tmp_path / "none")])
    assert res.exit_code == 2
    assert "does not exist" in res.output

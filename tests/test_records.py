"""Bad data on disk gives one-line errors or cache misses, never tracebacks.

``brief.json`` files and cache entries are read back through ``records.from_dict``, which
checks every field against its type; output folders that cannot be written are reported as
one-line ``PublishError``s by the CLI.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from brief_factory import make_brief, make_figure
from click.testing import CliRunner

from briefing import publish, records
from briefing.cache import ExtractionCache
from briefing.cli import main
from briefing.models import Article, Brief, Diplomacy, Extraction, Figure, Statement

FIXTURES = Path(__file__).parent / "fixtures"


def one_line_error(res: Any) -> None:
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing: error: "), res.output


def test_round_trip() -> None:
    from brief_factory import sample_brief

    brief = sample_brief()
    again = publish.brief_from_dict(json.loads(publish.brief_json(brief)))
    assert again == brief
    assert records.from_dict(Brief, records.to_dict(brief)) == brief


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(topline=[1, 2]), "Brief.topline[0]"),
        (lambda d: d.update(topline="one"), "Brief.topline"),
        (lambda d: d.pop("date"), "Brief.date"),
        (lambda d: d.update(extra=1), "'extra'"),
        (lambda d: d["articles"][0].update(counts=[1, 2]), "Brief.articles[0].counts"),
        (lambda d: d["articles"][0].update(outlet=3), "Brief.articles[0].outlet"),
        (lambda d: d["figures"][0]["items"][0].update(value="12"), "Brief.figures[0].items[0].value"),
        (lambda d: d["figures"][0]["items"][0].update(vague=1), "Brief.figures[0].items[0].vague"),
        (lambda d: d["figures"][0]["items"][0].update(sources={}), "Brief.figures[0].items[0].sources"),
    ],
)
def test_from_dict_names_the_field(change: Any, field: str) -> None:
    from briefing.models import FigureRow

    brief = make_brief(figures=(FigureRow(key="k", label="l", items=(make_figure(),)),))
    data = json.loads(publish.brief_json(brief))
    change(data)
    with pytest.raises(ValueError, match=field.replace("[", r"\[").replace("]", r"\]")):
        publish.brief_from_dict(data)


def test_from_dict_accepts_ints_for_floats_and_lists_for_tuples() -> None:
    f = records.from_dict(
        Figure,
        {
            "text": "12",
            "value": 12,
            "value_max": None,
            "unit": None,
            "what": None,
            "qualifier": None,
            "per": None,
            "source": None,
            "start": 0,
            "end": 2,
            "sent_start": 0,
            "sent_end": 2,
        },
    )
    assert f.value == 12 and f.vague is False
    d = records.from_dict(
        Diplomacy, {"type": "t", "actors": ["A", "B"], "place": None, "sentence": "s", "start": 0, "end": 1}
    )
    assert d.actors == ("A", "B")
    assert records.to_dict(d)["actors"] == ["A", "B"]


@pytest.mark.parametrize(
    "damage",
    [
        {"value": "12", "where": "figures"},
        {"topline": [1, 2]},
    ],
)
def test_site_with_a_bad_brief_is_a_one_line_error(tmp_path: Path, damage: dict[str, Any]) -> None:
    from briefing.models import FigureRow

    brief = make_brief(figures=(FigureRow(key="k", label="l", items=(make_figure(),)),))
    data = json.loads(publish.brief_json(brief))
    if damage.get("where") == "figures":
        data["figures"][0]["items"][0]["value"] = damage["value"]
    else:
        data.update(damage)
    day = tmp_path / brief.date
    day.mkdir()
    (day / "brief.json").write_text(json.dumps(data), encoding="utf-8")
    res = CliRunner().invoke(main, ["site", "--out", str(tmp_path)])
    one_line_error(res)
    assert "brief.json: not a brief written by this version" in res.output


def _extraction() -> Extraction:
    art = Article(id="a", path="a.txt", date="2022-03-29", text="He said hello.")
    st = Statement(
        speaker="He",
        role=None,
        quote="hello",
        direct=False,
        cue="said",
        start=8,
        end=13,
        sent_start=0,
        sent_end=14,
    )
    return Extraction(article=art, statements=(st,))


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"statements": [{"speaker": 1}], "figures": [], "diplomacy": []}',
        '{"statements": "x", "figures": [], "diplomacy": []}',
        '{"statements": [], "figures": [], "diplomacy": [{"actors": 5}]}',
    ],
)
def test_corrupt_cache_entry_is_a_miss(tmp_path: Path, content: str) -> None:
    cache = ExtractionCache(tmp_path, model="m")
    ex = _extraction()
    cache.put(ex)
    assert cache.get(ex.article) == ex
    entry = next(tmp_path.rglob("*.json"))
    entry.write_text(content, encoding="utf-8")
    assert cache.get(ex.article) is None


def test_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    cache = ExtractionCache(blocker / "cache", model="m")
    ex = _extraction()
    cache.put(ex)  # no error: the cache only saves time
    assert cache.get(ex.article) is None


def test_build_into_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    shutil.copy(FIXTURES / "seed.txt", tmp_path / "seed.txt")
    res = CliRunner().invoke(
        main,
        [
            "build",
            str(tmp_path / "seed.txt"),
            "--out",
            str(tmp_path / "afile" / "sub"),
            "--cache",
            str(tmp_path / "cache"),
            "-q",
        ],
    )
    one_line_error(res)


def test_site_that_cannot_remove_the_sitemap_is_a_one_line_error(tmp_path: Path) -> None:
    brief = make_brief()
    publish.atomic_write(tmp_path / brief.date / "brief.json", publish.brief_json(brief), make_parents=True)
    (tmp_path / "sitemap.xml").mkdir()
    (tmp_path / "sitemap.xml" / "x").write_text("", encoding="utf-8")
    res = CliRunner().invoke(main, ["site", "--out", str(tmp_path)])
    one_line_error(res)
    assert "sitemap.xml: cannot be removed" in res.output


def test_dry_run_into_a_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    brief = make_brief()
    publish.write_brief(brief, out, formats=("md", "pdf", "json"))
    target = tmp_path / "nonexistent-dir" / "x.eml"
    res = CliRunner().invoke(
        main,
        ["send", "--date", brief.date, "--out", str(out), "--to", "a@example.org", "--dry-run", str(target)],
    )
    one_line_error(res)
    assert not target.parent.exists()

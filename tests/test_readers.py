"""Readers: seed format, plain text with --date, JSON Lines, manifests, folders and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.readers import guess_title, read_paths, read_text_file

FIXTURES = Path(__file__).parent / "fixtures"


def test_seed_format_header_and_offsets() -> None:
    art = read_text_file(FIXTURES / "seed.txt")
    assert art.id == "seed"
    assert art.date == "2022-03-29"
    assert art.body_start == len(" date 2022-03-29 ")
    assert art.text[art.body_start :].startswith("Ukraine President Volodymyr Zelensky")
    assert art.title is not None and art.title.startswith("Ukraine President Volodymyr Zelensky")


@pytest.mark.parametrize(
    ("content", "expected_date", "body"),
    [
        (" date 2022-07-18 Kyiv said.", "2022-07-18", "Kyiv said."),
        ("date 2022-07-18\nKyiv said.\n\nMore.", "2022-07-18", "Kyiv said.\n\nMore."),
        ("\ufeff date 2022-07-18 Text.", "2022-07-18", "Text."),
    ],
)
def test_header_variants(tmp_path: Path, content: str, expected_date: str, body: str) -> None:
    p = tmp_path / "a.txt"
    p.write_text(content, encoding="utf-8")
    art = read_text_file(p)
    assert art.date == expected_date
    assert art.body == body


def test_plain_text_needs_date(tmp_path: Path) -> None:
    p = tmp_path / "plain.txt"
    p.write_text("Officials said 40 people were killed.", encoding="utf-8")
    res = read_paths([p])
    assert not res.articles
    assert len(res.errors) == 1
    assert "plain.txt" in str(res.errors[0]) and "--date" in str(res.errors[0])
    res = read_paths([p], date="2022-07-20")
    assert [a.date for a in res.articles] == ["2022-07-20"]
    assert res.articles[0].body_start == 0


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\xff\xfe bad bytes \x81", "not valid UTF-8"),
        (b" date 2022-02-30 Text.", "impossible date"),
        (b" date 2022-07-18 ", "no article text"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, data: bytes, problem: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(" date 2022-07-18 The ministry said talks resumed.", encoding="utf-8")
    res = read_paths([tmp_path])
    assert [a.id for a in res.articles] == ["good"]
    assert len(res.errors) == 1
    msg = str(res.errors[0])
    assert "bad.txt" in msg and problem in msg and "\n" not in msg


def test_missing_path(tmp_path: Path) -> None:
    res = read_paths([tmp_path / "nope.txt"])
    assert "no such file" in str(res.errors[0])


def test_jsonl_articles_and_errors(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "date": "2022-07-19",
                "title": "T1",
                "text": "A said B.",
                "url": "https://x.org/1",
                "outlet": "X",
            }
        ),
        "not json",
        json.dumps({"title": "no date", "text": "Body."}),
        json.dumps({"id": "fixed", "date": "2022-07-18", "text": "Other."}),
        json.dumps({"date": "2022-07-18", "text": ""}),
    ]
    p = tmp_path / "feed.jsonl"
    p.write_text("\n".join(lines), encoding="utf-8")
    res = read_paths([p])
    assert [a.id for a in res.articles] == ["fixed", "feed-1-t1"]
    first = res.articles[1]
    assert (first.title, first.outlet, first.url, first.text) == ("T1", "X", "https://x.org/1", "A said B.")
    assert [e.path for e in res.errors] == [f"{p}:2", f"{p}:3", f"{p}:5"]


def test_manifest_gives_metadata(tmp_path: Path) -> None:
    day = tmp_path / "2022-07-18"
    day.mkdir()
    (day / "rt-story.txt").write_text(" date 2022-07-18 Body text here.", encoding="utf-8")
    (tmp_path / "articles.jsonl").write_text(
        json.dumps({"path": "2022-07-18/rt-story.txt", "title": "Real title", "outlet": "RT"}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "README.md").write_text("# not an article", encoding="utf-8")
    res = read_paths([tmp_path])
    assert not res.errors
    assert [(a.id, a.title, a.outlet) for a in res.articles] == [("rt-story", "Real title", "RT")]


def test_duplicate_stems_get_unique_ids(tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text(" date 2022-07-18 Text.", encoding="utf-8")
    res = read_paths([tmp_path])
    assert sorted(a.id for a in res.articles) == ["same", "same-2"]


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("Short headline\n\nBody.", "Short headline"),
        ("First sentence here. Second sentence.", "First sentence here."),
        ("Mr. Guterres met U.S. officials. They agreed.", "Mr. Guterres met U.S. officials."),
        ('"Enough!" Putin said. Talks ended.', '"Enough!" Putin said.'),
        ("x " * 200, ("x " * 200)[:140].rsplit(" ", 1)[0] + "\u2026"),
    ],
)
def test_guess_title(body: str, title: str) -> None:
    assert guess_title(body) == title

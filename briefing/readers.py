"""Readers: files and folders → ``Article`` records.

Three input formats are understood:

* the seed format: a ``.txt`` file whose first line starts with `` date YYYY-MM-DD `` and is
  followed by the article text (paragraphs separated by blank lines, or one single block);
* plain text (``.txt``, ``.md`` or any other file given explicitly) with the date from
  ``--date``;
* JSON Lines (``.jsonl``): one article per line, ``{"date", "title", "text", "url", "outlet"}``
  (``id`` optional).  A line with a ``path`` and no ``text`` is metadata (title, outlet, url)
  for that file, relative to the ``.jsonl`` file's folder, as in a corpus manifest.

Folders are walked recursively in sorted order.  A file that cannot be used yields an
``InputError`` naming the file and what to do; reading goes on with the other files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError
from .extract.sentences import sentence_spans
from .models import Article
from .text import clip, slug

HEADER_RE = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*\n?")
DATE_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TITLE_MAX = 140


@dataclass
class ReadResult:
    """Articles read, and one error per input that could not be used."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def valid_date(value: str) -> bool:
    if not DATE_RE.match(value):
        return False
    import datetime as _dt

    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def guess_title(body: str) -> str | None:
    """First line of the body, or its first sentence when the body is one block."""
    first = body.strip().split("\n", 1)[0].strip()
    if not first:
        return None
    # The article's own sentence splitter, so a title never ends at "Mr." or "U.S.".
    s0, s1 = sentence_spans(first)[0]
    title = first[s0:s1]
    return clip(title, TITLE_MAX)


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file or folder", "check the path") from None
    except IsADirectoryError:  # pragma: no cover - folders are walked before this
        raise InputError(str(path), "is a folder") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror})", "check permissions") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path),
            f"is not valid UTF-8 (byte {exc.start})",
            "re-save the file as UTF-8",
        ) from None
    if not text.strip():
        raise InputError(str(path), "is empty", "remove it or add the article text")
    return text


def read_text_file(path: Path, *, date: str | None = None, meta: dict[str, str] | None = None) -> Article:
    """Read one seed-format or plain-text article."""
    text = _decode(path)
    m = HEADER_RE.match(text)
    if m:
        art_date, body_start = m.group(1), m.end()
        if not valid_date(art_date):
            raise InputError(str(path), f"has an impossible date {art_date}", "fix the header line")
    elif date:
        art_date, body_start = date, 0
    else:
        raise InputError(
            str(path),
            "has no ' date YYYY-MM-DD ' header line",
            "add one or pass --date YYYY-MM-DD",
        )
    body = text[body_start:]
    if not body.strip():
        raise InputError(str(path), "has a header but no article text", "add the article text")
    meta = meta or {}
    return Article(
        id=path.stem,
        path=str(path),
        date=art_date,
        text=text,
        body_start=body_start,
        title=meta.get("title") or guess_title(body),
        outlet=meta.get("outlet"),
        url=meta.get("url"),
    )


def read_jsonl(
    path: Path, *, date: str | None = None
) -> tuple[list[Article], list[InputError], dict[str, dict[str, str]]]:
    """Articles of a JSON Lines file, its per-line errors, and manifest metadata by path."""
    text = _decode(path)
    articles: list[Article] = []
    errors: list[InputError] = []
    manifest: dict[str, dict[str, str]] = {}
    seen: set[str] = set()
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(InputError(where, f"is not valid JSON ({exc.msg})", "fix or remove the line"))
            continue
        if not isinstance(obj, dict):
            errors.append(InputError(where, "is not a JSON object", "write one object per line"))
            continue
        meta = {k: v for k, v in obj.items() if k in ("title", "outlet", "url") and isinstance(v, str)}
        if "text" not in obj and isinstance(obj.get("path"), str):
            manifest[str((path.parent / obj["path"]).resolve())] = meta
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            errors.append(InputError(where, "has no article text", 'add a non-empty "text" field'))
            continue
        art_date = obj.get("date") if isinstance(obj.get("date"), str) else date
        if not art_date:
            errors.append(InputError(where, "has no date", 'add a "date" field or pass --date YYYY-MM-DD'))
            continue
        art_date = art_date[:10]
        if not valid_date(art_date):
            errors.append(InputError(where, f"has an invalid date {obj.get('date')!r}", "use YYYY-MM-DD"))
            continue
        base = (
            obj["id"]
            if isinstance(obj.get("id"), str) and obj["id"]
            else f"{path.stem}-{n}-{slug(meta.get('title', ''))[:60] or 'article'}"
        )
        art_id, k = base, 2
        while art_id in seen:
            art_id, k = f"{base}-{k}", k + 1
        seen.add(art_id)
        articles.append(
            Article(
                id=art_id,
                path=f"{path}:{n}",
                date=art_date,
                text=body,
                body_start=0,
                title=meta.get("title") or guess_title(body),
                outlet=meta.get("outlet"),
                url=meta.get("url"),
            )
        )
    return articles, errors, manifest


def _walk(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES
        and p.name.lower() not in {"readme.md", "readme.txt", "license.txt"}
    )


def read_paths(paths: Iterable[str | Path], *, date: str | None = None) -> ReadResult:
    """Read every article under ``paths``.  Errors are collected, not raised."""
    result = ReadResult()
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = _walk(p)
            if not found:
                result.errors.append(
                    InputError(str(p), "holds no .txt or .jsonl articles", "check the folder")
                )
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            result.errors.append(InputError(str(p), "no such file or folder", "check the path"))
    # Manifests first, so their metadata reaches the text files whatever the walk order.
    manifest: dict[str, dict[str, str]] = {}
    text_files: list[Path] = []
    for f in dict.fromkeys(files):
        if f.suffix.lower() in JSONL_SUFFIXES:
            try:
                arts, errs, meta = read_jsonl(f, date=date)
            except InputError as exc:
                result.errors.append(exc)
                continue
            result.articles.extend(arts)
            result.errors.extend(errs)
            manifest.update(meta)
        else:
            text_files.append(f)
    for f in text_files:
        try:
            result.articles.append(read_text_file(f, date=date, meta=manifest.get(str(f.resolve()))))
        except InputError as exc:
            result.errors.append(exc)
    result.articles = _unique_ids(result.articles)
    result.articles.sort(key=lambda a: (a.date, a.id))
    return result


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Make ids unique: a second file with the same stem gets ``-2``, and so on."""
    seen: set[str] = set()
    out = []
    for a in articles:
        new_id, k = a.id, 2
        while new_id in seen:
            new_id, k = f"{a.id}-{k}", k + 1
        seen.add(new_id)
        out.append(a if new_id == a.id else replace(a, id=new_id))
    return out

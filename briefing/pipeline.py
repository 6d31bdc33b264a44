"""The pipeline, top to bottom: read → extract → assemble → render → publish.

Each function here is one stage over typed records; the commands call them in order.  Only
``read`` and ``publish`` touch the file system.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .models import Article, Extraction

if TYPE_CHECKING:
    from .extract.statements import StatementOptions
from .readers import ReadResult, read_paths

#: ``progress(total, label)`` returns a context manager yielding ``advance(n)``.
ProgressFactory = Callable[[int, str], AbstractContextManager[Callable[[int], None]]]


def no_progress(total: int, label: str) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda n: None)


@dataclass(frozen=True)
class DayRange:
    """Which days to keep: one ``date``, or ``since``/``until`` (inclusive), or all."""

    date: str | None = None
    since: str | None = None
    until: str | None = None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, str):
            return False
        if self.date:
            return day == self.date
        return (not self.since or day >= self.since) and (not self.until or day <= self.until)


def default_cache() -> Path:
    """``$XDG_CACHE_HOME/briefing/extract`` (``~/.cache/briefing/extract``): outside the
    published folder."""
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "briefing" / "extract"


def read(paths: Iterable[str], *, date: str | None = None, days: DayRange | None = None) -> ReadResult:
    """Read stage: articles (sorted by date and id) and per-file errors."""
    result = read_paths(paths, date=date)
    if days is not None:
        result.articles = [a for a in result.articles if a.date in days]
    return result


def extract(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    cache: Path | None = None,
    statement_options: StatementOptions | None = None,
    progress: ProgressFactory = no_progress,
    batch_size: int = 16,
) -> Iterator[Extraction]:
    """Extract stage: parse each article once and run the three extractors.

    With ``cache`` (a folder), articles extracted before with the same text, model and code
    are taken from it and only new or changed ones are parsed.  Output order = input order.
    """
    from . import nlp
    from .cache import ExtractionCache
    from .extract import extract_parsed, parse_many

    if not articles:
        return
    variant = nlp.model_name(model) + ("" if statement_options is None else repr(statement_options))
    store = ExtractionCache(cache, model=variant) if cache else None
    with progress(len(articles), "Extracting") as advance:
        for i in range(0, len(articles), batch_size):
            batch = articles[i : i + batch_size]
            done = {a.id: store.get(a) for a in batch} if store else {}
            todo = [a for a in batch if done.get(a.id) is None]
            if todo:
                for parsed in parse_many(todo, nlp.load(model)):
                    ex = extract_parsed(parsed, options=statement_options)
                    done[ex.article.id] = ex
                    if store:
                        store.put(ex)
            for a in batch:
                hit = done[a.id]
                assert hit is not None
                yield hit
                advance(1)

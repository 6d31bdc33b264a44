"""The pipeline, top to bottom: read → extract → assemble → render → publish.

Each function here is one stage over typed records; the commands call them in order.  Only
``read`` and ``publish`` touch the file system.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from .models import Article, Extraction
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
    progress: ProgressFactory = no_progress,
    batch_size: int = 16,
) -> Iterator[Extraction]:
    """Extract stage: parse each article once and run the three extractors."""
    from . import nlp
    from .extract import extract_parsed, parse_many

    if not articles:
        return
    language = nlp.load(model)
    with progress(len(articles), "Extracting") as advance:
        for i in range(0, len(articles), batch_size):
            for parsed in parse_many(articles[i : i + batch_size], language):
                yield extract_parsed(parsed)
                advance(1)

"""``briefing extract``: articles → JSON Lines in the interchange format (docs/extraction.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .. import pipeline
from ..errors import InputError
from ..interchange import to_line
from ..pipeline import DayRange, ProgressFactory, no_progress


@dataclass(frozen=True)
class ExtractOptions:
    date: str | None = None
    days: DayRange = field(default_factory=DayRange)
    model: str | None = None
    # One statement per attribution (PolNeAR's convention) instead of one per quoted stretch.
    join_split_quotes: bool = False


@dataclass
class ExtractRun:
    """The JSON lines (a lazy iterator) and the input errors found while reading."""

    lines: Iterator[str]
    errors: list[InputError]
    count: int


def extract(
    paths: Iterable[str], *, options: ExtractOptions, progress: ProgressFactory = no_progress
) -> ExtractRun:
    result = pipeline.read(paths, date=options.date, days=options.days)
    from ..extract.statements import StatementOptions

    statement_options = StatementOptions(join_split_quotes=True) if options.join_split_quotes else None
    exs = pipeline.extract(
        result.articles, model=options.model, statement_options=statement_options, progress=progress
    )
    return ExtractRun(lines=(to_line(ex) for ex in exs), errors=result.errors, count=len(result.articles))

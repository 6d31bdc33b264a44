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
    # One statement per attribution instead of one per quoted stretch.
    join_split_quotes: bool = False
    # "spec" (docs/extraction.md) or "polnear" (split quotes joined, headline attributions kept).
    convention: str = "spec"


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

    statement_options = None
    if options.convention == "polnear":
        statement_options = StatementOptions.polnear()
    elif options.join_split_quotes:
        statement_options = StatementOptions(join_split_quotes=True)
    exs = pipeline.extract(
        result.articles, model=options.model, statement_options=statement_options, progress=progress
    )
    return ExtractRun(lines=(to_line(ex) for ex in exs), errors=result.errors, count=len(result.articles))

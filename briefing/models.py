"""Typed records passed between the pipeline's stages.

read → extract → assemble → render → publish: every stage takes and returns the frozen
dataclasses defined here, so each stage can be tested on its own and nothing downstream
needs to know how a record was made.  Every extracted item keeps the character span of its
evidence in the article file (``start``/``end``) and the span of the sentence it came from
(``sent_start``/``sent_end``), so a brief can always point back to the source sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """One input article: its decoded file text and what we know about it.

    ``text`` is the whole decoded file, header line included, because all offsets in the
    interchange format point into it.  ``body_start`` is where the article body begins.
    """

    id: str
    path: str
    date: str
    text: str
    body_start: int = 0
    title: str | None = None
    outlet: str | None = None
    url: str | None = None

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


@dataclass(frozen=True)
class Statement:
    """Who said what: a direct quote or reported speech."""

    speaker: str | None
    role: str | None
    quote: str
    direct: bool
    cue: str | None
    start: int
    end: int
    sent_start: int
    sent_end: int


@dataclass(frozen=True)
class Figure:
    """A number the article reports as a quantity of something."""

    text: str
    value: float | None
    value_max: float | None
    unit: str | None
    what: str | None
    qualifier: str | None
    per: str | None
    source: str | None
    start: int
    end: int
    sent_start: int
    sent_end: int
    vague: bool = False


@dataclass(frozen=True)
class Diplomacy:
    """A diplomatic act between states or international bodies, typed with PLOVER."""

    type: str
    actors: tuple[str, ...]
    place: str | None
    sentence: str
    start: int
    end: int
    status: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    statements: tuple[Statement, ...] = ()
    figures: tuple[Figure, ...] = ()
    diplomacy: tuple[Diplomacy, ...] = ()


@dataclass(frozen=True)
class SourceRef:
    """A pointer from a brief item back to one article and the sentence it came from."""

    article_id: str
    title: str
    outlet: str | None
    url: str | None
    sentence: str
    start: int
    end: int
    anchor: str


@dataclass(frozen=True)
class StatementItem:
    """One statement of a day, with every article that reported it."""

    speaker: str | None
    role: str | None
    quote: str
    direct: bool
    cue: str | None
    sources: tuple[SourceRef, ...]

    @property
    def corroboration(self) -> int:
        return len({s.article_id for s in self.sources})


@dataclass(frozen=True)
class FigureItem:
    """One figure of a day: a value with every article that reported it."""

    text: str
    value: float | None
    value_max: float | None
    unit: str | None
    what: str | None
    qualifier: str | None
    per: str | None
    source: str | None
    vague: bool
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class FigureRow:
    """Figures that count the same thing.  More than one item means the reports disagree
    and the values are shown side by side."""

    key: str
    label: str
    items: tuple[FigureItem, ...]

    @property
    def conflicting(self) -> bool:
        return len({(i.value, i.value_max) for i in self.items if not i.vague}) > 1


@dataclass(frozen=True)
class DiplomacyItem:
    """One diplomacy sentence with its source."""

    type: str
    actors: tuple[str, ...]
    place: str | None
    status: str | None
    source: SourceRef


@dataclass(frozen=True)
class Development:
    """Diplomacy items of a day grouped by type and actors ("Russia–Ukraine talks, Istanbul")."""

    key: str
    type: str
    label: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    items: tuple[DiplomacyItem, ...]

    @property
    def reports(self) -> int:
        return len({i.source.article_id for i in self.items})


@dataclass(frozen=True)
class ArticleRef:
    """A source article as listed at the end of a brief."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    path: str
    anchor: str
    counts: tuple[int, int, int] = (0, 0, 0)


@dataclass(frozen=True)
class Brief:
    """Everything a day's brief shows.  The only object templates receive."""

    date: str
    topline: tuple[str, ...]
    statements: tuple[StatementItem, ...]
    figures: tuple[FigureRow, ...]
    diplomacy: tuple[Development, ...]
    articles: tuple[ArticleRef, ...]
    title: str = "Daily brief"
    version: str = ""

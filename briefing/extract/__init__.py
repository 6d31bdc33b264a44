"""Extraction: one article's text → statements, figures and diplomacy records.

The article is parsed once with spaCy; the parse keeps the file's character offsets (the
header line is blanked, not removed), so every record's ``start``/``end`` index the file text
exactly as the interchange format requires.  Each section has its own small extractor module
that yields typed records; this module only wires them together.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..models import Article, Extraction
from .sentences import Span, sentence_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .statements import StatementOptions


@dataclass(frozen=True)
class ParsedArticle:
    """An article with its spaCy parse; ``doc`` character offsets equal file offsets."""

    article: Article
    doc: Doc

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def sents(self) -> tuple[Span, ...]:
        """The article's orthographic sentences as file-offset spans, header excluded: the one
        idea of "sentence" every extractor reports its items against.  Computed once per article
        (``cached_property`` stores into the instance ``__dict__``, which a frozen dataclass allows)."""
        return tuple(sentence_spans(self.article.text, start=self.article.body_start))


def parse_text(article: Article) -> str:
    """The text given to the parser: the file text with the header blanked out."""
    return " " * article.body_start + article.body


def parse(article: Article, nlp: Language) -> ParsedArticle:
    return ParsedArticle(article, nlp(parse_text(article)))


def parse_many(articles: Iterable[Article], nlp: Language) -> Iterator[ParsedArticle]:
    arts = list(articles)
    for art, doc in zip(arts, nlp.pipe(parse_text(a) for a in arts), strict=True):
        yield ParsedArticle(art, doc)


def extract_parsed(parsed: ParsedArticle, *, options: StatementOptions | None = None) -> Extraction:
    """Every section of one parsed article.  ``options`` selects a statements convention other
    than the spec's (the default); the other sections read the statements as given."""
    from . import diplomacy, figures, statements

    stmts = tuple(statements.extract(parsed, options=options))
    figs = tuple(figures.extract(parsed, stmts))
    dipl = tuple(diplomacy.extract(parsed, stmts))
    return Extraction(parsed.article, stmts, figs, dipl)


def extract_article(article: Article, nlp: Language) -> Extraction:
    return extract_parsed(parse(article, nlp))

"""Quotation-mark spans: where the direct quotes of an article are.

News text mixes curly and straight marks, forgets closing marks and, by convention, leaves a
quote that runs over several paragraphs open at the end of each paragraph and reopens it at the
start of the next.  This module finds the quoted stretches with a small per-paragraph scanner
that never fails: an unbalanced mark closes at the paragraph end, so a stray mark can cost one
quote but never the article.  Single-quote pairs count only outside double quotes (inside they
are nested quotes) and only where they cannot be apostrophes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

PARA_RE = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
STRAIGHT = '"'
# A straight mark opens when it follows one of these (or starts the paragraph).
OPENING_CONTEXT = " \t\n([{—–-/:;,‘'"
SINGLE_PAIR_RE = re.compile(r"(?:^|(?<=[\s(\[—–\-/:;,]))[‘'](?=[^\s'’])(.*?)(?<=[\w.,!?…%)\]])[’'](?!\w)")


@dataclass(frozen=True)
class Quote:
    """One quoted stretch.  ``open``/``close`` are the mark positions (``close`` is the end of the
    closing mark, or of the paragraph when the mark is missing); ``start``/``end`` the text inside."""

    open: int
    close: int
    start: int
    end: int
    closed: bool
    para: int

    @property
    def at_para_start(self) -> bool:
        return self.open == self.para

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def paragraphs(text: str, *, start: int = 0) -> list[tuple[int, int]]:
    """Spans of the blank-line separated paragraphs at or after ``start``, whitespace trimmed."""
    out = []
    for m in PARA_RE.finditer(text, start):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _is_open_straight(text: str, i: int, para_start: int) -> bool:
    return i == para_start or text[i - 1] in OPENING_CONTEXT


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _mark_len(text: str, i: int, pe: int) -> int:
    """Length of a double quotation mark at ``i`` (0 if none).  Two apostrophes ``''`` are one
    straight double mark: some wire copy (the NYT feed) writes quotes as ``''...''``."""
    ch = text[i]
    if ch == "'" and i + 1 < pe and text[i + 1] == "'":
        return 2
    return 1 if ch in OPEN_DOUBLE or ch in CLOSE_DOUBLE or ch == STRAIGHT else 0


def _double_quotes(text: str, ps: int, pe: int) -> Iterator[Quote]:
    i, open_at, open_len = ps, -1, 1
    while i < pe:
        n = _mark_len(text, i, pe)
        if not n:
            i += 1
            continue
        ch = text[i]
        straight = ch == STRAIGHT or n == 2
        opening_context = open_at < 0 and _is_open_straight(text, i, ps)
        # An opening curly mark where only a closing one makes sense (a quote is open, the mark is
        # glued to the word before and followed by a space or the paragraph end: ``not,“ he``) is
        # a typo for the closing mark.
        misturned = (
            ch in OPEN_DOUBLE
            and open_at >= 0
            and not text[i - 1].isspace()
            and (i + n >= pe or text[i + n].isspace())
        )
        # A closing mark where only an opening one makes sense (paragraph start, after a space)
        # is a typo for an opening mark.
        if (ch in OPEN_DOUBLE and not misturned) or (
            (straight or ch in CLOSE_DOUBLE) and opening_context and i + n < pe and not text[i + n].isspace()
        ):
            # A second opening mark while one is open: the first was never closed; restart here.
            open_at, open_len = i, n
        elif (ch in CLOSE_DOUBLE or straight or misturned) and open_at >= 0:
            s, e = _trimmed(text, open_at + open_len, i)
            if e > s:
                yield Quote(open_at, i + n, s, e, True, ps)
            open_at = -1
        i += n
    if open_at >= 0:
        s, e = _trimmed(text, open_at + open_len, pe)
        if e > s:
            yield Quote(open_at, pe, s, e, False, ps)


def _single_quotes(text: str, ps: int, pe: int, taken: list[Quote]) -> Iterator[Quote]:
    for m in SINGLE_PAIR_RE.finditer(text, ps, pe):
        if any(q.open <= m.start() < q.close for q in taken):
            continue
        s, e = _trimmed(text, m.start(1), m.end(1))
        if e > s and len(text[s:e].split()) >= 2:
            yield Quote(m.start(), m.end(), s, e, True, ps)


def find_quotes(text: str, *, start: int = 0) -> list[Quote]:
    """Every quoted stretch in ``text`` at or after ``start``, in text order."""
    out: list[Quote] = []
    for ps, pe in paragraphs(text, start=start):
        doubles = list(_double_quotes(text, ps, pe))
        out.extend(doubles)
        out.extend(_single_quotes(text, ps, pe, doubles))
    out.sort(key=lambda q: q.open)
    return out

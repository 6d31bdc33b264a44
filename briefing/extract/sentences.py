"""Orthographic sentence splitting in file offsets.

Extractors report the sentence an item comes from as a ``(start, end)`` span of the article
file text.  spaCy's parser sentences are unreliable on news copy (quotes that run over several
sentences, flattened single-block articles, datelines), so sentences are cut here with plain
orthographic rules instead:

* every line break ends a sentence (paragraphs, list items, a lead-in ending in a colon);
* ``.``, ``!`` or ``?`` (plus any closing quote marks or brackets) ends a sentence when the next
  word starts like a sentence: a capital, a digit or an opening quote mark;
* a quotation running over several sentences is split at each of its sentence ends;
* abbreviations (``Mr.``, ``Feb.``, ``U.S.``) and initials (``V. Putin``) do not end a sentence,
  except that a dotted acronym does when an obvious sentence opener (``The``, ``He``) follows;
* ``"Enough!" Putin said.`` stays one sentence: the words after a quoted ``!``/``?`` are an
  attribution, not a sentence of their own.

Spans never include surrounding white space, and never anything before ``start`` (pass the
article's ``body_start`` so the `` date YYYY-MM-DD `` header is left out).

API: :func:`sentence_spans` splits, :func:`sentence_index` / :func:`sentence_at` map an offset to
its sentence (binary search), :func:`sentence_cover` gives the run of sentences covering a span,
:func:`sentence_texts` pairs spans with their text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache

from ..lexicons import calendar, load_set

Span = tuple[int, int]

# Lower-cased, without the final dot.  Dotted acronyms keep their inner dots.  The months'
# abbreviations ("Feb. 24") come from calendar.json, the one list of the calendar's names.
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "sgt",
        "capt",
        "maj",
        "adm",
        "cmdr",
        "jr",
        "sr",
        "prof",
        "rev",
        "no",
        "nos",
        "vs",
        "etc",
        "inc",
        "co",
        "corp",
        "ltd",
        "u.s",
        "u.n",
        "e.u",
        "u.k",
        "u.s.a",
        "a.m",
        "p.m",
        "d.c",
        "fig",
        "approx",
        "est",
        "mt",
    }
) | frozenset(a.lower() for names in calendar("months") for a in names[1:])
# Acronyms that are also ordinary sentence ends ("... sanctioned by the U.S. The move ...").
_END_ACRONYMS = frozenset({"u.s", "u.n", "e.u", "u.k", "u.s.a", "a.m", "p.m", "d.c", "etc"})
_OPENERS = frozenset(
    {
        "The",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "In",
        "On",
        "But",
        "And",
        "A",
        "An",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Its",
        "Their",
        "Our",
        "After",
        "Meanwhile",
        "However",
        "Earlier",
        "Later",
        "Last",
        "According",
        "There",
        "When",
        "While",
        "As",
    }
)
_OPENERS_PUNCT = "\"'\u201c\u2018("
# A candidate boundary: terminal punctuation, closing marks, then white space or a capitalised
# word glued on ("end.The" occurs in scraped copy).
_BOUNDARY_RE = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?:(?=\s)|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))")
_WORD_BEFORE_RE = re.compile(r"([\w.\-]+)[.!?]+[\"'\u201d\u2019)\]]*$")
# Past tenses of reporting verbs that the regular rules below would get wrong.
_IRREGULAR_PAST = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote",),
    "admit": ("admitted",),
    "quip": ("quipped",),
    "blog": ("blogged",),
    "dub": ("dubbed",),
    "refer": ("referred",),
    "label": ("labelled", "labeled"),
    "signal": ("signalled", "signaled"),
}


def _inflections(lemma: str) -> set[str]:
    """Present third person and past forms of a reporting verb lemma (``say`` → says, said)."""
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in _IRREGULAR_PAST:
        return {third, *_IRREGULAR_PAST[lemma]}
    if lemma.endswith("e"):
        return {third, lemma + "d"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {third, lemma[:-1] + "ied"}
    return {third, lemma + "ed"}


@cache
def _attribution_re() -> re.Pattern[str]:
    """A short name and a reporting verb after a quoted ``!``/``?`` (``"Enough!" Putin said``): the
    verbs are those of ``reporting_verbs.txt``, so the splitter and the extractors agree."""
    forms = {f for lemma in load_set("reporting_verbs.txt") for f in _inflections(lemma)}
    alt = "|".join(sorted(forms, key=len, reverse=True))
    return re.compile(rf"\s*(?:[A-Z][\w.\-']*\s+){{1,4}}?(?:{alt})[\s,.]")


def _is_boundary(para: str, b: re.Match[str], seg_start: int) -> bool:
    """Whether the punctuation run matched at ``b`` ends a sentence."""
    end = b.end()
    rest = para[end:]
    nxt = rest.lstrip()
    if not nxt:
        return True
    if not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in _OPENERS_PUNCT):
        return False
    punct = para[b.start()]
    word = _WORD_BEFORE_RE.search(para[seg_start:end])
    if punct == "." and word:
        w = word.group(1)
        key = w.lower().rstrip(".")
        if key in ABBREVIATIONS:
            first = re.match(r"[\w']+", nxt)
            return key in _END_ACRONYMS and first is not None and first.group() in _OPENERS
        if re.fullmatch(r"[A-Z]", w):  # an initial: "V. Putin"
            return False
    quoted = para[b.start() : end][-1:] in "\"\u201d'\u2019"
    return not (punct in "!?" and quoted and _attribution_re().match(rest))


def sentence_spans(text: str, start: int = 0, *, end: int | None = None) -> list[Span]:
    """Orthographic sentences of ``text[start:end]`` as ``(start, end)`` offsets into ``text``."""
    stop = len(text) if end is None else end
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text[start:stop]):
        p0 = start + line.start()
        para = line.group()
        seg = 0
        for b in _BOUNDARY_RE.finditer(para):
            if b.end() <= seg or not _is_boundary(para, b, seg):
                continue
            _add(spans, para, p0, seg, b.end())
            seg = b.end()
        _add(spans, para, p0, seg, len(para))
    return spans


def _add(spans: list[Span], para: str, p0: int, s: int, e: int) -> None:
    chunk = para[s:e]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((p0 + s + lead, p0 + s + lead + len(stripped)))


def sentence_index(spans: Sequence[Span], offset: int) -> int | None:
    """Index of the sentence containing ``offset``, or None (white space between sentences)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= offset < spans[i][1]:
        return i
    return None


def sentence_at(spans: Sequence[Span], offset: int) -> Span | None:
    """The sentence span containing ``offset``, or None."""
    i = sentence_index(spans, offset)
    return None if i is None else spans[i]


def sentence_texts(text: str, start: int = 0) -> list[tuple[Span, str]]:
    """``[((start, end), sentence text), ...]`` for ``text`` from ``start``."""
    return [((s, e), text[s:e]) for s, e in sentence_spans(text, start)]


def sentence_cover(spans: Sequence[Span], start: int, end: int) -> Span | None:
    """The smallest run of sentences covering ``[start, end)``: from the start of the first
    sentence that overlaps it to the end of the last.  None when no sentence overlaps (the span
    lies in white space or the header)."""
    lo = bisect_right(spans, (start, float("inf"))) - 1
    if lo < 0 or spans[lo][1] <= start:
        lo += 1
    hi = lo
    while hi < len(spans) and spans[hi][0] < end:
        hi += 1
    if lo >= len(spans) or hi == lo:
        return None
    return spans[lo][0], spans[hi - 1][1]

"""Number expressions in running text: where they are and what value they stand for.

This module knows only the written forms of numbers, not what they count: digits with
separators (``40,000``, ``5 000``), decimals, scales (``3.9 million``, ``$10bn``, ``5m``),
number words (``seven``, ``twenty-four``, ``a dozen``), fractions (``one fifth`` → 20 percent,
``half`` → 50), percentages, currencies (``$ € £ hryvnia rouble`` → ``USD EUR GBP UAH RUB``),
ranges (``between 60 and 100``, ``5,000 to 6,000``) and vague quantities (``several thousand``,
``dozens``).  The figures extractor decides which of them are figures.  All word lists come
from ``briefing/lexicons`` (``numbers.json``, ``currencies.json``, ``units.json``,
``figure_vague.json``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lexicons import load_json, load_set


@dataclass(frozen=True)
class NumberExpr:
    """One number expression; ``start``/``end`` are offsets in the searched text.

    ``kind`` is ``digits``, ``words``, ``fraction`` or ``vague``.  ``scaled`` says a scale word
    or suffix multiplied the value (``3.9 million``).  ``unit`` is a unit glued to the number
    (``27kg`` → ``kg``); ``currency`` an ISO code; ``percent`` is true for ``40%`` and for
    fractions, whose value is given in percent.  ``hyphen_word`` is the word a hyphen ties the
    number to (``27-member`` → ``member``, ``10-day`` → ``day``).
    """

    start: int
    end: int
    text: str
    value: float | None
    value_max: float | None = None
    kind: str = "digits"
    scaled: bool = False
    currency: str | None = None
    percent: bool = False
    unit: str | None = None
    hyphen_word: str | None = None
    vague: bool = False


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first so `seventeen` beats `seven`."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Tables:
    units: dict[str, float]
    tens: dict[str, float]
    multipliers: dict[str, float]
    attached: dict[str, float]
    fractions: dict[str, float]
    counts: dict[str, float]
    cur_prefix: dict[str, str]
    cur_suffix: dict[str, str]
    unit_attached: dict[str, str]
    single: re.Pattern[str]
    fraction: re.Pattern[str]
    vague: re.Pattern[str]
    vague_need_of: frozenset[str]


def _percent_alt(words: list[str]) -> str:
    """The percent marks of ``units.json`` after a number: a symbol may touch the digits
    (``40%``), a word needs white space before it and a word end after (``40 per cent``)."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        if w.isalpha() or " " in w:
            out.append(r"\s+" + r"\s+".join(re.escape(p) for p in w.split()) + r"\b")
        else:
            out.append(r"\s?" + re.escape(w))
    return "|".join(out)


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    nums = load_json("numbers.json")
    cur = load_json("currencies.json")
    units = load_json("units.json")
    vague = load_json("figure_vague.json")
    lt100 = (
        rf"(?:(?:{_alt(nums['tens'])})(?:[-\s](?:{_alt(k for k in nums['units'] if nums['units'][k] < 10)}))?"
        rf"|(?:{_alt(nums['units'])}))"
    )
    # "a" stands for one only before a multiplier or a count noun: "a hundred", "a dozen".
    head = rf"(?:{lt100}|a)"
    mult = _alt(nums["multipliers"])
    counts = _alt(nums["counts"])
    words = (
        rf"(?:half\s+a\s+(?:{counts})"
        rf"|(?:{head})\s+hundred(?:\s+(?:and\s+)?{lt100})?(?:\s+(?:{mult}))?"
        rf"|(?:{head})\s+(?:{counts})"
        rf"|(?:{lt100}|a)\s+(?:{mult})"
        rf"|{lt100})"
    )
    digits = (
        r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 40,000 and 1,234.5
        r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,.])"  # 5 000
        r"|\d+(?:\.\d+)?|\.\d+)"
    )
    att_scale = _alt(nums["attached_scales"])
    att_unit = _alt(units["attached"])
    single = re.compile(
        rf"(?<![\w.,:$€£₴₽])(?:(?<=-to-)|(?<![A-Za-z]-))"
        rf"(?:(?P<cur>{_alt(cur['prefix'])})\s?)?"
        rf"(?:(?P<dig>{digits})"
        rf"(?:(?P<ascale>{att_scale})(?![\w])|(?:[\s-]+(?P<wscale>{mult})s?\b))?"
        rf"(?:(?P<aunit>{att_unit})(?![\w]))?"
        rf"|(?P<word>\b{words}\b))"
        rf"(?P<pct>{_percent_alt(units['percent_words'])})?"
        rf"(?:\s(?P<csuf>{_alt(cur['suffix'])})\b)?",
        re.IGNORECASE,
    )
    fr_num = rf"(?:{lt100}|a|an)"
    fraction = re.compile(
        rf"\b(?:(?P<fnum>{fr_num})[\s-]+(?P<fden>{_alt(nums['fractions'])})|(?P<half>half))\b",
        re.IGNORECASE,
    )
    vague_re = re.compile(rf"\b(?P<v>{_alt(vague['phrases'])})\b", re.IGNORECASE)
    return _Tables(
        units={k: float(v) for k, v in nums["units"].items()},
        tens={k: float(v) for k, v in nums["tens"].items()},
        multipliers={k: float(v) for k, v in nums["multipliers"].items()},
        attached={k: float(v) for k, v in nums["attached_scales"].items()},
        fractions={k: float(v) for k, v in nums["fractions"].items()},
        counts={k: float(v) for k, v in nums["counts"].items()},
        cur_prefix={k.lower(): v for k, v in cur["prefix"].items()},
        cur_suffix={k.lower(): v for k, v in cur["suffix"].items()},
        unit_attached={k.lower(): v for k, v in units["attached"].items()},
        single=single,
        fraction=fraction,
        vague=vague_re,
        vague_need_of=frozenset(vague["need_of"]),
    )


def parse_digits(text: str) -> float | None:
    """``40,000`` → 40000, ``5 000`` → 5000, ``3.9`` → 3.9; None if it is not digits."""
    cleaned = re.sub(r"[,\u00a0\u202f\u2009 ]", "", text)
    try:
        return float(cleaned)
    except ValueError:
        return None


def parse_words(text: str) -> float | None:
    """``twenty-four`` → 24, ``three hundred and fifty`` → 350, ``a dozen`` → 12,
    ``two million`` → 2e6; None if the words are not a number."""
    t = _tables()
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", text.lower().strip()):
        if not w or w == "and":
            continue
        if w in ("a", "an"):
            # "a hundred" = 100, but "half a dozen" keeps its half.
            current = current or 1.0
            seen = True
        elif w in t.units:
            current += t.units[w]
            seen = True
        elif w in t.tens:
            current += t.tens[w]
            seen = True
        elif w in t.counts:
            current = (current or 1.0) * t.counts[w]
            seen = True
        elif w == "half":
            current = 0.5
            seen = True
        elif w == "hundred":
            current = (current or 1.0) * 100
            seen = True
        elif w in t.multipliers:
            total += (current or 1.0) * t.multipliers[w]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _single(m: re.Match[str], t: _Tables) -> NumberExpr | None:
    text = m.group(0)
    # The pattern may swallow trailing blanks before a suffix it then failed to match.
    end = m.start() + len(text.rstrip())
    text = text.rstrip()
    currency = None
    if m.group("cur"):
        currency = t.cur_prefix.get(m.group("cur").strip().lower())
    if m.group("csuf"):
        currency = t.cur_suffix.get(m.group("csuf").lower(), currency)
    scaled = False
    unit = None
    if m.group("dig"):
        value = parse_digits(m.group("dig"))
        kind = "digits"
        if value is None:
            return None
        if m.group("ascale"):
            value *= t.attached[m.group("ascale").lower()]
            scaled = True
        elif m.group("wscale"):
            value *= t.multipliers[m.group("wscale").lower()]
            scaled = True
        if m.group("aunit"):
            unit = t.unit_attached.get(m.group("aunit").lower())
    else:
        value = parse_words(m.group("word"))
        kind = "words"
        if value is None:
            return None
        scaled = any(w in t.multipliers for w in m.group("word").lower().split())
    return NumberExpr(
        start=m.start(),
        end=end,
        text=text,
        value=value,
        kind=kind,
        scaled=scaled,
        currency=currency,
        percent=bool(m.group("pct")),
        unit=unit,
    )


def _fractions(text: str, t: _Tables) -> list[NumberExpr]:
    out = []
    for m in t.fraction.finditer(text):
        if m.group("half"):
            value = t.fractions["half"]
        else:
            count = parse_words(m.group("fnum")) or 1.0
            den = m.group("fden").lower()
            # "one half", "two-thirds": numerator times the denominator's share.
            value = round(count * t.fractions[den], 3)
        out.append(NumberExpr(m.start(), m.end(), m.group(0), value, kind="fraction", percent=True))
    return out


def _vague(text: str, t: _Tables) -> list[NumberExpr]:
    out = []
    for m in t.vague.finditer(text):
        phrase = m.group("v").lower()
        if phrase in t.vague_need_of and not re.match(r"\s+of\b", text[m.end() :]):
            continue
        out.append(NumberExpr(m.start(), m.end(), m.group(0), None, kind="vague", vague=True))
    return out


_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|-to-)\s*$|\s+and\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)


def _changes(text: str) -> bool:
    words = load_set("number_change_words.txt")
    return any(w in words for w in re.findall(r"[a-z]+", text.lower()))


def _merge_ranges(text: str, items: list[NumberExpr]) -> list[NumberExpr]:
    """Join ``A to B``, ``A-B`` and ``between A and B`` into one expression with a value_max.

    ``from A to B`` is a change, not a range, and is left alone; so are pairs whose kinds
    disagree (``5.9% to $7.59``) or that do not rise.
    """
    out: list[NumberExpr] = []
    i = 0
    while i < len(items):
        a = items[i]
        if i + 1 < len(items):
            b = items[i + 1]
            gap = text[a.end : b.start]
            before = text[: a.start]
            between = bool(_BETWEEN.search(before))
            joiner_ok = bool(_RANGE_GAP.match(gap)) and len(gap) <= 5
            if " and " in f" {gap} " and not between:
                joiner_ok = False
            if (gap.strip() in ("-", "–", "—")) and (a.kind != "digits" or b.kind != "digits"):
                joiner_ok = False
            same_kind = (
                a.value is not None
                and b.value is not None
                and not a.vague
                and not b.vague
                and a.kind != "fraction"
                and b.kind != "fraction"
                and (a.currency is None or b.currency is None or a.currency == b.currency)
                and (not a.percent or b.percent)
                and not (
                    a.currency is None
                    and b.currency is not None
                    and b.start - a.end > 0
                    and text[b.start] in "$€£₴₽"
                )
            )
            # "dropped 5.9% to $7.59", "lowered 1.5 points to 8 percent": a change, not a range.
            marked = a.percent or a.currency is not None or a.scaled
            if marked and "to" in gap.lower() and _changes(before[-40:]):
                joiner_ok = False
            if joiner_ok and same_kind and not _FROM.search(before):
                assert a.value is not None and b.value is not None
                lo = a.value
                # "5 to 6 million", "$5-6bn": the low end shares the high end's scale.
                if not a.scaled and b.scaled:
                    scale = b.value / parse_words_or_digits(b)
                    if scale and lo * scale <= b.value:
                        lo *= scale
                if lo < b.value:
                    start = a.start
                    if between:
                        m = _BETWEEN.search(before)
                        assert m is not None
                        start = m.start()
                    out.append(
                        replace(
                            a,
                            start=start,
                            end=b.end,
                            text=text[start : b.end],
                            value=lo,
                            value_max=b.value,
                            currency=a.currency or b.currency,
                            percent=a.percent or b.percent,
                            unit=a.unit or b.unit,
                            scaled=a.scaled or b.scaled,
                        )
                    )
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def parse_words_or_digits(expr: NumberExpr) -> float:
    """The value of an expression before its scale (``6 million`` → 6), for sharing scales."""
    m = re.match(r"\D*?(\d[\d,.]*)", expr.text)
    if m:
        base = parse_digits(m.group(1).rstrip(".,"))
        if base:
            return base
    head = re.split(r"\s+", expr.text.strip())[0]
    return parse_words(head) or 1.0


def find_numbers(text: str) -> list[NumberExpr]:
    """Every number expression in ``text``, left to right, without overlaps.

    Hyphenated modifiers keep the word they modify in ``hyphen_word`` (``a 27-member bloc``),
    so callers can tell counting modifiers from durations (``a 10-day break``).
    """
    t = _tables()
    singles = [e for m in t.single.finditer(text) if m.group(0).strip() and (e := _single(m, t))]
    # A number glued to letters on its right is a name or an ordinal (`53rd`, `TB2`, `M142`),
    # unless the letters were read as a scale or unit.
    singles = [e for e in singles if not (e.end < len(text) and text[e.end].isalnum())]
    # Leftmost-longest wins, so vague phrases and fractions beat the number words inside them
    # ("several thousand", "one fifth") and "half a dozen" beats "half".
    chosen: list[NumberExpr] = []
    for e in sorted(singles + _fractions(text, t) + _vague(text, t), key=lambda e: (e.start, -e.end)):
        if not chosen or e.start >= chosen[-1].end:
            chosen.append(e)
    items = _merge_ranges(text, chosen)
    out: list[NumberExpr] = []
    for e in items:
        m = re.match(r"-(?P<w>[A-Za-z]+)", text[e.end :])
        if m and not e.vague:
            e = replace(e, hyphen_word=m.group("w").lower())
        out.append(e)
    return out

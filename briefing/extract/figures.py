"""Figures: numbers the article reports as quantities, with what they count.

``numbers.find_numbers`` finds every number expression in a sentence; this module decides
which of them are figures and fills in the rest from the dependency parse:

* exclusions (spec, "Figures"): dates, years, clock times, lengths of time, ages, numbers in
  names and labels (``Article 5``, ``Nord Stream 1``), referential numerals (``the two
  countries``) and the pronoun ``one``;
* ``qualifier``: the hedge written before the number (``at least 5,000``), canonicalised;
* ``unit`` and ``what``: the counted noun (``people``, ``tank``), its measure (``tonnes``,
  ``USD``, ``percent``) and a short phrase with its predicate (``people killed in Mykolaiv``);
  a bare number (``22 were wounded``) borrows the noun of the figure before it;
* ``per``: the denominator of a rate (``40,000 per day``);
* ``source``: the speaker of a statement whose quote holds the figure, else an attribution in
  the sentence (``according to UNHCR``, ``a Ukrainian official said``); pronouns and definite
  titles are resolved to the person or body the article names, or left null;
* a count in a quote that repeats one just reported is referential and dropped; an amount
  converted in brackets (``€2.5 billion ($2.5bn)``) is a figure measuring the same thing.

Vague quantities (``several thousand``, ``dozens of``) are emitted with ``vague=True`` and
no value.  Word lists and thresholds are in ``briefing/lexicons`` (``figure_*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from ..lexicons import calendar, calendar_words, load_json, load_list, load_set
from ..models import Figure, Statement
from . import ParsedArticle
from .actors import plural_demonyms
from .numbers import NumberExpr, find_numbers
from .quotes import Quote, find_quotes
from .sentences import sentence_at
from .speakers import pronouns

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Determiners and possessives that make a small count point back at things already named.
_REFERENTIAL_DETS = frozenset(
    [
        "the",
        "these",
        "those",
        "both",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "all",
        "whose",
        "such",
    ]
)
# Prepositions whose object still belongs to the counted thing's phrase.
_NP_PREPS = frozenset(
    [
        "of",
        "in",
        "from",
        "to",
        "for",
        "on",
        "at",
        "across",
        "near",
        "inside",
        "outside",
        "under",
        "over",
        "between",
        "into",
        "along",
        "since",
        "during",
        "by",
        "with",
        "without",
        "within",
        "against",
    ]
)
_NP_LEFT_DEPS = frozenset(
    {"amod", "compound", "nmod", "poss", "case", "nummod", "quantmod", "advmod", "npadvmod"}
)
_NP_RIGHT_DEPS = frozenset({"prep", "acl", "relcl", "amod", "compound", "case", "pobj", "advmod", "agent"})
# Entity types a number can be part of the name of.
_NAME_ENTS = frozenset(
    {"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "PERSON", "GPE", "LOC", "NORP"}
)
_FRACTION_FOLLOWERS = frozenset(
    ["of", "the", "its", "their", "his", "her", "that", "this", "those", "these", "our"]
)
_FRACTION_LEADERS = frozenset(
    [
        "by",
        "in",
        "to",
        "than",
        "about",
        "nearly",
        "almost",
        "just",
        "roughly",
        "around",
        "some",
        "over",
        "under",
        "only",
        "least",
        "cut",
        "halved",
    ]
)
_RATE_WORDS = frozenset({"per", "a", "an", "each", "every"})
_PER_NOUNS = frozenset(
    {
        "barrel",
        "bushel",
        "ton",
        "tonne",
        "head",
        "capita",
        "person",
        "litre",
        "liter",
        "gallon",
        "kilogram",
        "kg",
        "unit",
        "cubic",
    }
)


@dataclass(frozen=True)
class _Lex:
    qualifiers: tuple[tuple[str, str], ...]
    time_units: frozenset[str]
    months: frozenset[str]
    time_markers: frozenset[str]
    name_cues: frozenset[str]
    humans: frozenset[str]
    demonyms: frozenset[str]
    human_suffixes: tuple[tuple[str, int], ...]
    not_human: frozenset[str]
    who_relatives: frozenset[str]
    member_nouns: frozenset[str]
    group_members: frozenset[str]
    hyphen_people: frozenset[str]
    referential_nouns: frozenset[str]
    casualty_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    unit_nouns: dict[str, str]
    measure_modifiers: frozenset[str]
    compound_heads: frozenset[str]
    compound_skip: frozenset[str]
    name_units: frozenset[str]
    vague_need_noun: frozenset[str]
    not_hyphen: frozenset[str]
    not_next: frozenset[str]
    knobs: dict[str, Any]


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    quals = []
    for line in load_list("figure_qualifiers.txt"):
        phrase, _, canon = line.partition("\t")
        quals.append((phrase.strip().lower(), canon.strip()))
    quals.sort(key=lambda q: len(q[0]), reverse=True)
    units = load_json("units.json")
    vague = load_json("figure_vague.json")
    hrules = load_json("figure_human_rules.json")
    notq = load_json("figure_not_quantities.json")
    return _Lex(
        qualifiers=tuple(quals),
        time_units=load_set("figure_time_units.txt"),
        months=calendar_words("months"),
        time_markers=load_set("figure_time_markers.txt"),
        name_cues=load_set("figure_name_cues.txt"),
        humans=load_set("figure_human_nouns.txt"),
        # Nationalities of the diplomacy actors come from actors.json, the one list of them.
        demonyms=load_set("figure_demonyms.txt") | plural_demonyms(),
        human_suffixes=tuple(sorted(hrules["suffixes"].items(), key=lambda kv: -len(kv[0]))),
        not_human=frozenset(w.lower() for w in hrules["not"]),
        who_relatives=frozenset(hrules["who_relatives"]),
        member_nouns=frozenset(hrules["member_nouns"]),
        group_members=frozenset(w.lower() for w in hrules["group_members"]),
        hyphen_people=frozenset(hrules["hyphen_people"]),
        referential_nouns=load_set("figure_referential_nouns.txt"),
        casualty_verbs=load_set("figure_casualty_verbs.txt"),
        reporting_verbs=load_set("reporting_verbs.txt"),
        unit_nouns={k.lower(): v for k, v in units["nouns"].items()},
        measure_modifiers=frozenset(units["measure_modifiers"]),
        compound_heads=frozenset(units["compound_heads"]),
        compound_skip=frozenset(w.lower() for w in units["compound_skip"]),
        name_units=frozenset(units["name_units"]),
        vague_need_noun=frozenset(vague["need_noun"]),
        not_hyphen=frozenset(notq["hyphen_words"]),
        not_next=frozenset(notq["next_words"]),
        knobs=load_json("figure_knobs.json"),
    )


def _singulars(word: str) -> list[str]:
    """Singular forms a plural may come from; the lemmatiser misses rare and hyphenated
    plurals ("servicemembers", "asylum-seekers")."""
    out = []
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("men"):
        out.append(word[:-3] + "man")
    if word.endswith("ves"):
        out += [word[:-3] + "f", word[:-3] + "fe"]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    return out


@dataclass(frozen=True)
class _WhatLex:
    max_words: int
    light_verbs: frozenset[str]
    event_verbs: frozenset[str]
    change_nouns: dict[str, str]
    participles: dict[str, str]
    money_verbs: frozenset[str]
    drop_poss: frozenset[str]
    amount_nouns: frozenset[str]
    measure_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _what_lex() -> _WhatLex:
    data = load_json("figure_what.json")
    return _WhatLex(
        max_words=int(data["max_words"]),
        light_verbs=frozenset(data["light_verbs"]),
        event_verbs=frozenset(data["event_verbs"]),
        change_nouns=dict(data["change_nouns"]),
        participles=dict(data["participles"]),
        money_verbs=frozenset(data["money_verbs"]),
        drop_poss=frozenset(data["drop_poss"]),
        amount_nouns=frozenset(data["amount_nouns"]),
        measure_verbs=frozenset(data["measure_verbs"]),
    )


def _names_alt(kind: str) -> str:
    """A regex alternation of ``calendar.json``'s names and abbreviations of ``kind``, longest first."""
    return "|".join(sorted((w for names in calendar(kind) for w in names), key=len, reverse=True))


# A live-blog time stamp opening a sentence: "27 Jul 2022 16.34", "Wed 27 Jul 2022 09.05 BST".
_TIMESTAMP = re.compile(
    rf"^(?:(?:{_names_alt('weekdays')})\.?\s+)?"
    rf"\d{{1,2}}\s+(?:{_names_alt('months')})\.?\s+\d{{4}}\s+\d{{1,2}}[.:]\d{{2}}"
    r"(?:\s*(?:BST|GMT|CET|CEST|EDT|EST|UTC))?\s*"
)
# Prepositions that say where, when, how or to whom something happened to the counted thing
# ("killed in Mykolaiv", "sent to the security services"); others ("with", "of") modify it.
_PREDICATE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "from",
        "by",
        "due",
        "across",
        "into",
        "over",
        "since",
        "during",
        "outside",
        "inside",
        "along",
        "to",
        "under",
        "after",
        "amid",
        "around",
        "off",
    }
)
# Money units: their `what` may say who spent, lost or needed the amount.
_CURRENCY_UNITS = frozenset({"USD", "EUR", "GBP", "UAH", "RUB"})
# Words a `what` must not end on.
_DANGLING = frozenset(
    {
        "and",
        "or",
        "with",
        "of",
        "in",
        "the",
        "a",
        "an",
        "to",
        "by",
        "for",
        "from",
        "on",
        "at",
        "that",
        "which",
        "who",
        "as",
        "than",
        "its",
        "their",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "been",
        "be",
    }
)


@dataclass(frozen=True)
class _SourceLex:
    nouns_alt: str
    synonyms: dict[str, str]
    stop: frozenset[str]
    min_overlap: int
    reporting_nouns: frozenset[str]


@lru_cache(maxsize=1)
def _source_lex() -> _SourceLex:
    data = load_json("figure_sources.json")
    return _SourceLex(
        nouns_alt="|".join(re.escape(w) for w in sorted(data["source_nouns"], key=len, reverse=True)),
        synonyms=dict(data["title_synonyms"]),
        stop=frozenset(data["stop"]),
        min_overlap=int(data["min_overlap"]),
        reporting_nouns=frozenset(data["reporting_nouns"]),
    )


@cache
def _titles() -> frozenset[str]:
    """Title words (``speaker_titles.txt``) folded through the source synonyms."""
    lex = _source_lex()
    return frozenset(lex.synonyms.get(w, w) for w in load_set("speaker_titles.txt"))


@cache
def _any_pronoun() -> frozenset[str]:
    """Person and group pronouns (``pronouns.json``, shared with the statement speakers)."""
    return pronouns("person") | pronouns("group")


def _content_words(text: str, lex: _SourceLex) -> list[str]:
    """Lowercase content words with possessives cut and title words folded."""
    out = []
    for w in re.findall(r"[\w-]+", re.sub(r"['’]s\b", " ", text.lower())):
        if w in lex.stop:
            continue
        out.append(lex.synonyms.get(w, w))
    return out


@dataclass
class _Counted:
    """What a number counts: its noun (if any), the unit and a short description."""

    noun: Token | None
    unit: str | None
    what: str | None


def extract(parsed: ParsedArticle, statements: Sequence[Statement] = ()) -> Iterator[Figure]:
    """Yield the article's figures in text order."""
    yield from _Extractor(parsed, statements).run()


class _Extractor:
    def __init__(self, parsed: ParsedArticle, statements: Sequence[Statement]) -> None:
        self.parsed = parsed
        # Search the parsed text (header blanked) so the header's date is never read as a
        # number; offsets are the file's, so figure texts come from the file text.
        self.text = parsed.doc.text
        self.file_text = parsed.text
        self.doc = parsed.doc
        self.statements = statements
        self.lex = _lex()
        self.month_alt = "|".join(sorted(self.lex.months, key=len, reverse=True))
        # Nouns of earlier figures, for bare numbers that leave the noun out ("22 were wounded").
        self.recent: list[tuple[int, Token, str | None]] = []
        self.skip: range = range(0)
        self.last: Figure | None = None
        self.values: list[tuple[float, int]] = []
        self._people_cache: list[Span] | None = None
        self._quote_cache: list[Quote] | None = None
        self._contexts: list[tuple[str, int, set[str]]] | None = None
        # Definite titles already resolved to a name, which later titles may match.
        self._resolved: dict[str, str] = {}
        # The tokens of the sentence being read (set by ``run``).
        self.sent: Span = parsed.doc[0:0]

    # ------------------------------------------------------------------ driver
    def run(self) -> Iterator[Figure]:
        # The article's orthographic sentences, not spaCy's: a figure's sentence is what a reader
        # sees as one, never a parser sentence that runs over a paragraph break.
        for si, (s0, s1) in enumerate(self.parsed.sents):
            sent = self.doc.char_span(s0, s1, alignment_mode="expand")
            if sent is None:
                continue
            self.sent = sent
            stext = self.text[s0:s1]
            for expr in find_numbers(stext):
                fig = self._figure(si, (s0, s1), sent, stext, expr)
                if fig is not None:
                    yield fig

    def _figure(
        self, si: int, bounds: tuple[int, int], sent: Span, stext: str, expr: NumberExpr
    ) -> Figure | None:
        """The figure of ``expr`` in sentence ``si`` (``bounds`` in file offsets; ``sent`` its tokens)."""
        s0, s1 = bounds
        start, end = s0 + expr.start, s0 + expr.end
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        qualifier, qstart = self._qualifier(stext, expr, span)
        if self._excluded(expr, span, stext, qualifier):
            return None
        full = self.doc.char_span(
            s0 + (qstart if qstart is not None else expr.start), end, alignment_mode="expand"
        )
        # Phrases leave out the whole figure text, hedge included ("at least", "more than").
        self.skip = range(full.start, full.end) if full is not None else range(span.start, span.end)
        counted = self._counted(si, expr, span)
        if counted is None:
            return None
        if qstart is not None:
            start = s0 + qstart
        if expr.value is not None and counted.noun is not None:
            if self._restated(si, expr, counted.noun, start, end):
                return None
            self.recent.append((si, counted.noun, counted.unit))
            self.values.append((expr.value, counted.noun.i))
        what, per, source = counted.what, self._per(span, counted.noun), self._source(start, end, span, sent)
        conv = self._converted(stext, expr, s0)
        if conv is not None:
            # The same amount in other units measures what the figure before it measures.
            what, per, source = conv.what or what, per or conv.per, source or conv.source
        fig = Figure(
            text=self.file_text[start:end],
            value=expr.value,
            value_max=expr.value_max,
            unit=counted.unit,
            what=what,
            qualifier=None if expr.vague else qualifier,
            per=per,
            source=source,
            start=start,
            end=end,
            sent_start=s0,
            sent_end=s1,
            vague=expr.vague,
        )
        self.last = fig
        return fig

    def _restated(self, si: int, expr: NumberExpr, noun: Token, start: int, end: int) -> bool:
        """A quote repeating a count the article has just reported ("Two U.S. citizens died"
        ... "We can confirm the deaths of two U.S. citizens") points back at it: the spec's
        referential numerals.  Same value, same counted noun, a few sentences back."""
        quoted = any(st.direct and st.start <= start and end <= st.end for st in self.statements)
        if not quoted:
            # Inside quotation marks even where no statement was taken from them: the quote
            # scanner the statements use, so both sections agree on what is quoted.
            quoted = any(q.start <= start and end <= q.end for q in self._quotes())
        if not quoted:
            return False
        window = self.lex.knobs["restated_window_sents"]
        lemma = noun.lemma_.lower()
        for rsi, rnoun, _ in reversed(self.recent):
            if si - rsi > window:
                break
            if rnoun.lemma_.lower() == lemma and self._value_of(rnoun) == expr.value:
                return True
        return False

    def _quotes(self) -> list[Quote]:
        """The article's quoted stretches (``quotes.find_quotes``), found once."""
        if self._quote_cache is None:
            self._quote_cache = find_quotes(self.text)
        return self._quote_cache

    def _value_of(self, noun: Token) -> float | None:
        """The value of the earlier figure that counted ``noun``."""
        for v, n in self.values:
            if n == noun.i:
                return v
        return None

    def _converted(self, stext: str, expr: NumberExpr, s0: int) -> Figure | None:
        """The figure an amount in brackets converts: "€2.5 billion ($2.5bn)"."""
        m = re.search(
            r"\s*[(\[]\s*(?:about|around|roughly|some|nearly|approximately|or)?\s*$", stext[: expr.start]
        )
        if m is None or self.last is None or expr.vague:
            return None
        gap = s0 + m.start() - self.last.end
        return self.last if 0 <= gap <= 12 else None

    # ------------------------------------------------------------------ qualifier
    def _qualifier(self, stext: str, expr: NumberExpr, span: Span) -> tuple[str | None, int | None]:
        if expr.vague or expr.text.lower().startswith("between"):
            return None, None
        before = stext[: expr.start].lower()
        for phrase, canon in self.lex.qualifiers:
            m = re.search(rf"(?:^|[^\w])({re.escape(phrase)})\s+$", before)
            if not m:
                continue
            first = span[0]
            prev = first.nbor(-1) if first.i > 0 else None
            # "over"/"under"/"about" as a preposition of a verb ("fought over two towns") is
            # no hedge; spaCy tags the hedge as a modifier of the number.
            if (
                phrase in ("over", "under", "about", "around")
                and prev is not None
                and prev.dep_ == "prep"
                and prev.head.i not in range(span.start, span.end)
                and prev.head.pos_ == "VERB"
                and prev.head.lemma_ not in ("rise", "fall", "drop", "increase", "grow")
            ):
                return None, None
            return canon, m.start(1)
        return None, None

    # ------------------------------------------------------------------ exclusions
    def _excluded(self, expr: NumberExpr, span: Span, stext: str, qualifier: str | None) -> bool:
        lex = self.lex
        knobs = lex.knobs
        doc = self.doc
        first, last = span[0], span[-1]
        prev = doc[first.i - 1] if first.i > 0 else None
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        prev_l = prev.lower_.rstrip(".") if prev is not None else ""
        nxt_l = nxt.lower_.rstrip(".").replace("’", "'") if nxt is not None else ""
        after = stext[expr.end :]
        before = stext[: expr.start]
        noun = self._head_noun(span)
        noun_l = noun.lower_ if noun is not None else ""

        # Dates: a number next to a month name ("Feb. 24", "24 February", "March 29-30").
        if (prev_l in lex.months or nxt_l in lex.months) and (
            expr.currency is None and not expr.percent and (expr.value or 0) <= 31
        ):
            return True
        # "between July 5 and 20": the second day of a date range.
        if (
            re.search(
                rf"\b(?:{self.month_alt})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s*(?:and|to|-|–|through|until)\s*$",
                before,
                re.IGNORECASE,
            )
            and (expr.value or 0) <= 31
        ):
            return True
        # "2015-16": the second year of a span.
        if re.search(r"\d{4}[-–/]$", before):
            return True
        # Live-blog timestamps and clock times written with a dot: "23 Jul 2022 22.17", "at 17.50".
        if (
            re.fullmatch(r"[0-2]?\d\.[0-5]\d", expr.text)
            and float(expr.text) < 24
            and (
                (
                    prev is not None
                    and (re.fullmatch(r"\d{4}", prev.text) or prev_l in ("at", "by", "until", "from"))
                )
                or not before.strip()  # opening its sentence
            )
        ):
            return True
        # Clock times: "4 a.m.", "7am", "10:30".
        if (
            nxt_l in lex.time_markers
            or (nxt is not None and nxt.lower_.replace("’", "'") in lex.time_markers)
            or re.match(r":\d", after)
        ):
            return True
        if expr.vague:
            return self._vague_excluded(expr, span, noun)
        # Years: a bare four-digit number, unless it plainly counts something ("1500 troops").
        bare_year = (
            re.fullmatch(r"\d{4}", expr.text) and knobs["year_min"] <= (expr.value or 0) <= knobs["year_max"]
        )
        if bare_year and not (nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in lex.time_units):
            return True
        if expr.value_max is not None and all(
            re.fullmatch(r"\d{4}", n) and knobs["year_min"] <= int(n) <= knobs["year_max"]
            for n in re.findall(r"\d[\d,.]*", expr.text)
        ):
            return True
        if expr.kind == "digits" and re.fullmatch(r"\d{4}[-–]\d{2}", expr.text):
            return True
        # Lengths of time: "three days", "a 25-year sentence", "up to 24 months", "a 10-day break".
        if expr.hyphen_word in lex.time_units or (expr.hyphen_word or "") in ("year-old", "old"):
            return True
        if (
            nxt is not None
            and nxt_l.rstrip("'’") in lex.time_units
            and expr.currency is None
            and not expr.percent
        ):
            return True
        if noun is not None and noun_l in lex.time_units and expr.currency is None and not expr.percent:
            return True
        # Ages: "aged 4", "Liza, 4,", "4 years old".
        if prev_l in ("aged", "age", "ages") or re.match(r"\s*(?:years?|yrs?)[\s-]+old", after, re.I):
            return True
        if (
            prev is not None
            and prev.text == ","
            and first.i > 1
            and expr.kind == "digits"
            and qualifier is None
            and (doc[first.i - 2].pos_ == "PROPN" or self._is_human(doc[first.i - 2]))
            and (nxt is None or nxt.text in (",", ".", ";", ")") or nxt.lower_ == "and")
            and (expr.value or 0) < 120
            and expr.currency is None
            and not expr.percent
        ):
            return True
        # "She was only five": the age of a person.
        head = self._head(span)
        if (
            head.dep_ in ("attr", "acomp")
            and head.head.lemma_ == "be"
            and expr.currency is None
            and not expr.percent
            and not expr.scaled
            and (expr.value or 0) < 120
        ):
            subj = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and (subj.lower_ in pronouns("person") or subj.ent_type_ == "PERSON"):
                return True
        # Names and labels: "Article 5", "article number five", "Flight 752", "day 150".
        if re.search(r"(?:\b(?:No|Nos|no|nos)\.|#|№)\s*$", before):
            return True
        if (prev is not None and prev_l in lex.name_cues and prev.pos_ in ("NOUN", "PROPN", "X")) and (
            expr.currency is None and not expr.percent
        ):
            return True
        # A number inside a name the parser recognised ("Nord Stream 1", "PzH 2000").
        ent_start = first.ent_iob_ == "I" and first.ent_type_ in _NAME_ENTS
        if ent_start and expr.currency is None and not expr.percent and qualifier is None:
            return True
        if (
            prev is not None
            and prev.pos_ == "PROPN"
            and first.i > 1
            and doc[first.i - 2].pos_ == "PROPN"
            and prev.is_title
            and expr.kind == "digits"
            and expr.value is not None
            and expr.value < knobs["name_max"]
            and qualifier is None
            and "," not in expr.text
            and not (nxt is not None and nxt.tag_ in ("NNS", "NNPS"))
        ):
            return True
        # "Nord Stream 1", "Russia 1": a small integer right after a name, not counting a plural.
        if (
            prev is not None
            and prev.pos_ == "PROPN"
            and prev.is_title
            and expr.kind == "digits"
            and expr.value is not None
            and expr.value < knobs["name_max"]
            and expr.value.is_integer()
            and expr.currency is None
            and not expr.percent
            and not expr.scaled
            and qualifier is None
            and "," not in expr.text
            and not (nxt is not None and (nxt.tag_ in ("NNS", "NNPS") or nxt.pos_ in ("VERB", "AUX")))
        ):
            return True
        # Formats and scores written with signs: "the 5+2 talks", "3:1".
        if re.search(r"[+/×]\s?$", before) or re.match(r"\s?[+/×]", after):
            return True
        # Enumerations and references in brackets: "(1)", "[3]".
        # A converted amount in brackets ("€2.5 billion ($2.5bn)") is a figure of its own.
        if (
            re.search(r"[(\[]\s*$", before)
            and re.match(r"\s*[)\]]", after)
            and not (expr.currency or expr.percent or expr.scaled or expr.unit)
            and not (nxt is not None and nxt.lower_ in lex.unit_nouns)
        ):
            return True
        if expr.unit in lex.name_units or expr.hyphen_word in lex.name_units:
            return True
        # Descriptions and temperatures: "a 24-page indictment", "a two-time medalist",
        # "40.3 degrees Celsius".
        if expr.hyphen_word in lex.not_hyphen and expr.currency is None and not expr.percent:
            return True
        if (nxt_l in lex.not_next or re.match(r"\s?°", after)) and expr.currency is None and not expr.percent:
            return True
        # Fractions need to take a part of something: "one fifth of capacity", "cut by half";
        # "the latter half of his rule", "a third round" are not figures.
        if expr.kind == "fraction":
            if prev_l in ("the", "first", "second", "latter", "last", "past", "next", "other", "-"):
                return True
            if re.match(r"\s*-", after):
                return True
            follower = nxt_l
            if (
                follower in ("a", "an")
                and nxt is not None
                and nxt.i + 1 < len(doc)
                and doc[nxt.i + 1].lower_ in lex.time_units
            ):
                return True
            if follower not in _FRACTION_FOLLOWERS and prev_l not in _FRACTION_LEADERS:
                return True
        # The pronoun "one" ("one of the hurdles", "if one is not returned"): "one" is a figure
        # only when it counts people ("one person was killed").
        if expr.kind == "words" and expr.text.lower() in ("one", "a"):
            if noun is None or (noun.i != last.i + 1 and noun.i != last.i + 2 and noun.i != last.i + 3):
                return True
            if nxt_l == "of" or not self._is_human(noun):
                return True
        # Counts of the article's own sources ("Two soldiers said", "one official said") describe
        # the reporting, not the events.
        if (
            noun is not None
            and noun.dep_ in ("nsubj",)
            and noun.head.lemma_.lower() in lex.reporting_verbs
            and (expr.value or 0) <= knobs["source_count_max"]
            and qualifier is None
        ):
            return True
        # Referential numerals: "the two countries", "the four parties", "two towns" in
        # apposition, "between two warring countries".
        return bool(self._referential(expr, span, prev, noun, qualifier))

    def _vague_excluded(self, expr: NumberExpr, span: Span, noun: Token | None) -> bool:
        lex = self.lex
        doc = self.doc
        last = span[-1]
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        low = expr.text.lower()
        if low in lex.vague_need_noun and (
            nxt is None or nxt.pos_ not in ("NOUN", "ADJ", "PROPN") or nxt.lower_ == "of"
        ):
            return True
        counted = self._of_object(last) or noun
        if counted is not None and counted.lower_ in lex.time_units:
            return True
        return nxt is not None and nxt.lower_ in lex.time_units

    def _referential(
        self, expr: NumberExpr, span: Span, prev: Token | None, noun: Token | None, qualifier: str | None
    ) -> bool:
        knobs = self.lex.knobs
        if (
            expr.currency
            or expr.percent
            or expr.scaled
            or expr.hyphen_word
            or qualifier
            or expr.value is None
        ):
            return False
        if (
            expr.kind == "words"
            and prev is not None
            and (prev.lower_ in _REFERENTIAL_DETS or prev.tag_ == "POS")
            and expr.value <= knobs["referential_det_max"]
        ):
            return True
        if (
            expr.kind == "digits"
            and prev is not None
            and prev.lower_ in _REFERENTIAL_DETS - {"all"}
            and expr.value <= knobs["referential_det_max"]
        ):
            return True
        # "Tel Rifaat and Manbij, two towns": a count in apposition to the names it sums up.
        if (
            noun is not None
            and expr.value <= knobs["referential_det_max"]
            and (
                noun.dep_ == "appos"
                or (
                    noun.dep_ == "conj"
                    and prev is not None
                    and prev.text == ","
                    and prev.i > 0
                    and self.doc[prev.i - 1].pos_ == "PROPN"
                )
            )
        ):
            return True
        return (
            noun is not None
            and expr.value <= knobs["referential_max"]
            and (
                noun.lower_ in self.lex.referential_nouns or noun.lemma_.lower() in self.lex.referential_nouns
            )
        )

    # ------------------------------------------------------------------ parse helpers
    def _head(self, span: Span) -> Token:
        """The expression's token whose head lies outside it (the last such one)."""
        heads = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
        return heads[-1] if heads else span[-1]

    def _head_noun(self, span: Span, *, after: int | None = None) -> Token | None:
        """The noun the number counts ("seven [people]", "four new Himar (...) [systems]").

        The words after the number are read first: the counted noun is the last noun of the
        run of modifiers and compounds that follows it, which is sturdier than the parse on
        names used as modifiers ("seven Kalibr cruise [missiles]").  The parse decides when
        the number does not stand right before its noun.
        """
        doc = self.doc
        i = span.end if after is None else after
        found: Token | None = None
        while i < len(doc) and i < span.end + 12:
            t = doc[i]
            if t.text == "(":
                close = next((j for j in range(i + 1, min(len(doc), i + 8)) if doc[j].text == ")"), None)
                if close is None:
                    break
                i = close + 1
                continue
            if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.tag_ == "NNPS"):
                found = t
                nxt = doc[i + 1] if i + 1 < len(doc) else None
                if (
                    nxt is None
                    or (nxt.pos_ not in ("NOUN", "PROPN") and nxt.text not in ("-", "("))
                    or t.lower_ in self.lex.unit_nouns
                ):
                    return t
            elif (
                t.pos_ == "PROPN"
                or t.pos_ in ("ADJ", "NUM")
                or t.text in ("-", "–")
                or (t.tag_ in ("VBN", "VBG") and t.dep_ in ("amod", "compound"))
                or (t.pos_ == "ADV" and t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "ADJ")
            ):
                pass
            else:
                break
            i += 1
        if found is not None:
            return found
        head = self._head(span)
        if (
            head.dep_ in ("nummod", "quantmod", "compound", "amod", "det", "nmod")
            and head.head.pos_ in ("NOUN", "PROPN")
            and head.head.i > head.i
        ):
            return head.head
        return None

    def _of_object(self, tok: Token) -> Token | None:
        """The object of an ``of`` right after ``tok`` ("dozens of [prisoners]")."""
        for child in tok.children:
            if child.lower_ == "of" and child.dep_ == "prep":
                for g in child.children:
                    if g.dep_ == "pobj":
                        return g
        doc = self.doc
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "of":
            for g in doc[tok.i + 1].children:
                if g.dep_ == "pobj":
                    return g
            # Not attached: the first noun after "of".
            for t in doc[tok.i + 2 : tok.i + 7]:
                if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
                    return t
        return None

    def _is_human(self, noun: Token) -> bool:
        """Whether ``noun`` names people: from the word itself (a broad lexicon of roles,
        kinship, ranks and demonyms, and person-making suffixes) or from how the sentence
        treats it (``commanders who ...``, a casualty verb, names in apposition)."""
        lex = self.lex
        low = noun.lower_.replace("’", "'")
        forms = {low, noun.lemma_.lower(), *_singulars(low)}
        if low in lex.member_nouns or noun.lemma_.lower() in lex.member_nouns:
            return not self._member_of_states(noun)
        if forms & lex.humans or low in lex.demonyms:
            return True
        # Plural nationality nouns: "Ukrainians", "Syrians".
        if noun.ent_type_ == "NORP" and noun.tag_ in ("NNS", "NNPS"):
            return True
        if noun.pos_ not in ("NOUN", "PROPN") or not (forms - lex.not_human) or forms & lex.not_human:
            return False
        if any(f.endswith(suf) and len(f) >= n for f in forms for suf, n in lex.human_suffixes):
            return True
        return self._human_by_context(noun)

    def _human_by_context(self, noun: Token) -> bool:
        """Sentence cues that the counted noun is people, whatever the noun."""
        for c in noun.children:
            # "92 commanders who ...": a "who" relative clause only attaches to people.
            # The pronoun must open the clause right after the noun, else it may belong to a
            # noun further on ("cases of hostages whose ...").
            rel = c.left_edge
            if (
                c.dep_ == "relcl"
                and rel.lower_ in self.lex.who_relatives
                and all(t.is_punct for t in self.doc[noun.i + 1 : rel.i])
            ):
                return True
            # "Three guys, Edward, Emile and Bryan": persons named in apposition.
            if c.dep_ == "appos" and c.ent_type_ == "PERSON":
                return True
        # "two ... were killed", "killed 40 ...": only people (and animals) die.
        verb = noun.head
        return (
            noun.dep_ in ("nsubj", "nsubjpass", "dobj")
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in ("kill", "die", "wound", "injure")
        )

    def _member_of_states(self, noun: Token) -> bool:
        """Whether "members" are states: the group named with them is a bloc of states
        ("the bloc's 27 members", "30 NATO members", "members of the EU")."""
        near = [c for c in noun.children if c.dep_ in ("poss", "compound", "amod", "nmod")]
        obj = self._of_object(noun)
        if obj is not None:
            near.append(obj)
        words = {t.lower_ for n in near for t in n.subtree}
        return bool(words & self.lex.group_members)

    # ------------------------------------------------------------------ unit and what
    def _unit_of_noun(self, noun: Token) -> str:
        low = noun.lower_
        if low in self.lex.unit_nouns:
            unit = self.lex.unit_nouns[low]
            mods = [
                c.lower_
                for c in noun.lefts
                if c.lower_ in self.lex.measure_modifiers and c.lower_ != "metric"
            ]
            return f"{' '.join(mods)} {unit}" if mods else unit
        if self._is_human(noun):
            return "people"
        if noun.pos_ == "NOUN":
            lemma = noun.lemma_.lower()
            # The lemmatiser sometimes garbles rare plurals ("graves" -> "graf"): trust it only
            # when the plural is built on the lemma, else drop the plural "s".
            regular = low.startswith(lemma) or (lemma.endswith("y") and low == lemma[:-1] + "ies")
            unit = low[:-1] if not regular and low.endswith("s") else lemma
            return self._compound_unit(noun, unit)
        # Proper-noun plurals are not lemmatised: "Rocket Systems" -> "system".
        return low[:-1] if noun.tag_ == "NNPS" and low.endswith("s") else low

    def _compound_unit(self, noun: Token, unit: str) -> str:
        """A generic head keeps the word that classifies it: "dump" alone does not say what
        was counted, "ammunition dump" does ("criminal case", "command post")."""
        if unit not in self.lex.compound_heads or noun.i == 0:
            return unit
        mod = self.doc[noun.i - 1]
        if (
            mod.head.i == noun.i
            and mod.dep_ in ("compound", "amod")
            and mod.pos_ in ("NOUN", "ADJ")
            and mod.lower_ not in self.lex.compound_skip
            and not mod.is_title
        ):
            return f"{mod.lower_} {unit}"
        return unit

    def _counted(self, si: int, expr: NumberExpr, span: Span) -> _Counted | None:
        head = self._head(span)
        last = span[-1]
        doc = self.doc
        if expr.currency or expr.percent:
            unit = expr.currency or "percent"
            thing = self._of_object(last) or self._of_object(head)
            if thing is None:
                thing = self._money_object(span)
            if (
                thing is not None
                and thing.pos_ in ("NOUN", "PROPN")
                and thing.lower_ not in self.lex.time_units
            ):
                return _Counted(None, unit, self._phrase(thing, span))
            return _Counted(None, unit, self._context_what(head, span, unit))
        noun = self._head_noun(span)
        of_obj = self._of_object(last)
        nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
        # "left 25 dead", "killed 3 and 23 wounded": casualty adjectives count people.
        if (
            nxt is not None
            and nxt.pos_ == "ADJ"
            and nxt.lower_ in self.lex.humans
            and (noun is None or noun.i > nxt.i + 1)
        ):
            return _Counted(
                nxt, "people", self._cap(f"people {nxt.text} {self._preps(nxt, span, skip=nxt)}".strip())
            )
        # "four of them": the noun is the one the pronoun stands for.
        if of_obj is not None and of_obj.pos_ == "PRON":
            return self._elliptic(si, expr, span, head)
        # "four times larger": a multiplier.
        if last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "times":
            return _Counted(None, "times", self._context_what(doc[last.i + 1], span))
        if expr.hyphen_word:
            word = expr.hyphen_word
            # The noun comes after the whole hyphenated modifier ("1,000-meter-long [bridge]").
            chain = re.match(r"(?:-[A-Za-z]+)+", self.text[span.end_char :])
            chain_end = span.end_char + (chain.end() if chain else 0)
            after = next((t.i for t in doc[span.end :] if t.idx >= chain_end), len(doc))
            target = self._head_noun(span, after=after) or head.head
            base = self._phrase(target, span) if target is not None else None
            # Where the phrase names the measure itself ("members of the ... detachment",
            # "length of the ... bridge"), the hyphenated words would repeat it.
            self.skip = range(min(self.skip.start, span.start), max(self.skip.stop, after))
            bare = self._phrase(target, span) if target is not None else None
            if word == "way":
                return _Counted(None, "party", f"parties to the {bare}" if bare else None)
            if word in self.lex.hyphen_people:
                return _Counted(None, "people", f"members of the {bare}" if bare else None)
            if word in ("long", "wide", "high", "deep"):
                return _Counted(None, expr.unit, base)
            unit_word = self.lex.unit_nouns.get(word, word)
            # "a 1,000-meter-long bridge": the measure is the length of the bridge.
            if re.match(r"-\w+-(long|wide|high|deep|tall)\b", self.text[span.end_char : span.end_char + 30]):
                dim = {"long": "length", "wide": "width", "high": "height", "deep": "depth", "tall": "height"}
                m = re.match(r"-\w+-(\w+)", self.text[span.end_char : span.end_char + 30])
                assert m is not None
                return _Counted(None, unit_word, f"{dim[m.group(1)]} of the {bare}" if bare else None)
            if word in ("member", "nation", "country", "state", "party"):
                plural = "countries" if word == "country" else f"{word}s"
                return _Counted(None, unit_word, f"{plural} of the {base}" if base else word)
            return _Counted(None, unit_word, base or word)
        if expr.unit:
            return _Counted(None, expr.unit, self._context_what(head, span))
        if of_obj is not None and (noun is None or noun.i > of_obj.i or noun.i < span.start):
            # "at least three of the bridges", "dozens of Ukrainian prisoners of war".
            if of_obj.lower_ in self.lex.unit_nouns:
                thing = self._of_object(of_obj)
                unit = self._unit_of_noun(of_obj)
                return _Counted(of_obj, unit, self._described(thing or of_obj, span, anchor=of_obj))
            return _Counted(of_obj, self._unit_of_noun(of_obj), self._described(of_obj, span))
        if noun is not None and noun.lower_ in ("others", "more"):
            return self._elliptic(si, expr, span, head)
        if noun is not None:
            if noun.lower_ in self.lex.unit_nouns:
                thing = self._of_object(noun)
                if thing is None:
                    # "a rate of 5m metric tonnes a month", "fall to 33 million cubic meters":
                    # what is measured is named around the measure.
                    return _Counted(
                        noun,
                        self._unit_of_noun(noun),
                        self._context_what(noun, span) or self._phrase(noun, span),
                    )
                return _Counted(noun, self._unit_of_noun(noun), self._described(thing, span, anchor=noun))
            return _Counted(noun, self._unit_of_noun(noun), self._described(noun, span))
        return self._elliptic(si, expr, span, head)

    def _money_object(self, span: Span) -> Token | None:
        """What money or a share is of: "$270m in military aid", "$10bn worth of grain"."""
        doc = self.doc
        for t in doc[span.end : min(len(doc), span.end + 3)]:
            if t.lower_ == "worth":
                return self._of_object(t)
            if t.lower_ in ("in", "for", "of") and t.i == span.end:
                for g in t.children:
                    if g.dep_ == "pobj":
                        return g
        return None

    def _elliptic(self, si: int, expr: NumberExpr, span: Span, head: Token) -> _Counted | None:
        """A number without a noun: "22 were wounded", "wounded another 75", "was 40,000"."""
        verb = head.head if head.dep_ != "ROOT" else head
        # "the daily outflow rate of refugees was 40,000 per day": the subject says what.
        if head.dep_ in ("attr", "acomp", "dobj") and verb.lemma_ == "be":
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                human = any(self._is_human(t) for t in subj.subtree)
                return _Counted(None, "people" if human else None, self._phrase(subj, span))
        window = self.lex.knobs["elliptic_window_sents"] if not expr.vague else -1
        for rsi, rnoun, runit in reversed(self.recent):
            if si - rsi > window:
                break
            if rnoun.i >= span.start:
                continue
            what = self._phrase(rnoun, span, with_right=False)
            # "One person was killed and four wounded": the plural of the borrowed noun.
            if rnoun.lower_ == "person" and (expr.value or 0) > 1:
                what = what[: -len("person")] + "people"
            if verb.pos_ == "VERB":
                what = f"{what} {verb.text}"
            elif head.dep_ == "pobj" and head.head.head.pos_ == "NOUN":
                what = f"{what} ({head.head.head.text})"
            return _Counted(None, runit, what)
        if verb.lemma_.lower() in self.lex.casualty_verbs:
            return _Counted(None, "people", f"people {verb.text}")
        if expr.value is not None and expr.kind == "words" and expr.value < 10 and expr.value_max is None:
            # A bare small number word with nothing counted is usually a pronoun or a score.
            return None
        return _Counted(None, None, self._context_what(head, span))

    # ------------------------------------------------------------------ what
    # A `what` is read in a table column next to the number, so it must be a noun phrase a
    # reader takes in at a glance: never a clause fragment ("US senators urged Meta's
    # Facebook", "Energy ministers ... backed"), never cut mid-phrase.

    def _nearest_chunk(self, span: Span) -> str | None:
        """Last resort for ``what``: the noun phrase right before the number in its clause,
        when it is a plain noun phrase (not a pronoun, name of a speaker or time)."""
        best = None
        for chunk in self.sent.noun_chunks:
            if (
                chunk.end <= span.start
                and span.start - chunk.end <= 3
                and chunk.root.pos_ == "NOUN"
                and not any(t.pos_ in ("VERB", "AUX") for t in self.doc[chunk.end : span.start])
            ):
                best = chunk
        if best is None or best.root.lower_ in self.lex.time_units:
            return None
        return self._phrase(best.root, span, with_right=False)

    def _measured(self, tok: Token, span: Span, unit: str | None) -> str | None:
        """What a share, amount of money or multiplier measures, from where the number sits:

        * a modifier of a noun ("a 35%-45% economic contraction") -> that noun phrase;
        * the object of "of" after a noun ("a shortfall of $5bn") -> that noun phrase;
        * "by" a change verb ("cut gas use by 15%") -> the change ("cut in gas use");
        * "to"/"at" after a verb ("upgraded its forecast to 2.5%") -> what reaches it;
        * the object of a change verb ("wheat dropped 5.9%") -> the change;
        * money a verb spends, loses or needs ("NASA spent $100bn") -> "spent by NASA";
        * the attribute of "be" ("the rate was 40,000") -> the subject.
        """
        wl = _what_lex()
        node = tok
        # Climb out of the number's own tokens and of a hedge ("about", "nearly").
        while node.head.i != node.i and (
            span.start <= node.head.i < span.end or node.head.dep_ in ("quantmod", "nummod")
        ):
            node = node.head
        head = node.head
        if (
            node.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod")
            and head.pos_ == "NOUN"
            and head.i > node.i
            and head.lower_ not in self.lex.time_units
        ):
            return self._phrase(head, span)
        if node.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
            prep, gov = head.lower_, head.head
            if gov.pos_ in ("VERB", "AUX"):
                if prep == "by":
                    return self._change(gov, span)
                if prep in ("to", "at", "from"):
                    target = self._object(gov, span) or self._subject_np(gov, span)
                    if target is not None:
                        return self._phrase(target, span)
            elif gov.pos_ == "NOUN" and gov.lower_ in wl.amount_nouns and prep == "of":
                # "were losing an average of $9 billion": the amount is what the verb says.
                node, head = gov, gov.head
            elif gov.pos_ == "NOUN" and gov.lower_ not in self.lex.time_units and prep in ("of", "at", "for"):
                return self._phrase(gov, span)
            elif gov.pos_ == "ADJ" and prep == "by" and gov.head.pos_ in ("VERB", "AUX"):
                return self._change(gov.head, span)
            elif gov.pos_ == "ADJ" and gov.head.lemma_ == "be":
                # "a bushel, which is equivalent to about 27kg": the subject is measured.
                node, head = gov, gov.head
        if node.dep_ == "npadvmod" and head.pos_ == "ADJ" and head.head.lemma_ == "be":
            # "exports, which are four times larger than ...".
            node, head = head, head.head
        if node.dep_ in ("dobj", "npadvmod", "advmod", "attr", "oprd", "nsubj", "acomp") and head.pos_ in (
            "VERB",
            "AUX",
        ):
            lemma = head.lemma_.lower()
            if lemma in wl.measure_verbs or (lemma == "be" and node.dep_ != "nsubj"):
                subj = self._subject_np(head, span)
                return self._phrase(subj, span) if subj is not None else None
            if unit in _CURRENCY_UNITS and lemma in wl.money_verbs and node.dep_ == "dobj":
                subj = self._subject_np(head, span)
                if subj is None:
                    return f"amount {self._participle(head)}"
                return f"{self._participle(head)} by {self._phrase(subj, span, with_right=False)}"
            if lemma in wl.change_nouns and node.dep_ != "nsubj":
                return self._change(head, span)
            if node.dep_ == "dobj" and lemma not in wl.light_verbs:
                # "the two machines pump 60m cubic metres": what the verb moves, by whom.
                subj = self._subject_np(head, span)
                if subj is not None:
                    return self._compose(
                        self._participle(head), f"by {self._phrase(subj, span, with_right=False)}"
                    )
        return None

    def _change(self, verb: Token, span: Span) -> str | None:
        """The change a verb measures: "cut gas use" -> "cut in gas use", "the economy will
        contract" -> "contraction of economy"; a verb that is no change word gives its object."""
        wl = _what_lex()
        target = self._object(verb, span) or self._subject_np(verb, span)
        if target is None:
            return None
        noun = wl.change_nouns.get(verb.lemma_.lower())
        if noun is None:
            return self._phrase(target, span)
        return f"{noun} {self._phrase(target, span, limit=wl.max_words - len(noun.split()))}"

    def _object_text(self, verb: Token, span: Span) -> str:
        obj = self._object(verb, span)
        if obj is None:
            return ""
        # After a verb the article reads naturally: "fled the country".
        det = next((c.lower_ for c in obj.lefts if c.dep_ == "det" and c.lower_ in ("the", "a", "an")), "")
        return f"{det} {self._phrase(obj, span, with_right=False)}".strip()

    def _object(self, verb: Token, span: Span) -> Token | None:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None or span.start <= obj.i < span.end or obj.pos_ not in ("NOUN", "PROPN"):
            return None
        return obj

    def _subject_np(self, verb: Token, span: Span) -> Token | None:
        """The verb's subject as a noun: through control chains ("is expected to contract")
        and relative clauses ("financing that he hoped would provide") to the noun they stand
        for; a pronoun subject gives none."""
        node = verb
        for _ in range(4):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            relative = node.dep_ == "relcl" and node.head.pos_ == "NOUN"
            wh = any(c.tag_ in ("WDT", "WP") for c in node.children)
            if relative and (subj is None or (wh and (subj.tag_ in ("WDT", "WP") or node is not verb))):
                return node.head
            # A clausal complement's own subject is not the subject of the verb inside it.
            if subj is not None and (node is verb or node.dep_ != "ccomp"):
                if subj.pos_ not in ("NOUN", "PROPN") or span.start <= subj.i < span.end:
                    return None
                return subj
            if node.dep_ in ("xcomp", "ccomp", "conj", "advcl") and node.head.i != node.i:
                node = node.head
            else:
                break
        return None

    def _participle(self, verb: Token) -> str:
        """The verb's past participle, for "spent by NASA", "launchers destroyed"."""
        lemma = verb.lemma_.lower()
        irregular = _what_lex().participles
        if verb.tag_ == "VBN" and lemma not in irregular:
            return verb.lower_
        if lemma in irregular:
            return irregular[lemma]
        if verb.tag_ in ("VBD", "VBN"):
            return verb.lower_
        if lemma.endswith("e"):
            return lemma + "d"
        if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
            return lemma[:-1] + "ied"
        return lemma + "ed"

    def _context_what(self, tok: Token, span: Span, unit: str | None = None) -> str | None:
        """What a number with no counted noun measures, or null when no clean phrase is found."""
        return self._measured(tok, span, unit) or self._nearest_chunk(span)

    def _described(self, noun: Token, span: Span, *, anchor: Token | None = None) -> str:
        """The counted noun phrase with its predicate when that says what happened:
        "people killed in Mykolaiv", "Ukrainians who fled the country", "launchers destroyed";
        other verbs ("three senators urged ...", "has 450,000 people") are left out."""
        wl = _what_lex()
        np = self._phrase(noun, span)
        rel = anchor if anchor is not None else noun
        # Climb through conjunctions and partitives to the clause role.
        while (
            rel.dep_ in ("conj", "pobj")
            and rel.head.dep_ in ("nsubj", "nsubjpass", "dobj", "conj")
            and rel.head.pos_ in ("NOUN", "PROPN", "NUM")
        ):
            rel = rel.head
        if rel.dep_ == "pobj" and rel.head.lower_ == "of" and rel.head.head.pos_ in ("NUM", "NOUN"):
            rel = rel.head.head
        # The phrase already carries its own predicate ("bodies recovered from ...").
        if any(c.dep_ in ("acl", "relcl") for c in noun.rights) or len(np.split()) >= wl.max_words - 1:
            return np
        verb = rel.head
        lemma = verb.lemma_.lower()
        casualty = lemma in self.lex.casualty_verbs
        if rel.dep_ == "nsubjpass" and verb.tag_ == "VBN" and lemma not in wl.light_verbs:
            return self._compose(np, verb.lower_, self._preps(verb, span, skip=rel))
        if verb.tag_ == "VBG" and rel.dep_ == "nsubj" and (casualty or lemma in wl.event_verbs):
            # "one person sustaining injuries": the participle already reads as a phrase.
            return self._compose(np, verb.lower_, self._object_text(verb, span))
        if (
            rel.dep_ == "nsubj"
            and verb.pos_ == "VERB"
            and (casualty or lemma in wl.event_verbs)
            and not any(c.dep_ == "neg" for c in verb.children)
        ):
            who = "who" if self._is_human(noun) else "that"
            rest = f"{self._object_text(verb, span)} {self._preps(verb, span, skip=rel)}".strip()
            return self._compose(np, f"{who} {verb.lower_}", rest)
        if (
            rel.dep_ == "dobj"
            and verb.pos_ == "VERB"
            and lemma not in wl.light_verbs
            and verb.tag_ in ("VBD", "VBN", "VBG", "VB", "VBZ", "VBP")
            and not any(c.dep_ == "neg" for c in verb.children)
        ):
            return self._compose(np, self._participle(verb), self._preps(verb, span, skip=rel))
        return np

    def _preps(self, verb: Token, span: Span, *, skip: Token) -> str:
        """The verb's first place or means phrase after it ("in Mykolaiv", "by shelling"),
        whole or not at all."""
        for c in verb.children:
            if (
                c.dep_ in ("prep", "agent")
                and c.i > verb.i
                and c.lower_ in _PREDICATE_PREPS
                and not (c.left_edge.i <= span.start < c.right_edge.i + 1)
                and c.i != skip.i
                and c.lower_ not in ("according",)
            ):
                toks = [t for t in c.subtree if not (span.start <= t.i < span.end) and t.i not in self.skip]
                toks = self._bounded(toks, c, _what_lex().max_words // 2 + 1)
                while len(toks) > 1 and (toks[-1].is_punct or toks[-1].pos_ in ("ADP", "CCONJ", "DET")):
                    toks = toks[:-1]
                return self._join(toks) if len(toks) > 1 else ""
        return ""

    def _bounded(self, toks: list[Token], root: Token, limit: int) -> list[Token]:
        """``toks`` cut to ``limit`` at a phrase boundary: the rightmost dependents of the
        phrase are dropped whole until it fits, so no phrase is left half-finished."""
        keep = {t.i for t in toks}
        while len(keep) > limit:
            deps = [
                d
                for t in sorted(keep, reverse=True)
                for d in self.doc[t].children
                if d.i in keep and d.i > root.i
            ]
            if not deps:
                break
            last = max(deps, key=lambda d: d.right_edge.i)
            drop = {t.i for t in last.subtree}
            # A preposition without its object reads worse than no phrase.
            if last.dep_ == "pobj":
                drop.add(last.head.i)
                drop.update(t.i for t in last.head.subtree)
            keep -= drop
        return [t for t in toks if t.i in keep]

    def _trim(self, toks: list[Token]) -> list[Token]:
        """No dangling function words or punctuation at either end."""
        end_bad = ("ADP", "CCONJ", "SCONJ", "DET", "PART", "PRON")
        while toks and (
            toks[-1].is_punct or toks[-1].pos_ in end_bad or toks[-1].tag_ in ("WDT", "WP", "POS")
        ):
            toks = toks[:-1]
        while toks and (
            toks[0].is_punct
            or toks[0].pos_ in ("DET", "CCONJ", "ADP", "SCONJ")
            or toks[0].tag_ in ("WDT", "WP")
            or toks[0].lower_ in _what_lex().drop_poss
        ):
            toks = toks[1:]
        return toks

    def _phrase(self, noun: Token, span: Span, *, with_right: bool = True, limit: int | None = None) -> str:
        """A compact noun phrase around ``noun``: its modifiers and, optionally, prepositional
        and relative-clause dependents, without the number, determiners, possessive pronouns
        and other numbers, cut at a phrase boundary."""
        limit = limit or _what_lex().max_words
        keep: set[int] = {noun.i}
        for c in noun.lefts:
            if c.dep_ in _NP_LEFT_DEPS and not (c.dep_ in ("nummod", "quantmod") and c.like_num):
                keep.update(t.i for t in c.subtree)
        if with_right:
            for c in noun.rights:
                if c.dep_ in _NP_RIGHT_DEPS and not (c.dep_ == "prep" and c.lower_ not in _NP_PREPS):
                    keep.update(t.i for t in c.subtree)
        keep = {i for i in keep if not (span.start <= i < span.end) and i not in self.skip}
        toks = [self.doc[i] for i in sorted(keep)]
        toks = [t for t in toks if t.lower_ not in ("another", "other") or t.i > noun.i]
        # Keep one contiguous stretch around the noun, stopping at a comma or dash (an
        # apposition or list follows), so the phrase reads as one.
        out: list[Token] = []
        for t in toks:
            if t.i > noun.i and (t.text in (",", "–", "—", ";", "(") or (out and t.i != out[-1].i + 1)):
                break
            if out and t.i != out[-1].i + 1 and t.i < noun.i:
                out = []
            out.append(t)
        # Possessive pronouns, other numbers and bracketed asides add nothing to the column.
        out = [
            t for t in out if not (t.lower_ in _what_lex().drop_poss and t.dep_ == "poss" and t.i < noun.i)
        ]
        out = [t for t in out if not (t.like_num and t.i < noun.i and t.dep_ in ("nummod", "quantmod"))]
        out = self._unbracketed(out)
        out = self._trim(self._bounded(out, noun, limit))
        return self._join(out) or noun.text

    def _unbracketed(self, toks: list[Token]) -> list[Token]:
        """``toks`` without bracketed asides: "Gross Domestic Product (GDP) estimate"."""
        out: list[Token] = []
        depth = 0
        for t in toks:
            if t.text in ("(", "["):
                depth += 1
            elif t.text in (")", "]"):
                depth = max(0, depth - 1)
            elif depth == 0:
                out.append(t)
        return out

    def _join(self, toks: list[Token]) -> str:
        """Tokens as text, spaced as written, with a space where a token was left out."""
        parts: list[str] = []
        for k, t in enumerate(toks):
            parts.append(t.text)
            if k + 1 < len(toks):
                parts.append(t.whitespace_ or (" " if toks[k + 1].i != t.i + 1 else ""))
        return "".join(parts).strip()

    def _cap(self, text: str) -> str:
        """A composed phrase cut to the word limit, without a dangling function word."""
        words = text.split()[: _what_lex().max_words]
        while words and words[-1].lower() in _DANGLING:
            words.pop()
        return " ".join(words)

    def _compose(self, *parts: str) -> str:
        """Phrases joined while they fit the word limit; a part that does not fit is left out
        whole rather than cut."""
        out: list[str] = []
        for part in parts:
            if not part:
                continue
            if out and len(" ".join([*out, part]).split()) > _what_lex().max_words:
                break
            out.append(part)
        return self._cap(" ".join(out))

    # ------------------------------------------------------------------ per
    def _per(self, span: Span, noun: Token | None) -> str | None:
        doc = self.doc
        starts = [span.end]
        if noun is not None and noun.i >= span.end:
            starts.append(noun.i + 1)
        window = self.lex.knobs["per_window"]
        for s in starts:
            if s + 1 >= len(doc) or s > span.end + window:
                continue
            w, n = doc[s], doc[s + 1]
            if w.lower_ in _RATE_WORDS:
                low = n.lower_
                lemma = n.lemma_.lower()
                if low in self.lex.time_units:
                    return lemma if lemma in self.lex.time_units else low
                if lemma in _PER_NOUNS or low in self.lex.unit_nouns:
                    return lemma
            if w.lower_ in ("daily", "annually", "monthly", "weekly", "yearly"):
                return {
                    "daily": "day",
                    "annually": "year",
                    "yearly": "year",
                    "monthly": "month",
                    "weekly": "week",
                }[w.lower_]
        return None

    # ------------------------------------------------------------------ source
    def _source(self, start: int, end: int, span: Span, sent: Span) -> str | None:
        for st in self.statements:
            if st.start <= start and end <= st.end and st.speaker:
                return self._tidy_source(st.speaker, st.start)
        # "According to the World Food Programme".
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                obj = next((c for c in self.doc[t.i + 1].children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return self._tidy_source(self._name(obj), obj.idx)
        # A reporting verb governing the number: "A Ukrainian official said at least 5,000 ...".
        node: Token | None = self._head(span)
        steps = 0
        while node is not None and steps < 12:
            # "citing a minister's remarks that ...": the owner of a reporting noun.
            if node.pos_ == "NOUN" and node.lower_ in _source_lex().reporting_nouns and node.i < span.start:
                owner = next((c for c in node.children if c.dep_ == "poss"), None)
                if owner is None:
                    owner = next(
                        (
                            g
                            for c in node.children
                            if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from", "of")
                            for g in c.children
                            if g.dep_ == "pobj" and g.i < span.start
                        ),
                        None,
                    )
                if owner is not None and owner.pos_ != "PRON":
                    return self._tidy_source(self._name(owner), owner.idx)
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in self.lex.reporting_verbs:
                subj = self._subject(node)
                # "the UN, which said ...": the relative pronoun stands for the noun it follows.
                if subj is not None and subj.tag_ in ("WDT", "WP") and node.dep_ == "relcl":
                    subj = node.head
                if subj is not None and not (subj.left_edge.i <= span.start <= subj.right_edge.i):
                    return self._tidy_source(self._name(subj), subj.idx)
            if node.head.i == node.i:
                break
            node = node.head
            steps += 1
        return None

    def _tidy_source(self, src: str, pos: int) -> str | None:
        """The source as a reader would name it: pronouns and definite descriptions resolved
        to the person or body the article names, the owner of "data from ...", and no bare
        pronoun or stray number."""
        lex = _source_lex()
        # A live blog's time stamp ("27 Jul 2022 16.34") is parsed into the sentence after it.
        text = re.sub(r"['’]s$", "", _TIMESTAMP.sub("", src.strip()))
        if not re.search(r"[A-Za-z]", text):
            return None
        low = text.lower()
        if low in _any_pronoun():
            return self._resolve_pronoun(low in pronouns("person"), pos)
        if re.search(r"\d", text) and not re.search(r"[A-Z]", text):
            return None
        # "data from the Russian Defense Ministry", "the ministry's briefing".
        adj = r"(?:the\s+|new\s+|latest\s+|daily\s+|official\s+)*"
        m = re.match(rf"^{adj}(?:{lex.nouns_alt})\s+(?:from|by|of)\s+(.+)$", text, re.I)
        if m is None:
            m = re.match(rf"^(.+?)['’]s?\s+{adj}(?:{lex.nouns_alt})$", text, re.I)
        if m is not None:
            return self._tidy_source(m.group(1), pos)
        # "the head of the European Council Charles Michel": the name, not the title.
        for ent in self._people():
            name = re.sub(r"['’]s$", "", ent.text)
            lead = text.split(name)[0] if name in text else ""
            # Only after a description ("the head of the European Council Charles Michel",
            # "central bank governor Kyrylo Shevchenko"), not inside a longer name.
            if name != text and re.search(r"(?:^|\s)(?:[a-z]\S*|The)\s", lead):
                return name
        if low.startswith("the "):
            return self._described_person(text, pos) or text
        return text

    def _resolve_pronoun(self, person: bool, pos: int) -> str | None:
        """A pronoun source: the latest earlier named speaker of its kind, else the latest
        earlier name of its kind; else no source rather than a bare pronoun."""
        people = {re.sub(r"['’]s$", "", e.text) for e in self._people()}
        for st in sorted(self.statements, key=lambda st: st.start, reverse=True):
            sp = st.speaker
            if st.start >= pos or not sp or sp.lower() in _any_pronoun():
                continue
            if sp.lower().startswith("the "):
                # "the head of the committee said ... he added": the title's person, if known.
                sp = self._described_person(sp, st.start) or sp
            if sp[:1].islower() or sp.lower().startswith(("the ", "a ", "an ")):
                continue
            if (sp in people or any(sp in p or p in sp for p in people)) == person:
                return sp
        want = ("PERSON",) if person else ("ORG", "GPE", "NORP")
        for ent in reversed(self.doc.ents):
            if ent.end_char <= pos and ent.label_ in want:
                return re.sub(r"['’]s$", "", ent.text)
        return None

    def _people(self) -> list[Span]:
        if self._people_cache is None:
            self._people_cache = [e for e in self.doc.ents if e.label_ == "PERSON" and len(e) >= 2]
        return self._people_cache

    def _described_person(self, desc: str, pos: int) -> str | None:
        """The named person a definite description stands for: "the Investigative Committee
        chief" is the person the article introduces as "the head of Russia's Investigative
        Committee, Alexander Bastrykin".  Matched on shared words (title words folded), the
        title word required; the nearest earlier mention wins ties."""
        lex = _source_lex()
        words = _content_words(desc, lex)
        if len(words) < 2:
            return None
        head_part = re.split(r"\s+of\s+", desc, maxsplit=1)[0]
        title = _content_words(head_part, lex)
        title_word = title[-1] if title else None
        best: tuple[int, int, str] | None = None
        contexts = self._title_contexts() + [
            (name, 0, set(_content_words(d, lex))) for d, name in self._resolved.items()
        ]
        for name, at, ctx in contexts:
            shared = set(words) & ctx
            if title_word not in ctx or len(shared) < lex.min_overlap:
                continue
            key = (len(shared), -abs(pos - at) if at <= pos else -10 * abs(pos - at))
            if best is None or key > best[:2]:
                best = (*key, name)
        if best is not None:
            return best[2]
        if desc in self._resolved:
            return self._resolved[desc]
        # A title first and the bare name later ("the head of Russia's Investigative Committee
        # said ... Alexander Bastrykin told ..."): a reader takes the one named speaker the
        # article never introduces with a title of their own to be the person described.
        if title_word not in _titles():
            return None
        described = {name for name, _, ctx in self._title_contexts() if ctx}
        people = {re.sub(r"['’]s$", "", e.text) for e in self._people()}
        bare = {
            st.speaker
            for st in self.statements
            if st.speaker in people and not st.role and st.speaker not in described
        }
        if len(bare) != 1:
            return None
        name = next(iter(bare))
        # The title must come first, with the name shortly after it, and the name must be the
        # next speaker the article names: a title used after a name ("Putin said ... the
        # defence minister said") is someone else.
        first_desc = min([st.start for st in self.statements if st.speaker == desc] + [pos])
        first_name = self.text.find(name)
        window = self.lex.knobs["title_name_window_chars"]
        if not 0 <= first_name - first_desc <= window:
            return None
        later = [st for st in sorted(self.statements, key=lambda st: st.start) if st.start > first_desc]
        for st in later:
            sp = st.speaker or ""
            if sp == name:
                self._resolved[desc] = name
                return name
            if sp == desc or sp.lower() in pronouns("person") or sp[:1].islower():
                continue
            return None
        return None

    def _title_contexts(self) -> list[tuple[str, int, set[str]]]:
        """Each named person with the words the article uses to describe them: titles before
        the name, an apposition either side, and the roles statements give them."""
        if self._contexts is not None:
            return self._contexts
        lex = _source_lex()
        out: list[tuple[str, int, set[str]]] = []
        for ent in self._people():
            name = re.sub(r"['’]s$", "", ent.text)
            root = ent.root
            toks = [t for t in root.subtree if not (ent.start <= t.i < ent.end) and t.dep_ != "relcl"]
            if root.dep_ == "appos":
                toks += [t for t in root.head.subtree if not (ent.start <= t.i < ent.end)]
            # Titles the parser left outside the name's subtree: "Investigative Committee chief X".
            # Not past the start of the name's (orthographic) sentence.
            bounds = sentence_at(self.parsed.sents, ent.start_char)
            sent_start = ent.start_char if bounds is None else bounds[0]
            k = ent.start - 1
            while (
                k >= 0
                and self.doc[k].idx >= sent_start
                and (self.doc[k].pos_ in ("PROPN", "NOUN") or self.doc[k].tag_ == "POS")
            ):
                toks.append(self.doc[k])
                k -= 1
            words = set(_content_words(" ".join(t.text for t in toks[:40]), lex))
            if words:
                out.append((name, ent.start_char, words))
        for st in self.statements:
            if st.speaker and st.role:
                out.append((st.speaker, st.start, set(_content_words(st.role, lex))))
        self._contexts = out
        return out

    def _subject(self, verb: Token) -> Token | None:
        for _ in range(3):
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
            if verb.dep_ in ("advcl", "xcomp", "conj", "ccomp") and verb.head.i != verb.i:
                verb = verb.head
            else:
                break
        return None

    def _name(self, tok: Token) -> str:
        low = tok.lower_
        if low in _any_pronoun():
            return low
        # "Russia's foreign minister, Sergei Lavrov": the name in apposition.
        if tok.pos_ == "NOUN":
            named = next((c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if named is not None:
                ent = next((e for e in self.doc.ents if e.start <= named.i < e.end), None)
                if ent is not None:
                    return re.sub(r"['’]s$", "", ent.text)
        # The name without trailing clauses and appositions: stop at the first comma, bracket
        # or relative pronoun after the head ("Samantha Power, the administrator of ...").
        out: list[Token] = []
        for t in tok.subtree:
            if t.i > tok.i and (t.text in (",", "(", "—", "–") or t.tag_ in ("WDT", "WP")):
                break
            if t.i < tok.i and t.text in (",",):
                out = []
                continue
            out.append(t)
        words = [t for t in out if not (t.i == out[0].i and t.lower_ == "the")]
        text = "".join(t.text_with_ws for t in words).strip()
        return text or tok.text

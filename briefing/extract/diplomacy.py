"""Diplomacy extractor: sentences that report acts between states and international bodies.

Each orthographic sentence (see :mod:`briefing.extract.sentences`) is typed with the PLOVER
non-violent categories from cue rules kept as data in ``lexicons/diplomacy_cues.txt``:
*strong* cues report the act, *weak* cues (a bare mention of ``talks`` or ``sanctions``) count
only when nothing stronger fired, and *block* rules veto a type (stalled talks are no CONSULT,
a denial is no REJECT, a passing mention of sanctions is no SANCTION).  A sentence may carry
several types and yields at most one item per type.

Actors come from :mod:`briefing.extract.actors`: names, demonyms before agent nouns and people
mapped to the state they act for.  Where a sentence names no actor itself, simple anaphora is
resolved from the article: ``he``/``the minister`` → the latest official, ``they``/``the sides``
→ the latest item's actors, ``the deal`` → the parties of the latest agreement, and a quote
sentence takes its speaker from the attribution that closes the quote.  A sentence with a cue
but no actor at all (a battlefield report, domestic politics) yields nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..lexicons import load_list
from ..models import Diplomacy, Statement
from . import ParsedArticle
from .actors import Mention, dedupe, find_mentions, find_place, learn_people
from .sentences import sentence_spans

TYPES = (
    "CONSULT", "AGREE", "REQUEST", "SUPPORT", "COOPERATE", "AID",
    "CONCEDE", "RETREAT", "ACCUSE", "REJECT", "THREATEN", "SANCTION",
)
KINDS = ("strong", "weak", "block")

_PERSON_PRONOUN_RE = re.compile(r"\b(?:he|she|his|her)\b|^(?:He|She|His|Her)\b", re.I)
_OFFICIAL_RE = re.compile(
    r"\bthe\s+(?:minister|president|negotiator|spokesman|spokeswoman|spokesperson|ministry|"
    r"leader|prime\s+minister|foreign\s+minister|secretary\s+general|chancellor|envoy)\b",
    re.I,
)
_GROUP_RE = re.compile(
    r"\b(?:they|them|their|the\s+sides|both\s+sides|all\s+sides|both\s+parties|the\s+parties|"
    r"the\s+(?:two|three|four)\s+(?:countries|nations|sides|parties|leaders)|both\s+countries|"
    r"each\s+other)\b",
    re.I,
)
_DEAL_RE = re.compile(
    r"\b(?:the|this|that|[a-z]+day's)\s+(?:\w+\s+)?(?:deal|agreement|accord|arrangement|initiative)\b", re.I
)
_TALKS_RE = re.compile(r"\bthe\s+(?:\w+\s+)?(?:talks|meeting|signing|summit|visit)\b", re.I)
_CONDITIONAL_RE = re.compile(
    r"\b(?:if|unless|provided\s+that|on\s+condition|only\s+after|as\s+long\s+as)\b", re.I
)
_PROPOSED_RE = re.compile(
    r"\b(?:propos\w+|offer\w*|draft|potential|suggest\w*|put\s+forth|plan\w*\s+to)\b", re.I
)
_AGREED_RE = re.compile(r"\b(?:agreed|signed|sealed|struck|reached|finali[sz]ed|approved|consensus)\b", re.I)
# "X told Y" is a consultation when Y is a state or a person acting for one ("Putin told Erdogan").
_TOLD_RE = re.compile(r"\btold\s+(?:(?:his|her|their)\s+(?:\w+\s+)?counterparts?,?\s+)?([A-Z][\w'\u2019.-]*)")
_PLACE_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_CONDITIONAL_TYPES = frozenset({"CONCEDE", "AGREE", "REQUEST", "THREATEN", "COOPERATE", "RETREAT"})


@dataclass(frozen=True)
class CueRules:
    """Compiled cue rules: type → kind → patterns."""

    rules: dict[str, dict[str, tuple[re.Pattern[str], ...]]]

    def classify(self, sentence: str) -> list[str]:
        """The types a sentence reports, in ``TYPES`` order."""
        s = fold_quotes(sentence)
        hit = {k: {t for t in TYPES if any(p.search(s) for p in self.rules[t][k])} for k in KINDS}
        strong = hit["strong"] - hit["block"]
        types = strong or (hit["weak"] - hit["block"])
        # Supplies named in an accusation or a warning are its subject, not an aid act.
        if "AID" in types and types & {"ACCUSE", "THREATEN"}:
            types = types - {"AID"}
        return [t for t in TYPES if t in types]


@lru_cache(maxsize=1)
def cue_rules() -> CueRules:
    table: dict[str, dict[str, list[re.Pattern[str]]]] = {t: {k: [] for k in KINDS} for t in TYPES}
    for line in load_list("diplomacy_cues.txt"):
        typ, kind, pattern = line.split(None, 2)
        if typ not in table or kind not in KINDS:
            raise ValueError(f"diplomacy_cues.txt: bad rule {line!r}")
        table[typ][kind].append(re.compile(pattern, re.I))
    return CueRules({t: {k: tuple(v) for k, v in ks.items()} for t, ks in table.items()})


def fold_quotes(s: str) -> str:
    """Curly quotes to straight ones, so cue patterns need one spelling."""
    return s.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'})


@dataclass
class _Context:
    """What earlier sentences of the article tell about who ``he``, ``they`` or ``the deal`` is."""

    last_official: str | None = None
    prev_actors: tuple[str, ...] = ()
    last_item_actors: tuple[str, ...] = ()
    deal_actors: tuple[str, ...] = ()
    last_place: str | None = None
    history: list[tuple[str, ...]] = field(default_factory=list)


def extract(
    parsed: ParsedArticle,
    statements: Sequence[Statement] = (),
    *,
    context_window: int = 2,
) -> Iterator[Diplomacy]:
    """Diplomacy items of one article, in text order."""
    text = parsed.text
    spans = sentence_spans(text, parsed.article.body_start)
    people = learn_people(text, [(e.start_char, e.end_char) for e in parsed.doc.ents if e.label_ == "PERSON"])
    rules = cue_rules()
    ctx = _Context()
    own: list[tuple[Mention, ...]] = []
    for s, e in spans:
        own.append(tuple(find_mentions(text, s, e, people=people)))
    for i, (s, e) in enumerate(spans):
        sent = text[s:e]
        mentions = own[i]
        actors = list(dedupe(m.actor for m in mentions))
        types = rules.classify(sent)
        actors = _resolve(sent, actors, mentions, ctx, statements, s, e, people)
        if "CONSULT" not in types and len(actors) > 1 and _tells_state(sent, s, mentions):
            types = ["CONSULT", *types]
        if types and not actors:
            actors = list(_quote_speaker(text, spans, own, i, context_window))
        if types and not actors and i > 0 and ctx.history and ctx.history[-1]:
            actors = list(ctx.history[-1])
        _update(ctx, mentions, tuple(actors))
        if not types or not actors:
            continue
        place = find_place(text, s, e)
        if place is None and types[0] in _PLACE_TYPES and _TALKS_RE.search(sent):
            place = ctx.last_place
        if place:
            ctx.last_place = place
        ctx.last_item_actors = tuple(actors)
        # The parties of the latest agreement are who "the deal" later refers to.
        if ("AGREE" in types or "COOPERATE" in types) and (
            len(actors) > len(ctx.deal_actors) or ("AGREE" in types and len(actors) > 1)
        ):
            ctx.deal_actors = tuple(actors)
        for t in types:
            yield Diplomacy(t, tuple(actors), place if t in _PLACE_TYPES or place else None,
                            sent, s, e, _status(t, sent))


def _tells_state(sent: str, s: int, mentions: Sequence[Mention]) -> bool:
    """Whether the sentence reports one actor telling another (a head of state, a government)."""
    for m in _TOLD_RE.finditer(sent):
        a, b = s + m.start(1), s + m.end(1)
        if any(mm.kind != "demonym" and mm.start < b and a < mm.end for mm in mentions):
            return True
    return False


def _resolve(
    sent: str,
    actors: list[str],
    mentions: Sequence[Mention],
    ctx: _Context,
    statements: Sequence[Statement],
    s: int,
    e: int,
    people: dict[str, str],
) -> list[str]:
    """Add actors that the sentence names only by pronoun, title or definite reference."""
    out = list(actors)
    has_person = any(m.kind in {"person", "learnt"} for m in mentions)
    refers = _PERSON_PRONOUN_RE.search(sent) or _OFFICIAL_RE.search(sent)
    if ctx.last_official and not has_person and refers:
        out.append(ctx.last_official)
    if len(out) < 2 and _GROUP_RE.search(sent):
        out.extend(ctx.last_item_actors or ctx.prev_actors)
    if len(out) < 2 and _DEAL_RE.search(sent) and ctx.deal_actors:
        out.extend(ctx.deal_actors)
    for st in statements:
        if st.speaker and s <= st.start < e:
            who = f"{st.speaker} {st.role or ''}"
            out.extend(m.actor for m in find_mentions(who, 0, len(who), people=people))
    return list(dedupe(out))


def _quote_speaker(
    text: str, spans: Sequence[tuple[int, int]], own: Sequence[tuple[Mention, ...]], i: int, window: int
) -> tuple[str, ...]:
    """For a sentence inside a quotation, the actors of the sentence that closes it."""
    sent = fold_quotes(text[spans[i][0] : spans[i][1]])
    if sent.count('"') % 2 == 0 and not sent.startswith('"'):
        return ()
    for j in range(i + 1, min(len(spans), i + 1 + window)):
        nxt = fold_quotes(text[spans[j][0] : spans[j][1]])
        if own[j]:
            return tuple(dedupe(m.actor for m in own[j]))
        if '"' in nxt:
            break
    return ()


def _update(ctx: _Context, mentions: Sequence[Mention], actors: tuple[str, ...]) -> None:
    people = [m for m in mentions if m.kind in {"person", "learnt"}]
    if people:
        ctx.last_official = people[-1].actor
    elif any(m.kind == "demonym" for m in mentions):
        ctx.last_official = [m for m in mentions if m.kind == "demonym"][-1].actor
    if actors:
        ctx.prev_actors = actors
    ctx.history.append(actors)


def _status(typ: str, sent: str) -> str | None:
    if typ == "REJECT":
        return "rejected"
    if typ in _CONDITIONAL_TYPES and _CONDITIONAL_RE.search(sent):
        return "conditional"
    if typ == "AGREE" and _AGREED_RE.search(sent):
        return "agreed"
    if typ in {"CONCEDE", "CONSULT", "AGREE", "RETREAT"} and _PROPOSED_RE.search(sent):
        return "proposed"
    return None

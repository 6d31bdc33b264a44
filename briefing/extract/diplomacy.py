"""Diplomacy extractor: sentences that report acts between states and international bodies.

Each orthographic sentence (see :mod:`briefing.extract.sentences`) is typed with the PLOVER
non-violent categories in two layers:

* **Surface cues** (``lexicons/diplomacy_cues.txt``) propose candidate acts: *strong* cues
  report the act, *weak* cues (a bare mention of ``talks`` or ``sanctions``) count only when
  nothing stronger fired, and *block* rules veto a type (stalled talks are no CONSULT).
* **Reading the parse** (``lexicons/diplomacy_frames.txt``): the spaCy dependency parse in
  ``ParsedArticle.doc`` decides whether a candidate is the act the sentence reports and adds
  acts the surface cannot see.  A candidate inside the complement of a governing predicate of
  another type is its content, not an act (``warned X against providing weapons`` is no AID);
  contacts need an actor as partner (``spoke to NBC News`` is no CONSULT); an agentless
  passive accusation of a person or a court case is no ACCUSE; ``declined to provide details``
  is no REJECT.  Frames add AID (a transfer verb or an amount whose object is aid), ACCUSE
  (loaded wording in the voice of a state actor, legal charges against a state's forces),
  AGREE (a deal's terms), COOPERATE (a joint body set up), THREATEN (taking territory or
  striking back announced as an intention), CONCEDE/CONSULT (offers; a mediator's proposal),
  REQUEST (seeking guarantees; a state saying another state should or must act) and SUPPORT
  (backing earned or expressed); AID also from a state as recipient (``supplying Ukraine``) or
  materiel received from a state; CONSULT from an official travelling to another state; ACCUSE
  from loaded verbs aimed at a state (``pump up Ukraine with weapons``), from another state
  said to be responsible (``Russia is responsible for the deaths``, in a state's voice), from
  another state's act made the cause of harm (``Russia's blockade made shipments unviable``)
  and from wrongs an official lists (``a list of their sins``).
* **Not diplomacy**: a state addressing its own people (``urged Latvians not to travel``), an
  appeal to voters, a call voiced by media or propaganda, an official "asked to comment", an
  interview given over a video call, a meeting with one's own officials or family, a group of
  no state discussing, criticism of a practice rather than an actor, and domestic crimes
  (treason, collaboration) are dropped.
* **Article context**: for a few sentences after an agreement, a sentence that states its
  terms or workings without naming it (``Ships will be inspected``, ``It also allows``) is an
  AGREE of the agreement's parties.

Each type's rules are gated by one alternation of them all, so a sentence runs only the rules
of the types whose cues it can hold.

A sentence may carry several types and yields at most one item per type.

Actors come from :mod:`briefing.extract.actors`: names, demonyms before agent nouns and people
mapped to the state they act for.  Where a sentence names no actor itself, simple anaphora is
resolved from the article: ``he``/``the minister`` → the latest official, ``they``/``the sides``
→ the latest item's actors, ``the deal`` → the parties of the latest agreement, ``the plan`` →
who put it forward, ``all parties`` with no agreement yet → the parties of the war, and a quote
sentence takes its speaker from the attribution that closes the quote.  An accuser who only
points back (``the move was punishment``, ``their sins``, a quote naming no one) accuses who
the sentences just before named.  The speaker of a
statement is an actor of the acts made in its voice (the accuser of an accusation).  A
sentence with a cue but no actor at all (a battlefield report, domestic politics) yields
nothing.

Bystanders are left out per type: a speaker who only reports another party's act (``Russia
agreed ..., a U.S. diplomat said``), the parties of "the deal" in a reaction to it (``the White
House welcomed the deal``), the state a hostile act is done to in an accusation or warning
about it (``accused the West of pumping Ukraine with weapons``) and the audience of an
accusation (``told Danish parliamentarians``).  A demonym names the accused only before a
force or hostile act (``Russian strikes``, not ``Ukrainian territory``); a refusal with one
actor answers whoever the previous sentence named with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lexicons import load_list, load_set
from ..models import Diplomacy, Statement
from . import ParsedArticle
from .actors import (
    Mention,
    agent_nouns,
    dedupe,
    find_mentions,
    find_place,
    known_demonym,
    learn_people,
    plural_demonyms,
)
from .speakers import pronouns

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

TYPES = (
    "CONSULT",
    "AGREE",
    "REQUEST",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "SANCTION",
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
# Both parties of the conflict the article reports, whoever was named last.
_BOTH_RE = re.compile(
    r"\b(?:both\s+sides|both\s+parties|the\s+two\s+sides|the\s+warring\s+(?:sides|parties)|each\s+other|"
    r"one\s+another|trade[ds]?\s+(?:\w+\s+)?(?:blame|accusations))\b",
    re.I,
)
_ALL_PARTIES_RE = re.compile(
    r"\b(?:all\s+(?:of\s+the\s+)?(?:sides|parties)|the\s+(?:three|four|five)\s+parties|parties\s+to\s+the\s+(?:deal|agreement))\b",
    re.I,
)
# Two parties referred to as a pair: the latest item's, else the article's two main actors.
_PAIR_RE = re.compile(
    r"\b(?:the\s+two\s+(?:countries|nations|states|sides|leaders|governments)|both\s+countries)\b", re.I
)
_DEAL_RE = re.compile(
    r"\b(?:the|this|that|[a-z]+day's)\s+(?:\w+\s+)?(?:deal|agreement|accord|arrangement|initiative)\b", re.I
)
# A plan referred back to, and a sentence that puts one forward (its proposer is who "the plan"
# later points to).
_PLAN_RE = re.compile(
    r"\b(?:the|this|that|its|his|their)\s+(?:\w+\s+)?(?:plan|proposals?|initiative|peace\s+formula|roadmap|offer)\b",
    re.I,
)
_PROPOSER_RE = re.compile(
    r"\b(?:propos\w+|offer\w*|put\s+forward|unveil\w*|present\w*|drew\s+up|draft\w*)\b", re.I
)
_PROPOSAL_TYPES = frozenset({"CONCEDE", "CONSULT", "REQUEST", "AGREE", "RETREAT"})
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
# Types whose act is a material transfer or measure: inside a warning, a call, a refusal or a
# charge, or given as a cause, they are the topic of that act rather than an act themselves.
_EMBEDDED_TYPES = frozenset({"AID", "SANCTION", "CONSULT"})
# Acts made in a speaker's voice: the speaker is one of their actors (the accuser, the asker).
_VOICE_TYPES = frozenset({"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT"})
# Acts that answer another party: with one actor named, the other is who the previous
# sentence named alongside it.
_PARTNER_TYPES = frozenset({"REJECT"})
# Acts about what a third party does to a state: that state is no party to them.
_BLAME_TYPES = frozenset({"ACCUSE", "THREATEN"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Sentences after a quote searched for its speaker ("... ," he said. / Lavrov said.).
_QUOTE_WINDOW = 2


@dataclass(frozen=True)
class CueRules:
    """Compiled cue rules: type → kind → patterns."""

    rules: dict[str, dict[str, tuple[re.Pattern[str], ...]]]
    # One alternation of every rule of a type: most sentences hold cues of few types, so one
    # search per type decides which rules need running at all (the keyword prefilter).
    gates: dict[str, re.Pattern[str] | None] = field(default_factory=dict)

    def matches(self, sentence: str) -> list[tuple[str, str, int, int]]:
        """Every cue match as ``(type, kind, start, end)``, offsets into ``sentence``."""
        s = fold_quotes(sentence)
        out: list[tuple[str, str, int, int]] = []
        for t in TYPES:
            gate = self.gates.get(t)
            if gate is not None and not gate.search(s):
                continue
            out.extend(
                (t, k, m.start(), m.end()) for k in KINDS for p in self.rules[t][k] for m in p.finditer(s)
            )
        return out


def combine(hits: Sequence[tuple[str, str, int, int]], extra: set[str]) -> list[str]:
    """Types from surviving cue hits plus parse frames (``extra``, strong), blocks applied."""
    by_kind = {k: {t for t, kk, _, _ in hits if kk == k} for k in KINDS}
    strong = (by_kind["strong"] | extra) - by_kind["block"]
    types = strong or (by_kind["weak"] - by_kind["block"])
    return [t for t in TYPES if t in types]


@lru_cache(maxsize=1)
def cue_rules() -> CueRules:
    table: dict[str, dict[str, list[re.Pattern[str]]]] = {t: {k: [] for k in KINDS} for t in TYPES}
    for line in load_list("diplomacy_cues.txt"):
        typ, kind, pattern = line.split(None, 2)
        if typ not in table or kind not in KINDS:
            raise ValueError(f"diplomacy_cues.txt: bad rule {line!r}")
        table[typ][kind].append(re.compile(pattern, re.I))
    gates: dict[str, re.Pattern[str] | None] = {}
    for t, ks in table.items():
        pats = [p.pattern for k in KINDS for p in ks[k]]
        gates[t] = re.compile("|".join(f"(?:{p})" for p in pats), re.I) if pats else None
    return CueRules({t: {k: tuple(v) for k, v in ks.items()} for t, ks in table.items()}, gates)


@lru_cache(maxsize=1)
def frames() -> dict[str, frozenset[str]]:
    """Word classes of ``diplomacy_frames.txt``: class name → lowercase words."""
    out: dict[str, set[str]] = {}
    for line in load_list("diplomacy_frames.txt"):
        cls, sep, words = line.partition(":")
        if not sep or not words.split():
            raise ValueError(f"diplomacy_frames.txt: bad line {line!r}")
        out.setdefault(cls.strip(), set()).update(w.lower() for w in words.split())
    return {k: frozenset(v) for k, v in out.items()}


def _fr(cls: str) -> frozenset[str]:
    """One word class; unknown classes are empty (the lexicon may drop a class)."""
    return frames().get(cls, _EMPTY)


_EMPTY: frozenset[str] = frozenset()


def fold_quotes(s: str) -> str:
    """Curly quotes to straight ones, so cue patterns need one spelling."""
    return s.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'})


# ---------------------------------------------------------------------------------------------
# Reading the parse


@dataclass
class _View:
    """One sentence with its tokens, actor mentions and the actors whose voice it is."""

    text: str
    s: int
    e: int
    tokens: Sequence[Token]
    mentions: Sequence[Mention]
    people: dict[str, str]
    voices: list[tuple[int, int, tuple[str, ...]]]  # spans of speech with their speakers' actors
    context_actor: str | None = None
    targets: tuple[str, ...] = ()  # states named by any demonym ("the Russian offensive")
    accused: tuple[str, ...] = ()  # states named by a demonym before a force or hostile act
    recent: tuple[str, ...] = ()  # actors of the latest earlier sentence that named any
    stated: bool = False  # a speaker's attribution names the voice (not guessed from context)
    _places: list[Mention] | None = None

    @property
    def places(self) -> Sequence[Mention]:
        """Mentions with place names kept ("visited Kyiv"); computed only when a contact needs them."""
        if self._places is None:
            self._places = find_mentions(self.text, self.s, self.e, people=self.people, keep_places=True)
        return self._places

    def tokens_in(self, a: int, b: int) -> list[Token]:
        """Tokens overlapping file offsets ``[a, b)``."""
        return [t for t in self.tokens if t.idx < b and t.idx + len(t.text) > a and not t.is_space]

    def actors_under(self, tok: Token, *, with_places: bool = False) -> list[str]:
        """Actors mentioned in the subtree of ``tok``."""
        a, b = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
        pool = self.places if with_places else self.mentions
        return list(dedupe(m.actor for m in pool if a <= m.start and m.end <= b))

    def voice_at(self, tok: Token) -> tuple[str, ...]:
        """Actors whose statement holds ``tok``, else those of a reporting verb governing it."""
        for a, b, actors in self.voices:
            if a <= tok.idx < b and actors:
                return actors
        for anc in tok.ancestors:
            if anc.lemma_.lower() in _reporting_verbs():
                subj = [c for c in anc.children if c.dep_ in _SUBJECTS]
                found = [x for c in subj for x in self.actors_under(c)]
                if found:
                    return tuple(dedupe(found))
        return ()


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    return load_set("reporting_verbs.txt")


@lru_cache(maxsize=1)
def _pronoun_subjects() -> frozenset[str]:
    """Subjects that name an actor only by reference: personal and relative pronouns."""
    return pronouns("person") | pronouns("group") | {"who", "which", "that"}


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _word(t: Token) -> str:
    return t.lower_


def _head_token(toks: Sequence[Token]) -> Token | None:
    """The highest token of a stretch: the one with the fewest ancestors."""
    return min(toks, key=lambda t: sum(1 for _ in t.ancestors)) if toks else None


def _negated(t: Token) -> bool:
    """Whether ``t`` (or the verb it hangs from) carries a negation."""
    for x in (t, t.head):
        if any(c.dep_ == "neg" or (_word(c) in {"no", "never"} and c.dep_ == "det") for c in x.children):
            return True
    return False


def _governor(t: Token, typ: str) -> str | None:
    """The type of a governing predicate (or ``"causal"``) whose complement holds ``t``."""
    for anc in t.ancestors:
        w, lem = _word(anc), _lemma(anc)
        if w in _fr("causal") or lem in _fr("causal"):
            return "causal"
        # A strike on supplied weapons is a battlefield report, a conditional clause a premise.
        if lem in _fr("destroy"):
            return "destroy"
        if anc.dep_ == "advcl" and any(_word(c) in {"if", "unless"} for c in anc.children):
            return "conditional"
        for f in ("THREATEN", "REQUEST", "REJECT", "ACCUSE"):
            if f != typ and lem in _fr(f"govern.{f}") and anc.pos_ in {"VERB", "NOUN"}:
                # "call" as a noun is a governor only as a call *for* something.
                if anc.pos_ == "NOUN" and not any(_word(c) in {"for", "to", "against"} for c in anc.children):
                    continue
                return f
    return None


def _args(t: Token) -> list[Token]:
    """Objects of a predicate: direct objects and the objects of its prepositions."""
    out: list[Token] = []
    for c in t.children:
        if c.dep_ in {"dobj", "dative", "attr"}:
            out.append(c)
        elif c.dep_ in {"prep", "agent"} and _word(c) in {"to", "with", "by", "between", "for"}:
            out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


def _subject_actors(v: _View, t: Token) -> list[str]:
    """Actors of the subject of ``t``'s clause (climbing xcomp/conj to find one)."""
    x: Token | None = t
    for _ in range(4):
        if x is None:
            break
        subj = [c for c in x.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj:
            found = [a for c in subj for a in v.actors_under(c)]
            if not found and any(_word(c) in _pronoun_subjects() for c in subj) and v.context_actor:
                found = [v.context_actor]
            return found
        x = x.head if x.dep_ in {"xcomp", "conj", "advcl", "acomp", "ccomp"} and x.head is not x else None
    return []


def _keep_hit(typ: str, a: int, b: int, v: _View) -> bool:
    """Whether a cue hit is the act the sentence reports (file offsets ``[a, b)``)."""
    toks = v.tokens_in(a, b)
    head = _head_token(toks)
    if head is None:
        return True
    governor = _governor(head, typ) if typ in _EMBEDDED_TYPES else None
    # Talks are the content of a call or a charge ("not allowing Kiev to discuss peace"); a
    # meeting dated or explained by another clause still took place.
    if governor and (typ != "CONSULT" or (governor in TYPES and not _setting_of(head))):
        return False
    # Talks a state wants ("wants ... the resumption of talks") are asked for, not held.
    if typ == "CONSULT" and not _setting_of(head) and any(_lemma(a) in _fr("wish") for a in head.ancestors):
        return False
    lems = {_lemma(t) for t in toks}
    # "won't be supplying oil to countries that ..." is a threat because of its negation.
    refusal = typ == "THREATEN" and (_lemma(head) in _fr("aid.verb") or _lemma(head) == "export")
    if typ not in {"REJECT", "ACCUSE"} and not refusal and _negated_act(head):
        return False
    if typ == "CONCEDE" and "offer" in lems:
        return any(_offer_type(t, v) for t in toks if _lemma(t) == "offer")
    if typ == "AGREE":
        if _dated(head) or not _agree_subject_ok(toks, v):
            return False
        if any(_lemma(t) in _fr("deal") and _deal_terms(t) and _joint_terms(t) for t in toks):
            return False
        deals = [t for t in toks if t.pos_ == "NOUN" and _lemma(t) in _fr("deal") and t.dep_ in _SUBJECTS]
        if deals and len(toks) > 1 and _head_token(toks) in deals:
            # "The deal signed by Moscow and Kyiv ..., is seen as crucial": the participle
            # reports the signing, whatever the main clause says of the deal.
            made = any(
                c.dep_ == "acl"
                and _lemma(c) in _fr("deal.made")
                and any(g.dep_ == "agent" for g in c.children)
                for t in deals
                for c in t.children
            )
            return made or any(_deal_terms(t) for t in deals)
    if typ == "THREATEN" and not _threat_ok(toks, v):
        return False
    if typ == "CONSULT":
        return _contact_ok(toks, v)
    if typ == "REJECT":
        return _reject_ok(toks, v)
    if typ == "REQUEST" and (_asks_people(toks, v) or _voiceless_request(toks, v)):
        return False
    if typ == "ACCUSE":
        return _accuse_ok(toks, v)
    if typ == "SUPPORT" and lems & {"solidarity", "support"}:
        nouns = [t for t in toks if _lemma(t) in {"solidarity", "support"} and t.pos_ == "NOUN"]
        return not nouns or any(_support_noun_ok(t) for t in nouns)
    if typ == "COOPERATE" and lems & {"tie", "relationship", "partnership"}:
        for t in toks:
            if _lemma(t) in {"tie", "relationship", "partnership"}:
                return any(v.actors_under(o, with_places=True) for o in _args(t)) or bool(
                    [c for c in t.children if c.dep_ == "poss" and v.actors_under(c)]
                )
    return True


def _setting_of(t: Token) -> bool:
    """Whether ``t`` is where or when its clause's act happened ("warned Biden ... in a phone
    call"), not what the act is about."""
    for anc in t.ancestors:
        if anc.pos_ in {"VERB", "AUX"}:
            return False
        if anc.dep_ == "prep" and _word(anc) in {"in", "during", "at", "by", "on"}:
            return True
    return False


def _threat_ok(toks: Sequence[Token], v: _View) -> bool:
    """A threat is made by a state: not a possibility ("others who may threaten us"), not a
    domestic group ("radicals, who threatened to depose the president"), and a warning is no
    threat when addressed to the warner's own citizens ("warned U.S. citizens against travel")."""
    for t in toks:
        lem = _lemma(t)
        if t.pos_ != "VERB" or lem not in {"threaten", "warn"}:
            continue
        if lem == "threaten" and any(
            c.dep_ == "aux" and _word(c) in {"may", "might", "could"} for c in t.children
        ):
            return False
        x = t
        while x.dep_ == "conj" and x.head is not x and not any(c.dep_ == "nsubj" for c in x.children):
            x = x.head  # "destabilise Ukraine and undermine or threaten": the first verb's subject
        subj = [c for c in x.children if c.dep_ == "nsubj"]
        relative = x.dep_ == "relcl" and any(_word(c) in {"who", "which", "that"} for c in subj)
        if relative:
            subj = [x.head]
        own = _actor_head(x.head, v) if relative else [a for c in subj for a in v.actors_under(c)]
        # "Ukrainian troops": a demonym before any noun names the state whose forces threaten.
        own += [a for c in subj for g in c.children if g.dep_ == "amod" and (a := known_demonym(g.text))]
        if (
            subj
            and not own
            and all(_word(c) not in _pronoun_subjects() and c.pos_ in {"NOUN", "PROPN"} for c in subj)
        ):
            return False
        if lem == "warn":
            objs = [a for c in t.children if c.dep_ == "dobj" for a in v.actors_under(c)]
            citizens = any(
                c.dep_ == "dobj" and _lemma(c) in {"citizen", "national", "resident", "people"}
                for c in t.children
            )
            if citizens and own and set(objs) <= set(own):
                return False
    return True


def _agree_subject_ok(toks: Sequence[Token], v: _View) -> bool:
    """A company or broadcaster agreeing to something is no act between states."""
    for t in toks:
        if _lemma(t) != "agree" or t.pos_ != "VERB":
            continue
        for c in t.children:
            if c.dep_ != "nsubj" or v.actors_under(c):
                continue
            if _lemma(c) in _fr("company") or (c.ent_type_ == "ORG" and c.pos_ == "PROPN"):
                return False
    return True


def _negated_act(t: Token) -> bool:
    """A negated predicate, or a noun that is subject or object of one ("the talks had not started")."""
    if t.pos_ in {"VERB", "AUX"}:
        return any(c.dep_ == "neg" for c in t.children)
    if t.dep_ in _SUBJECTS | {"dobj"}:
        return any(c.dep_ == "neg" for c in t.head.children)
    return False


def _contact_ok(toks: Sequence[Token], v: _View) -> bool:
    """A contact (visit, call, talk) needs an actor partner; a visit home is domestic."""
    for t in toks:
        lem = _lemma(t)
        if t.pos_ == "NOUN" and lem in _fr("contact.medium") and not _medium_ok(t, v):
            return False
        if (t.pos_ == "VERB" and lem in _fr("contact.verb")) or (
            t.pos_ == "NOUN" and lem in _fr("contact.noun") and lem == "visit"
        ):
            objs = (
                _args(t)
                if lem != "visit"
                else [*(_args(t)), *(g for c in t.children if _word(c) == "to" for g in c.children)]
            )
            if not objs:
                continue
            partners = [x for o in objs for x in v.actors_under(o, with_places=True)]
            if not partners:
                return False
            if t.pos_ == "VERB":
                # A visit home or a meeting with one's own officials or family is domestic.
                own = (
                    _subject_actors(v, t)
                    if lem == "visit"
                    else [a for c in t.children if c.dep_ == "nsubj" for a in v.actors_under(c)]
                )
                if own and set(partners) <= set(own):
                    return False
        if t.pos_ == "VERB" and lem in _fr("contact.verb") | _fr("talk.verb") and _nonstate_subject(t, v):
            return False
    return True


def _nonstate_subject(t: Token, v: _View) -> bool:
    """A contact whose subject is a group of no state ("the expert community is discussing")."""
    subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subj) and all(
        c.pos_ == "NOUN" and _lemma(c) in _fr("nonstate.group") and not v.actors_under(c) for c in subj
    )


def _criticises_actor(t: Token, v: _View) -> bool:
    """Criticism is an accusation when aimed at another actor or at an act of one ("lambasted
    the Hungarian government"), not at a practice ("criticised mixing with non-Europeans")."""
    own = set(_subject_actors(v, t)) | set(v.voice_at(t))
    objs = [*_args(t), *_preps(t, {"over", "on", "against", "of"})]
    objs += [c for c in t.children if c.dep_ in {"xcomp", "ccomp"}]
    if not objs:
        return True  # "Poland criticised ..." with the target elsewhere in the sentence
    return any(set(v.actors_under(o)) - own or _word(o) in {"him", "them", "her", "it"} for o in objs)


def _medium_ok(t: Token, v: _View) -> bool:
    """A call or link as the means of another act ("interviewed by CNN on a video call",
    "speaking to The Washington Post on a video call") is a contact only with an actor."""
    h = t.head
    if h.dep_ != "prep" or _word(h) not in {"on", "by", "via", "over", "in"}:
        return True
    pred = h.head
    if pred.pos_ not in {"VERB", "AUX"}:
        return True
    if _lemma(pred) in _fr("interview.verb"):
        return False
    # "people could provide details by phone": residents calling are no contact between states.
    subj = [c for c in pred.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subj and all(
        _lemma(c) in _fr("people.noun") | _fr("nonstate.group") and not v.actors_under(c) for c in subj
    ):
        return False
    if _lemma(pred) not in _fr("interview.speak"):
        return True
    objs = _args(pred)
    return not objs or any(v.actors_under(o, with_places=True) for o in objs)


def _asks_people(toks: Sequence[Token], v: _View) -> bool:
    """A call on civilians or residents ("urged residents to stay home") or on the state's own
    people ("Latvia urged Latvians not to travel") is domestic advice."""
    for t in toks:
        if t.pos_ == "NOUN" and _lemma(t) in _fr("govern.REQUEST"):
            # "his appeal to a domestic audience": popularity with voters, no request.
            to = _preps(t, {"to"})
            if to and all(_lemma(o) in _fr("people.noun") for o in to):
                return True
        if t.pos_ != "VERB" or _lemma(t) not in _fr("govern.REQUEST"):
            continue
        objs = [c for c in t.children if c.dep_ == "dobj"]
        objs += [g for c in t.children if c.dep_ == "prep" and _word(c) == "on" for g in c.children]
        if objs and all(_lemma(o) in _fr("people.noun") for o in objs):
            return True
        own = set(_subject_actors(v, t))
        folk = [o for o in objs if _word(o) in plural_demonyms() or o.text in plural_demonyms()]
        if own and objs and len(folk) == len(objs) and {known_demonym(o.text) for o in folk} <= own:
            return True
    return False


def _voiceless_request(toks: Sequence[Token], v: _View) -> bool:
    """A call made by no state: media, propaganda or a commentator ("Kremlin propaganda has
    called for toughness") voice opinions, not a state's request; an official "asked to
    comment" in an interview is asked by a journalist."""
    for t in toks:
        if t.pos_ != "VERB" or _lemma(t) not in _fr("govern.REQUEST"):
            continue
        passive = any(c.dep_ == "auxpass" for c in t.children) and not any(
            c.dep_ == "agent" for c in t.children
        )
        if passive and any(c.dep_ == "xcomp" and _lemma(c) in _fr("undisclosed") for c in t.children):
            return True
        subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj and all(_lemma(c) in _fr("nonstate.voice") for c in subj):
            return True
    return False


def _reject_ok(toks: Sequence[Token], v: _View) -> bool:
    """Refusing to give information or dismissing a claim rejects no proposal."""
    for t in toks:
        lem = _lemma(t)
        if lem in {"decline", "refuse"}:
            for c in t.children:
                if c.dep_ == "xcomp" and _lemma(c) in _fr("undisclosed"):
                    return False
            subj = [c for c in t.children if c.dep_ == "nsubj"]
            if t.dep_ == "relcl" and any(_word(c) in {"who", "that"} for c in subj):
                subj = [t.head]  # "those who refuse to leave": the antecedent refuses
            if (
                subj
                and not any(v.actors_under(c) for c in subj)
                and all(
                    _word(c) not in _pronoun_subjects()
                    and (c.pos_ in {"PROPN", "NOUN"} or _word(c) in _fr("people.quantifier"))
                    for c in subj
                )
            ):
                return False
        if lem in {"dismiss", "reject"} and any(
            c.dep_ == "dobj" and _lemma(c) in _fr("denied") for c in t.children
        ):
            return False
    return True


def _accuse_ok(toks: Sequence[Token], v: _View) -> bool:
    """An accusation needs an accuser: agentless passives about a person and trials are not."""
    for t in toks:
        if _lemma(t) in {"accusation", "allegation", "claim"} and _lemma(t.head) in {
            "deny",
            "reject",
            "dismiss",
        }:
            return False
        # "in case of provocations" names a hypothetical, not a culprit.
        if any(_lemma(a) == "case" and any(_word(c) == "in" for c in [a.head]) for a in t.ancestors):
            return False
        if _lemma(t) in _fr("culpable") and t.pos_ == "ADJ" and t.dep_ in {"acomp", "ROOT"}:
            return _culprit_named(t, v)
        if _lemma(t) in {"accuse", "charge"} and t.tag_ == "VBN":
            passive = t.dep_ in {"acl", "relcl"} or any(c.dep_ == "auxpass" for c in t.children)
            agent = any(c.dep_ == "agent" for c in t.children)
            if passive and not agent:
                return False
    if _judicial(v):
        # A court judging a soldier: only an explicit state accusation counts.
        return any(
            _lemma(t) in {"accuse", "condemn", "blame", "denounce"}
            and (_subject_actors(v, t) or _pair_subject(t))
            for t in toks
        )
    return True


def _culprit_named(t: Token, v: _View) -> bool:
    """ "Russia is responsible for the deaths" blames when another actor says it of a state:
    the subject is an actor other than the speaker's, the claim is not negated, and it is no
    duty ("the ministry is responsible for the corridor" has no voice and names no harm)."""
    pred = t.head if t.dep_ == "acomp" else t
    if _negated(t) or _negated(pred):
        return False
    culprit = [a for c in pred.children if c.dep_ in _SUBJECTS for a in _actor_head(c, v)]
    voice = _stance_voice(pred, v)
    return bool(culprit and voice and not set(culprit) <= set(voice))


def _pair_subject(t: Token) -> bool:
    """A subject naming the parties together: "both countries", "the two sides", "all parties"."""
    return any(
        c.dep_ in _SUBJECTS
        and _lemma(c) in {"country", "side", "party", "nation", "government"}
        and any(_word(d) in {"both", "two", "all"} for d in c.children)
        for c in t.children
    )


def _judicial(v: _View) -> bool:
    """Whether the sentence is about a trial or a domestic crime; a court that is itself an
    actor ("the International Criminal Court") is no trial."""
    return any(
        _lemma(t) in _fr("judicial") and not any(m.start <= t.idx < m.end for m in v.mentions)
        for t in v.tokens
    )


def _support_noun_ok(t: Token) -> bool:
    """Backing or solidarity is an act when expressed, earned or shown, not as a feeling."""
    h = t.head
    if (
        h.dep_ == "prep"
        and _word(h) in {"of", "in"}
        and _word(h.head) not in {"expression", "show", "statement", "message"}
    ):
        return _word(h) == "in" and any(_word(c) == "with" for c in t.children)
    if any(_word(c) == "with" for c in t.children):
        return True
    return _lemma(h) in _fr("support.verb") or _lemma(h) in {"stand", "express"}


def frame_hits(v: _View) -> list[tuple[str, Token]]:
    """Each act the parse shows, with the token that carries it (for inspection and tests)."""
    out: list[tuple[str, Token]] = []
    judicial = _judicial(v)
    for t in v.tokens:
        lem, w = _lemma(t), _word(t)
        if (
            t.pos_ in {"NOUN", "PROPN"}
            and (lem in _fr("aid.noun") or lem in _fr("aid.head"))
            and _aid_ok(t, v)
        ):
            out.append(("AID", t))
        if (
            (lem in _fr("loaded") or w in _fr("loaded"))
            and t.pos_ != "VERB"
            and not judicial
            and _loaded_ok(t, v)
        ):
            out.append(("ACCUSE", t))
        if lem in _fr("legal") and not judicial and _legal_ok(t, v):
            out.append(("ACCUSE", t))
        if t.pos_ == "NOUN" and lem in _fr("deal") and _deal_terms(t) and not _dated(t):
            out.append(("COOPERATE" if _joint_terms(t) else "AGREE", t))
        if t.pos_ == "NOUN" and lem in _fr("mechanism") and _mechanism_ok(t, v):
            out.append(("COOPERATE", t))
        if lem in _fr("conquer") or (t.pos_ == "NOUN" and lem in _fr("conquer.object")):
            typ = _intent_type(t, v)
            if typ:
                out.append((typ, t))
        if lem in _fr("offer") and not _negated(t):
            typ = _offer_type(t, v)
            if typ:
                out.append((typ, t))
        if lem in _fr("ready") and t.pos_ == "ADJ" and not _negated(t):
            talk = [c for c in t.children if c.dep_ == "xcomp" and _lemma(c) in _fr("talk.verb")]
            if talk and not _negated(talk[0]) and _contact_ok(talk, v):
                out.append(("CONSULT", t))
        if lem == "seek" and t.pos_ == "VERB" and not _negated(t):
            objs = [c for c in t.children if c.dep_ == "dobj"]
            if objs and not any(_lemma(o) in _fr("conquer.object") for o in objs) and _subject_actors(v, t):
                out.append(("REQUEST", t))
        critic = lem in _fr("accuse.verb") and t.pos_ == "VERB" and not _negated(t)
        if critic and (_subject_actors(v, t) or v.voice_at(t)) and _criticises_actor(t, v):
            out.append(("ACCUSE", t))
        warns = lem == "warn" and t.pos_ == "VERB" and not _negated(t)
        against = warns and any(c.dep_ == "prep" and _word(c) == "against" for c in t.children)
        if against and _subject_actors(v, t) and _threat_ok([t], v):
            out.append(("THREATEN", t))
        if lem == "agree" and t.pos_ == "VERB" and not _negated(t) and _subject_actors(v, t):
            modal = {_word(c) for c in t.children if c.dep_ == "aux"} & {
                "will",
                "would",
                "could",
                "may",
                "might",
            }
            complement = any(
                c.dep_ in {"xcomp", "ccomp"} or _word(c) in {"on", "to", "upon"} for c in t.children
            )
            if complement and not modal and not _governor(t, "AGREE") and not _dated(t):
                out.append(("AGREE", t))
        if lem == "advise" and any(c.dep_ == "xcomp" for c in t.children) and _subject_actors(v, t):
            out.append(("REQUEST", t))
        if t.pos_ == "NOUN" and lem in _fr("support.noun") and _lemma(t.head) in _fr("support.verb"):
            mods = {_lemma(c) for c in t.children if c.dep_ in {"amod", "compound"}}
            backing_for = any(c.dep_ == "prep" and _word(c) == "for" for c in t.children)
            if (
                not mods & _fr("aid.modifier")
                and not backing_for
                and not _negated(t.head)
                and t.dep_ == "dobj"
            ):
                out.append(("SUPPORT", t))
        aid_verb = t.pos_ == "VERB" and not _negated(t) and not _governor(t, "AID")
        if aid_verb and (_supplies_state(t, v) or _receives_aid(t, v)):
            out.append(("AID", t))
        if (
            lem in _fr("loaded.verb")
            and t.pos_ == "VERB"
            and not judicial
            and not _governor(t, "ACCUSE")
            and _loaded_target(t, v)
            and _loaded_ok(t, v)
        ):
            out.append(("ACCUSE", t))
        if lem in _fr("travel.verb") and t.pos_ == "VERB" and not _negated(t) and _travel_ok(t, v):
            out.append(("CONSULT", t))
        if t.pos_ in {"VERB", "AUX"} and _obliges(t, v):
            out.append(("REQUEST", t))
        if t.pos_ == "VERB" and not judicial and _blames(t, v):
            out.append(("ACCUSE", t))
        if t.pos_ == "VERB" and not judicial and _causes_harm(t, v):
            out.append(("ACCUSE", t))
        if t.pos_ == "VERB" and lem in _fr("want") and _wants(t, v):
            out.append(("REQUEST", t))
    return out


def _blames(t: Token, v: _View) -> bool:
    """Blame without an accusing verb, in another actor's voice: acting on purpose
    ("deliberately shelled"), failing or refusing to honour a duty ("failed to ensure
    compliance"), shielding a party or killing an agreement."""
    if _negated(t):
        return False
    lem = _lemma(t)
    objs = [c for c in t.children if c.dep_ == "dobj"]
    if any(c.dep_ == "advmod" and _word(c) in _fr("blame.adverb") for c in t.children):
        pass
    elif lem in _fr("blame.shield"):
        # "were shielding him once again": a pronoun object in a statement is a party too.
        if not any(_actor_head(o, v) or _word(o) in {"him", "them", "her"} for o in objs):
            return False
    elif lem in _fr("blame.fail"):
        if not any(c.dep_ == "xcomp" and _lemma(c) in _fr("blame.duty") for c in t.children):
            return False
    elif lem in _fr("blame.kill"):
        if not any(_lemma(o) in _fr("deal") for o in objs):
            return False
    else:
        return False
    voice = v.voice_at(t)
    if not voice:
        return False
    culprit = _subject_actors(v, t)
    if culprit:
        return not set(culprit) <= set(voice)
    # "They were shielding Kiev": the culprit is named only by a pronoun.
    if any(c.dep_ in _SUBJECTS and _word(c) in {"they", "he", "she", "it"} for c in t.children):
        return True
    # No subject parsed at all ("according to Lavrov, Berlin and Paris failed to ..." read as
    # one noun phrase): the culprits are the other actors the sentence names.
    if not any(c.dep_ in _SUBJECTS for c in t.children) and t.dep_ == "ROOT":
        return bool({m.actor for m in v.mentions} - set(voice))
    return False


def _causes_harm(t: Token, v: _View) -> bool:
    """Another state's act made the cause of harm in a state's voice: "Russia's port blockade
    made any shipments unviable", "western support for Ukraine has triggered the most serious
    crisis"."""
    if _lemma(t) not in _fr("cause.harm") or _negated(t) or any(c.dep_ == "prt" for c in t.children):
        return False
    # "made X unviable": "make" causes only with a result ("Russia's exports made up a fifth" no).
    if _lemma(t) == "make" and not any(c.dep_ in {"ccomp", "xcomp", "oprd", "acomp"} for c in t.children):
        return False
    voice = v.voice_at(t)
    if not voice:
        return False
    for c in t.children:
        if c.dep_ != "nsubj" or c.pos_ != "NOUN":
            continue
        heads = [c, *(g for g in c.children if g.dep_ == "conj")]
        mods = [m for h in heads for m in h.children if m.dep_ in {"poss", "amod", "compound"}]
        culprits = [a for m in mods for a in _actor_head(m, v)]
        culprits += [d for m in mods if (d := known_demonym(m.text)) is not None]
        if set(culprits) - set(voice):
            return True
    return False


def _wants(t: Token, v: _View) -> bool:
    """A state wanting a settlement asks for it: "wants an immediate ceasefire", "wants the
    West to send more weapons"."""
    if _negated(t) or not _subject_actors(v, t):
        return False
    for c in t.children:
        if c.dep_ == "dobj":
            heads = [c, *(g for g in c.children if g.dep_ in {"conj", "compound"})]
            if any(_lemma(h) in _fr("request.object") for h in heads):
                return True
        if c.dep_ in {"ccomp", "xcomp"}:
            other = [a for g in c.children if g.dep_ in {"nsubj", "dobj"} for a in _actor_head(g, v)]
            if other and not set(other) <= set(_subject_actors(v, t)):
                return True
    return False


def _stance_voice(t: Token, v: _View) -> tuple[str, ...]:
    """The voice of ``t``: a statement's speaker, else the subject of a verb of belief above it
    ("the EU believes that sovereignty should be respected")."""
    voice = v.voice_at(t)
    if voice:
        return voice
    for anc in t.ancestors:
        if _lemma(anc) in _fr("stance"):
            return tuple(_subject_actors(v, anc))
    return ()


def _dated(t: Token) -> bool:
    """Whether ``t`` sits in a clause of time hanging off another predicate: "hours after
    signing an agreement", "soon after the signing of the deal" date an attack or a reaction,
    they report no agreement."""
    for x in [t, *t.ancestors]:
        if x.dep_ == "ROOT":
            return False
        if _word(x) in _fr("timing") and x.dep_ in {"prep", "mark", "advmod"}:
            return True
        for c in x.children:
            if _word(c) not in _fr("timing"):
                continue
            if c.dep_ == "mark" or (x.dep_ in {"advcl", "pcomp", "acl"} and c.dep_ in {"prep", "advmod"}):
                return True
    return False


def _joint_terms(t: Token) -> bool:
    """A deal term that sets up inspections or monitoring by the parties: a joint mechanism."""
    h = t.head
    return any(_lemma(x) in _fr("joint.term") for x in h.subtree if x is not t and x.i > t.i)


def _preps(t: Token, words: set[str]) -> list[Token]:
    """Objects of ``t``'s prepositions among ``words``."""
    return [
        g
        for c in t.children
        if c.dep_ == "prep" and _word(c) in words
        for g in c.children
        if g.dep_ == "pobj"
    ]


def _actor_head(t: Token, v: _View) -> list[str]:
    """The actor a noun phrase *is* (not one it merely mentions): its head is a state, body or
    official ("Russia", "Lavrov", "Western politicians"), not "the conflict between Russia and
    Ukraine" or "Russians living in Latvia"."""
    for m in v.mentions:
        if m.start <= t.idx < m.end:
            return [m.actor] if m.kind != "demonym" else []
    if _word(t) in agent_nouns():
        return list(v.actors_under(t))
    return []


def _loaded_target(t: Token, v: _View) -> bool:
    """A loaded verb names who does it or to whom: "pump up Ukraine with weapons", "Russia
    acting to undermine ...".  Without an actor argument it is about firms or machines."""
    if any(
        _actor_head(o, v) or v.actors_under(o) for o in [*_args(t), *_preps(t, {"in", "into", "against"})]
    ):
        return True
    x = t.head if t.dep_ in {"xcomp", "advcl"} else t
    return bool(_explicit_subject(v, t) or _explicit_subject(v, x))


def _explicit_subject(v: _View, t: Token) -> list[str]:
    """Actors that the subject of ``t`` itself is (no pronoun resolution, no climbing)."""
    return [a for c in t.children if c.dep_ in {"nsubj", "nsubjpass"} for a in _actor_head(c, v)]


def _supplies_state(t: Token, v: _View) -> bool:
    """A transfer whose recipient is a state: "supplying Ukraine", "provide Kyiv with rockets"."""
    lem = _lemma(t)
    objs = [c for c in t.children if c.dep_ in {"dobj", "dative"}]
    if lem in _fr("aid.recipient"):
        return any(_actor_head(o, v) for o in objs)
    if lem not in _fr("aid.verb") or not any(_actor_head(o, v) for o in objs):
        return False
    for c in t.children:
        if c.dep_ == "prep" and _word(c) == "with":
            for g in c.children:
                mods = {_lemma(x) for x in g.children if x.dep_ in {"compound", "amod"}}
                if _lemma(g) in _fr("aid.noun") or mods & _fr("aid.noun") or mods & _fr("aid.modifier"):
                    return True
    return False


def _receives_aid(t: Token, v: _View) -> bool:
    """Materiel received from a state: "Kiev has received M777 guns from the US"."""
    if _lemma(t) not in _fr("aid.receive"):
        return False
    objs = [c for c in t.children if c.dep_ == "dobj"]
    materiel = any(
        _lemma(o) in _fr("aid.noun")
        or any(
            _lemma(x) in _fr("aid.noun") | _fr("aid.modifier")
            for x in o.children
            if x.dep_ in {"compound", "amod"}
        )
        for o in objs
    )
    donors = [
        a
        for c in t.children
        if c.dep_ == "prep" and _word(c) == "from"
        for g in c.children
        for a in v.actors_under(g)
    ]
    return materiel and bool(donors)


def _travel_ok(t: Token, v: _View) -> bool:
    """An official (or a delegation) travelling to another state: a visit."""
    # "shortly before Erdogan arrived in Tehran" dates another event.
    if t.dep_ == "advcl" or any(c.dep_ == "mark" for c in t.children):
        return False
    subj = [c for c in t.children if c.dep_ == "nsubj"]
    own = [
        m
        for c in subj
        for m in v.mentions
        if c.left_edge.idx <= m.start and m.end <= c.right_edge.idx + len(c.right_edge.text)
    ]
    # "Americans have traveled to Ukraine": people of a state, not its officials.
    officials = [m for m in own if v.text[m.start : m.end].lower() not in plural_demonyms()]
    if not officials or not any(m.kind in {"person", "learnt", "demonym"} for m in officials):
        return False
    dest = [
        a
        for c in t.children
        if c.dep_ == "prep" and _word(c) in {"to", "in"}
        for g in c.children
        if g.dep_ == "pobj"
        for a in v.actors_under(g, with_places=True)
    ]
    return bool(set(dest) - {m.actor for m in own})


def _obliges(t: Token, v: _View) -> bool:
    """A state said another state should or must act: a request in the speaker's voice."""
    if not any(c.dep_ == "aux" and _word(c) in _fr("obligation") for c in t.children):
        return False
    if t.dep_ == "advcl" or any(_lemma(a) in {"if", "whether"} for a in t.children):
        return False
    # Active subjects only: "Kiev should not be pressured" defends Kiev, it asks nothing of it.
    subj = [a for c in t.children if c.dep_ == "nsubj" for a in _actor_head(c, v)]
    voice = _stance_voice(t, v)
    if not voice:
        return False
    # A norm that "should be respected", parties that "should be engaged": a call on others.
    norm = any(
        c.dep_ == "nsubjpass" and _lemma(c) in _fr("norm.subject") for c in t.children
    ) and not _negated(t)
    # "There should be a clear recognition of ...": an existential call in a state's voice.
    there = any(c.dep_ == "expl" for c in t.children) and _lemma(t) == "be" and not _negated(t)
    # "There should no longer be any doubt that ...": an assessment, not a call.
    if there and any(
        c.dep_ in {"attr", "nsubj"} and any(_word(g) in {"no", "any"} for g in c.children) for c in t.children
    ):
        there = False
    # "All parties must return to the table": a call on the parties of the war.
    parties = any(
        c.dep_ == "nsubj"
        and _lemma(c) in {"party", "side"}
        and any(_word(d) in {"all", "both"} for d in c.children)
        for c in t.children
    ) and not _negated(t)
    return norm or there or parties or (bool(subj) and not set(subj) <= set(voice))


def _loaded_ok(t: Token, v: _View) -> bool:
    """Loaded wording is an accusation in a state actor's voice aimed at someone else."""
    # "a military response in case of provocations" names a hypothetical, not a culprit.
    if any(_lemma(a) == "case" and _word(a.head) == "in" for a in t.ancestors):
        return False
    voice = v.voice_at(t) or _listing_voice(t, v)
    if not voice:
        return False
    others = ({m.actor for m in v.mentions} | set(v.targets)) - set(voice)
    third = any(_word(x) in {"they", "them", "their", "he", "his", "it", "its"} for x in v.tokens)
    # "the move was punishment for ...": the act of another state named just before; a quote
    # naming no one ("Outrageous," tweeted the ambassador) answers the sentences before it.
    return bool(others) or third or _points_back(v) or _answers_recent(v, voice)


def _answers_recent(v: _View, voice: Sequence[str]) -> bool:
    """A statement that names no actor besides its speaker, after sentences naming another."""
    own = {m.actor for m in v.mentions} | set(v.targets)
    return v.stated and own <= set(voice) and bool(set(v.recent) - set(voice))


def _points_back(v: _View) -> bool:
    """Whether the sentence refers to another party only by pronoun ("their sins") or to its
    act by a definite noun ("the move was punishment")."""
    if any(_word(x) in {"they", "them", "their"} for x in v.tokens):
        return True
    return any(
        c.dep_ in _SUBJECTS
        and _lemma(c) in _fr("act.anaphor")
        and any(_word(d) in {"the", "this", "that"} for d in c.children)
        for c in v.tokens
    )


def _listing_voice(t: Token, v: _View) -> tuple[str, ...]:
    """Who lists another party's wrongs ("the minister compiled a list of their sins"): the
    subject of the clause whose object holds a noun of wrongdoing."""
    if _lemma(t) not in _fr("accuse.noun") and _word(t) not in _fr("accuse.noun"):
        return ()
    for anc in t.ancestors:
        if anc.pos_ == "VERB":
            return tuple(a for c in anc.children if c.dep_ == "nsubj" for a in _actor_head(c, v))
    return ()


def _aid_ok(t: Token, v: _View) -> bool:
    """An aid noun is an aid act when transferred, pledged, counted or totalled, and not embedded."""
    lem = _lemma(t)
    mods = {_lemma(c) for c in t.children if c.dep_ in {"amod", "compound", "nmod"}}
    counted = any(c.dep_ == "nummod" or c.ent_type_ in {"MONEY", "CARDINAL"} for c in t.children)
    money_head = (
        t.head.dep_ == "prep" and _word(t.head) == "of" and t.head.head.ent_type_ in {"MONEY", "CARDINAL"}
    )
    to_actor = any(
        _word(c) in {"to", "for"} and any(v.actors_under(g) for g in c.children) for c in t.children
    )
    materiel = bool(mods & (_fr("aid.noun") | {"weapons", "arms"}))
    if lem in _fr("aid.head") and not (
        mods & _fr("aid.modifier") or counted or money_head or to_actor or materiel
    ):
        return False
    if _governor(t, "AID") or _negated(t):
        return False
    route = False
    # Climb from the noun to the predicate it is an argument of.
    x = t.head if money_head else t
    for _ in range(4):
        if x.dep_ in {"conj", "appos", "compound", "pobj", "prep"} and x.head is not x:
            x = x.head
            continue
        break
    pred = x.head if x.dep_ in {"dobj", "nsubjpass", "nsubj", "attr", "oprd", "dative"} else x
    if (
        (x.dep_ in {"dobj", "nsubjpass", "dative"} and _lemma(pred) in _fr("aid.verb"))
        or (x.dep_ == "nsubj" and _lemma(pred) in _fr("aid.amount"))
        or (_lemma(x) in _fr("aid.verb") and x.pos_ == "VERB")
    ):
        route = True
    if any(c.dep_ == "acl" and _lemma(c) in _fr("aid.verb") for c in t.children):
        route = True
    if not route or _negated(pred):
        return False
    return not (pred.pos_ == "VERB" and _governor(pred, "AID"))


def _legal_ok(t: Token, v: _View) -> bool:
    """A charge or criminal case against (or into) the forces, citizens or acts of a state."""
    if _negated(t) or not (v.mentions or v.targets):
        return False
    criminal = any(_word(c).endswith("riminal") for c in t.children)
    against = any(
        c.dep_ == "prep" and _word(c) in {"against", "into"} for c in [*t.children, *t.head.children]
    )
    if t.pos_ == "VERB":
        return _lemma(t) != "investigate" or against
    return criminal or (against and _lemma(t) not in {"case", "suspect"})


def _deal_terms(t: Token) -> bool:
    """A definite deal as subject of a clause that is not a failure: the clause states its terms."""
    if t.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    if not any(c.dep_ in {"det", "poss"} and _word(c) not in {"a", "an", "no", "any"} for c in t.children):
        return False
    h = t.head
    if h.pos_ not in {"VERB", "AUX"} or _negated(h):
        return False
    if t.dep_ == "nsubjpass":
        # "after the deal was signed" dates another event; it reports no agreement.
        timing = h.dep_ in {"advcl", "pcomp"} and any(
            _word(c) in {"after", "before", "since", "until", "when", "as"} for c in h.children
        )
        return _lemma(h) in _fr("deal.made") and not timing
    return _lemma(h) in _fr("deal.terms")


def _mechanism_ok(t: Token, v: _View) -> bool:
    """A joint body set up or staffed by several actors."""
    if t.dep_ not in {"nsubjpass", "dobj"} or _lemma(t.head) not in _fr("establish"):
        return False
    return len({m.actor for m in v.mentions} | set(v.targets)) >= 2


def _intent_type(t: Token, v: _View) -> str | None:
    """THREATEN for taking land or striking back as an announced intention; ACCUSE if ascribed."""
    pred = t if t.pos_ in {"VERB", "AUX"} else t.head
    if t.pos_ == "NOUN" and (t.dep_ != "dobj" or _lemma(pred) not in _fr("conquer.verb")):
        return None
    if _negated(pred) or any(_lemma(a) in {"deny", "denial"} for a in pred.ancestors):
        return None
    marks = {_lemma(c) for c in pred.children if c.dep_ == "aux"} | {_lemma(pred)}
    if pred.dep_ == "xcomp":
        marks.add(_lemma(pred.head))
    if not marks & _fr("intent"):
        return None
    if (
        t.pos_ == "NOUN"
        and _lemma(t) in {"response", "strike", "strikes"}
        and not any(
            _lemma(c) in {"military", "immediate", "retaliatory", "harsh", "tough"} for c in t.children
        )
    ):
        return None
    own = _subject_actors(v, pred)
    if not own and not any(_word(c) in {"we", "our"} for c in pred.children):
        return None
    voice = v.voice_at(t)
    if voice and own and not set(voice) & set(own):
        return "ACCUSE"
    return "THREATEN"


def _offer_type(t: Token, v: _View) -> str | None:
    """A party's offer concedes; a mediator's proposal is a consultation.

    What is offered has to be a concession or a settlement (a swap, a person, a ceasefire, a
    deal), not an assessment, a chance or a domestic measure.
    """
    if t.pos_ == "VERB":
        objs = [c for c in t.children if c.dep_ == "dobj"]
        swap = any(
            c.dep_ == "prep"
            and _word(c) in {"in", "for"}
            and any(_lemma(g) in {"exchange", "return"} or g.ent_type_ == "PERSON" for g in c.children)
            for c in t.children
        )
        if not swap and not any(_lemma(o) in _fr("concession") or o.pos_ == "PROPN" for o in objs):
            return None
        who = _subject_actors(v, t)
    elif t.pos_ == "NOUN" and t.dep_ in {"dobj", "nsubjpass", "nsubj"}:
        who = [a for c in t.children if c.dep_ == "poss" for a in v.actors_under(c)]
        if not who and t.dep_ == "dobj" and not any(c.dep_ == "poss" for c in t.children):
            who = _subject_actors(v, t.head)
    else:
        return None
    if not who:
        return None
    mediators = {m.replace("_", " ") for m in _fr("mediator.actor")}
    return "CONSULT" if who[0].lower() in mediators else "CONCEDE"


# ---------------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What earlier sentences of the article tell about who ``he``, ``they`` or ``the deal`` is."""

    last_official: str | None = None
    prev_actors: tuple[str, ...] = ()
    last_item_actors: tuple[str, ...] = ()
    deal_actors: tuple[str, ...] = ()
    deal_parties: tuple[str, ...] = ()  # every party of the article's agreements so far
    plan_actors: tuple[str, ...] = ()  # who put forward the latest plan or proposal
    last_place: str | None = None
    history: list[tuple[str, ...]] = field(default_factory=list)
    parties: tuple[str, ...] = ()  # the two actors the article names most: its conflict's sides
    deal_seen: int = -100  # index of the latest sentence reporting an agreement itself


def extract(parsed: ParsedArticle, statements: Sequence[Statement] = ()) -> Iterator[Diplomacy]:
    """Diplomacy items of one article, in text order."""
    text = parsed.text
    doc = parsed.doc
    spans = parsed.sents
    people = learn_people(text, [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"], spans)
    rules = cue_rules()
    ctx = _Context()
    own: list[tuple[Mention, ...]] = []
    for s, e in spans:
        own.append(tuple(find_mentions(text, s, e, people=people)))
    voices = _statement_voices(statements, people)
    ctx.parties = _conflict_parties(own)
    for i, (s, e) in enumerate(spans):
        sent = text[s:e]
        mentions = own[i]
        actors = list(dedupe(m.actor for m in mentions))
        view = _view(doc, text, s, e, mentions, people, voices, ctx)
        quote_voice, attributed = _quote_speaker(text, spans, own, i, _QUOTE_WINDOW)
        if attributed:
            # The quote's own attribution names its speaker: it outweighs a statement that
            # carried the sentence over to another speaker.
            view.voices = [(a, b, vs) for a, b, vs in view.voices if not a <= s < b]
        view.stated = bool(view.voices) or attributed
        if quote_voice and not any(a <= s < b for a, b, _ in view.voices):
            view.voices.append((s, e, quote_voice))
        hits = [(t, k, s + a, s + b) for t, k, a, b in rules.matches(sent)]
        kept = [(t, k, a, b) for t, k, a, b in hits if k == "block" or _keep_hit(t, a, b, view)]
        framed = frame_hits(view)
        types = combine(kept, {typ for typ, _ in framed})
        # Where each type's evidence is: a cue's start or the token a frame reads.
        evidence: dict[str, list[int]] = {}
        for typ, kind, a, _b in kept:
            if kind != "block":
                evidence.setdefault(typ, []).append(a)
        for typ, tok in framed:
            evidence.setdefault(typ, []).append(tok.idx)
        # A sentence after an agreement that describes its terms or workings without naming
        # it ("Ships will be inspected in Istanbul") is part of the agreement.
        gap = i - ctx.deal_seen
        carried = (
            "AGREE" not in types
            and "COOPERATE" not in types  # a joint body at work is the mechanism, not the terms
            and bool(ctx.deal_actors)
            and gap <= _DEAL_WINDOW
            and _implements_deal(view, adjacent=gap == 1)
        )
        if carried:
            types = [t for t in TYPES if t in {"AGREE", *types}]
        direct = set(actors)
        actors = _resolve(sent, actors, mentions, ctx, statements, s, e, people)
        # Parties added only because the sentence says "the deal": who signed it, not who
        # welcomes, demands or denounces something about it.
        deal_only = set(ctx.deal_actors) - direct if _DEAL_RE.search(sent) else set()
        if carried and not actors:
            actors = list(ctx.deal_actors)
        if "CONSULT" not in types and len(actors) > 1 and _tells_state(sent, s, mentions):
            types = [t for t in TYPES if t in {"CONSULT", *types}]
        if types and not actors:
            actors = list(quote_voice)
            # A quote that names no one accuses or asks someone the previous sentence named.
            if set(types) & _BLAME_TYPES and ctx.history and ctx.history[-1]:
                actors = list(dedupe([*actors, *ctx.history[-1]]))
        if not actors and "ACCUSE" in types:
            actors = list(view.targets)
        if types and not actors and i > 0 and ctx.history and ctx.history[-1]:
            actors = list(ctx.history[-1])
        _update(ctx, mentions, tuple(actors))
        if not types or not actors:
            continue
        voiced = [a for _, _, vs in view.voices if vs for a in vs] if set(types) & _VOICE_TYPES else []
        place = find_place(text, s, e)
        if place is None and types[0] in _PLACE_TYPES and _TALKS_RE.search(sent):
            place = ctx.last_place
        if place:
            ctx.last_place = place
        # Who the previous sentence named: the other side of a refusal ("Zelensky refused to
        # comply" after Moscow's demands).
        before = ctx.history[-2] if len(ctx.history) > 1 else ()
        ctx.last_item_actors = tuple(actors)
        if "AGREE" in types and not carried:
            ctx.deal_seen = i
        # The parties of the latest agreement are who "the deal" later refers to.
        if ("AGREE" in types or "COOPERATE" in types) and (
            len(actors) > len(ctx.deal_actors) or ("AGREE" in types and len(actors) > 1)
        ):
            ctx.deal_actors = tuple(actors)
        if ("AGREE" in types or "COOPERATE" in types) and len(actors) > 1:
            ctx.deal_parties = dedupe([*ctx.deal_parties, *actors])
        if set(types) & _PROPOSAL_TYPES and _PROPOSER_RE.search(sent):
            ctx.plan_actors = tuple(a for a in actors if a in direct) or tuple(actors)
        reporters = _reporters(view, statements, people)
        victims = _victims(view)
        addressees = _addressees(view)
        for t in types:
            if t in _VOICE_TYPES:
                named = [a for a in actors if a not in deal_only] or actors
                who = tuple(dedupe([*_voice_of(view, evidence.get(t, []), voiced), *named]))
            else:
                who = tuple(actors)
            # Who only reports another party's act ("Russia agreed ..., a U.S. diplomat said")
            # is no party to it.
            drop = {
                a
                for lo, hi, types_of_span, speaker in reporters
                if t in types_of_span and evidence.get(t) and all(lo <= x < hi for x in evidence[t])
                for a in speaker
            }
            if drop and set(who) - drop:
                who = tuple(a for a in who if a not in drop)
            if t == "ACCUSE":
                # The accused may be named only by a demonym ("the Russian offensive").
                who = tuple(dedupe([*who, *view.accused]))
                # An accuser alone who points back ("the move was punishment", "a list of
                # their sins") accuses whoever the sentences just before named.
                framed_only = not any(k == "strong" and typ == "ACCUSE" for typ, k, _a, _b in kept)
                if len(who) == 1 and (_points_back(view) or (framed_only and _answers_recent(view, who))):
                    recent = [h for h in ctx.history[-4:-1] if set(h) - set(who)]
                    if recent:
                        who = tuple(dedupe([*who, *recent[-1]]))
            if t in _BLAME_TYPES:
                # The state a hostile act is done to is not a party to the accusation or the
                # warning about it ("accused the West of pumping Ukraine with weapons").
                spared = [a for a in who if a not in victims and (t != "ACCUSE" or a not in addressees)]
                if len(spared) >= 2:
                    who = tuple(spared)
            if t == "CONSULT" and addressees and "ACCUSE" in types:
                # An address to a parliament that accuses a third state: the speaker's state
                # and the audience consult; the accused is no party to the meeting.
                accused = {a for a in actors if a not in addressees} - set(_voice_of(view, [], voiced))
                met = [a for a in who if a in addressees or a not in accused]
                if len(met) >= 2:
                    who = tuple(met)
            if t == "SANCTION":
                # The target of a measure may be named only by its goods ("Russian oil").
                who = tuple(dedupe([*who, *view.targets]))
            if t in _PARTNER_TYPES and len(who) == 1 and who[0] in before:
                who = tuple(dedupe([*who, *before]))
            yield Diplomacy(
                t, who, place if t in _PLACE_TYPES or place else None, sent, s, e, _status(t, sent)
            )


_DEAL_WINDOW = 4  # sentences after an agreement in which its terms may follow unnamed
_MODALS = frozenset({"will", "would", "shall", "must", "'ll"})


def _implements_deal(v: _View, *, adjacent: bool) -> bool:
    """Whether the sentence states how an agreement named just before works.

    The subject carries out the terms (ships, pilots, inspections, the corridor) under a modal
    of arrangement ("will", "would", "are to"), or, right after the agreement, ``it`` or ``the
    deal`` stipulates something.  Conditions and relative clauses describe other events.
    """
    for t in v.tokens:
        if t.pos_ not in {"VERB", "AUX"} or t.dep_ in {"advcl", "relcl", "acl"} or _negated(t):
            continue
        subj = [c for c in t.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subj:
            continue
        modal = any(c.dep_ in {"aux", "auxpass"} and _word(c) in _MODALS for c in t.children) or (
            _lemma(t) == "be"
            and any(c.dep_ == "xcomp" and any(_word(g) == "to" for g in c.children) for c in t.children)
        )
        # "Kiev was supposed to grant an amnesty": a party's obligation under the agreement.
        obliged = _lemma(t) in _fr("deal.obliged") and any(c.dep_ == "xcomp" for c in t.children)
        for c in subj:
            lem = _lemma(c)
            if lem in _fr("deal.implement") and modal and c.tag_ in {"NNS", "NN"}:
                return True
            if obliged and (_actor_head(c, v) or v.actors_under(c)):
                return True
            if adjacent and (_word(c) == "it" or lem in _fr("deal")) and _lemma(t) in _fr("deal.terms"):
                return True
    return False


def _voice_of(v: _View, evidence: Sequence[int], voiced: Sequence[str]) -> list[str]:
    """The speakers whose statement holds an act: the statement containing its evidence or
    starting right after it (``accused [the West of ...]``), else every voice of the sentence."""
    near = [
        a
        for lo, hi, vs in v.voices
        for a in vs
        if any(lo <= x < hi or 0 <= lo - x <= _CUE_REACH for x in evidence)
    ]
    return near or list(voiced)


_CUE_REACH = 40  # characters from a cue to the start of the statement that is its content


def _victims(v: _View) -> set[str]:
    """Actors named only as the object of a hostile or supplying act ("annex Ukraine",
    "pump Ukraine with weapons", "supplying Kiev")."""
    verbs = _fr("conquer") | _fr("loaded.verb") | _fr("aid.verb") | _fr("aid.recipient")
    spans = [
        (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        for t in v.tokens
        if t.pos_ == "VERB" and _lemma(t) in verbs
        for c in t.children
        if c.dep_ in {"dobj", "dative"}
    ]
    if not spans:
        return set()
    inside = {m.actor for m in v.mentions if any(a <= m.start and m.end <= b for a, b in spans)}
    outside = {m.actor for m in v.mentions if not any(a <= m.start and m.end <= b for a, b in spans)}
    return inside - outside


def _addressees(v: _View) -> set[str]:
    """Actors named only as the audience of a speech ("told Danish parliamentarians", "a video
    address to the Danish parliament"): they hear an accusation, they are no party to it."""
    spans = []
    for t in v.tokens:
        if _lemma(t) not in {"tell", "address", "brief", "inform"}:
            continue
        objs = [c for c in t.children if c.dep_ in {"dobj", "dative"}]
        objs += [g for c in t.children if c.dep_ == "prep" and _word(c) == "to" for g in c.children]
        spans += [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in objs]
    if not spans:
        return set()
    inside = {m.actor for m in v.mentions if any(a <= m.start and m.end <= b for a, b in spans)}
    outside = {m.actor for m in v.mentions if not any(a <= m.start and m.end <= b for a, b in spans)}
    return inside - outside


_PARTY_PRONOUN_RE = re.compile(r"\b(?:I|we|us|our|my)\b", re.I)


def _reporters(
    v: _View, statements: Sequence[Statement], people: dict[str, str]
) -> list[tuple[int, int, set[str], set[str]]]:
    """Statements that report an act another named party does: each content span with the
    types it may report that way and the speaker's actors, who are no party to acts whose
    evidence lies in that span.

    The reported clause has an explicit subject that is an actor other than the speaker's
    (``Moscow recognized ...``, ``Russia has blamed ...``), and the speaker's state is not
    named in it.  For acts made in a voice (an accusation, a request) the clause must itself
    report that act (``blamed``), since a state reporting an attack accuses its author.
    """
    out: list[tuple[int, int, set[str], set[str]]] = []
    for st in statements:
        if not (v.s <= st.start < v.e) or _PARTY_PRONOUN_RE.search(st.quote):
            continue
        who = f"{st.speaker or ''} {st.role or ''}".strip()
        speaker = {m.actor for m in find_mentions(who, 0, len(who), people=people)} if who else set()
        inside = {m.actor for m in v.mentions if st.start <= m.start < st.end}
        if not speaker or speaker & inside:
            continue
        head = _head_token(v.tokens_in(st.start, st.end))
        if head is None or head.pos_ not in {"VERB", "AUX"}:
            continue
        agents = set(_explicit_subject(v, head))
        if not agents or agents & speaker:
            continue
        lem = _lemma(head)
        types = {
            typ
            for typ in TYPES
            if typ not in _VOICE_TYPES or lem in _fr(f"govern.{typ}") or lem in _fr(f"report.{typ}")
        }
        out.append((st.start, st.end, types, speaker))
    return out


def _statement_voices(
    statements: Sequence[Statement], people: dict[str, str]
) -> list[tuple[int, int, tuple[str, ...]]]:
    """Each statement's span with the actors its speaker acts for."""
    out = []
    for st in statements:
        who = f"{st.speaker or ''} {st.role or ''}".strip()
        actors = tuple(dedupe(m.actor for m in find_mentions(who, 0, len(who), people=people))) if who else ()
        out.append((st.start, st.end, actors))
    return out


def _view(
    doc: object,
    text: str,
    s: int,
    e: int,
    mentions: Sequence[Mention],
    people: dict[str, str],
    voices: Sequence[tuple[int, int, tuple[str, ...]]],
    ctx: _Context,
) -> _View:
    span: Span | None = doc.char_span(s, e, alignment_mode="expand")  # type: ignore[attr-defined]
    tokens: Sequence[Token] = list(span) if span is not None else []
    here = [(a, b, v) for a, b, v in voices if a < e and b > s and v]
    # Any demonym names the state an accusation is aimed at, agent noun or not.
    targets = tuple(dedupe(a for t in tokens if t.pos_ == "ADJ" and (a := known_demonym(t.text)) is not None))
    # Only forces and hostile acts make the state an accused party ("Russian strikes"),
    # not the land, people or goods an accusation is about ("Ukrainian territory").
    accused = tuple(
        dedupe(
            a
            for t in tokens
            if t.pos_ == "ADJ"
            and (a := known_demonym(t.text)) is not None
            and (_lemma(t.head) in _fr("accuse.target") or _word(t.head) in agent_nouns())
        )
    )
    recent = next((h for h in reversed(ctx.history[-3:]) if h), ())
    return _View(text, s, e, tokens, mentions, people, here, ctx.last_official, targets, accused, recent)


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
    if len(set(out)) < 2 and ctx.parties and _BOTH_RE.search(sent):
        out.extend(ctx.parties)
    if len(out) < 2 and _GROUP_RE.search(sent):
        out.extend(ctx.last_item_actors or ctx.prev_actors)
    # "The two countries" are two: when the latest item named fewer, the article's two main ones.
    if len(set(out)) < 2 and ctx.parties and _PAIR_RE.search(sent):
        out.extend(ctx.parties)
    # "All sides", "the four parties to the agreement": every party of the agreements so far.
    if len(set(out)) < len(ctx.deal_parties) and _ALL_PARTIES_RE.search(sent):
        out.extend(ctx.deal_parties)
    elif not ctx.deal_parties and ctx.parties and _ALL_PARTIES_RE.search(sent):
        # With no agreement yet, "all parties" are the parties of the war the article reports.
        out.extend(ctx.parties)
    # "The plan", "the proposal": whoever put it forward, when the sentence names one side only.
    if len(set(out)) < 2 and ctx.plan_actors and _PLAN_RE.search(sent):
        out.extend(ctx.plan_actors)
    if len(out) < 2 and _DEAL_RE.search(sent) and ctx.deal_actors:
        out.extend(ctx.deal_actors)
    for st in statements:
        if st.speaker and s <= st.start < e:
            who = f"{st.speaker} {st.role or ''}"
            out.extend(m.actor for m in find_mentions(who, 0, len(who), people=people))
    return list(dedupe(out))


def _quote_speaker(
    text: str, spans: Sequence[tuple[int, int]], own: Sequence[tuple[Mention, ...]], i: int, window: int
) -> tuple[tuple[str, ...], bool]:
    """For a sentence inside a quotation, the actors of its attribution, and whether the
    attribution was found next to the quote's marks (else the next sentences naming anyone).

    The attribution follows the closing mark (``..." Lavrov said.``) or precedes the opening
    one (``Lavrov said: "...``).  A quote that opens a new stretch right after an attributed
    one (``"Outrageous," tweeted the US ambassador. "Russia strikes ...``) continues it.
    """
    a, b = spans[i]
    marks = _quote_marks(text, spans[max(0, i - window)][0], spans[min(len(spans), i + 1 + window) - 1][1])
    sent = fold_quotes(text[a:b])
    inside = any(o < a and (c is None or c >= b) for o, c in marks)
    if sent.count('"') % 2 == 0 and not sent.startswith('"') and not inside:
        return (), False
    # The stretch of quotation that holds (part of) this sentence.
    opening = closing = None
    for o, c in marks:
        if o < b and (c is None or c > a):
            opening, closing = o, c
            break
    if opening is None:
        return (), False
    if closing is not None:
        for k in range(i, min(len(spans), i + 1 + window)):
            s0, e0 = spans[k]
            if s0 <= closing < e0:
                # The speaker is the first actor after the mark ("...," the ministry said as
                # the EU agreed ...: the EU is no speaker).
                after = [m.actor for m in own[k] if m.start > closing]
                if after:
                    return (after[0],), True
                break
    for k in range(i, max(-1, i - 1 - window), -1):
        s0, e0 = spans[k]
        if s0 <= opening < e0:
            before = [m.actor for m in own[k] if m.end <= opening]
            if before:
                return (before[-1],), True
            if k > 0 and text[s0:opening].strip() == "":
                # A quote opening a sentence continues the attributed quote just before it.
                ps, _pe = spans[k - 1]
                prev = [(o, c) for o, c in marks if c is not None and ps <= c < s0]
                attributed = [m.actor for m in own[k - 1] if prev and m.start > prev[-1][1]]
                if attributed:
                    return (attributed[0],), True
            break
    # No attribution found: the actors of the next sentences that name any.
    for k in range(i + 1, min(len(spans), i + 1 + window)):
        if own[k]:
            return tuple(dedupe(m.actor for m in own[k])), False
        if '"' in fold_quotes(text[spans[k][0] : spans[k][1]]):
            break
    return (), False


def _quote_marks(text: str, a: int, b: int) -> list[tuple[int, int | None]]:
    """Quotation stretches in ``text[a:b]`` as (opening, closing) offsets; curly marks say
    which way they face, straight ones alternate.  A paragraph break closes an open quote."""
    out: list[tuple[int, int | None]] = []
    open_at: int | None = None
    for k in range(a, b):
        ch = text[k]
        if ch == "\n" and open_at is not None and text[k + 1 : k + 2] == "\n":
            out.append((open_at, None))
            open_at = None
        elif ch == "\u201c" or (ch == '"' and open_at is None):
            if open_at is not None:
                out.append((open_at, None))
            open_at = k
        elif (ch == "\u201d" or ch == '"') and open_at is not None:
            out.append((open_at, k))
            open_at = None
    if open_at is not None:
        out.append((open_at, None))
    return out


def _conflict_parties(own: Sequence[tuple[Mention, ...]]) -> tuple[str, ...]:
    """The two states the article names most often: who "both sides" are when the sentence
    itself names fewer than two."""
    counts: dict[str, int] = {}
    for ms in own:
        for m in ms:
            counts[m.actor] = counts.get(m.actor, 0) + 1
    top = sorted(counts, key=lambda a: -counts[a])[:2]
    return tuple(top) if len(top) == 2 else ()


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

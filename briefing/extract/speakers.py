"""Speakers: the source phrase of a statement, its role, and what it refers to.

A reporting verb's subject is turned into a ``Mention``: a name (``Volodymyr Zelensky``) with the
role the same phrase gives it (pre-modifiers ``Ukraine President``, ``Russia's deputy defence
minister`` or an apposition ``, a Ukrainian negotiator``), a description for unnamed sources
(``a Ukrainian official``), or a pronoun.  ``Resolver`` then links pronouns, bare surnames and
definite titles (``the minister``) to the fullest earlier mention the article plainly gives, the
way a reader would; anything it cannot link keeps the article's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..lexicons import load_json, load_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
GROUP_LABELS = {"ORG", "GPE", "NORP"}
CUT_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep"}
KEEP_PREPS = {"of", "in", "at", "for", "from"}
SOURCE_NOUNS = {"statement", "report", "post", "tweet", "communique", "announcement", "release", "readout"}


@cache
def titles() -> frozenset[str]:
    return load_set("speaker_titles.txt")


@cache
def pronouns(kind: str) -> frozenset[str]:
    return frozenset(load_json("pronouns.json")[kind])


@cache
def knob(name: str) -> int:
    return int(load_json("statement_knobs.json")[name])


@dataclass(frozen=True)
class Mention:
    """A source phrase.  ``kind`` is ``name``, ``pronoun`` or ``description``."""

    text: str
    role: str | None
    kind: str
    pos: int
    person: bool = False
    head: str = ""


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:-—–\"“”‘’'")


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].dep_ in {"det", "punct"} or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].dep_ in {"punct", "case"} or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _span_text(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return _clean(doc[tokens[0].i : tokens[-1].i + 1].text)


def _ent(tok: Token) -> Span | None:
    """The named entity holding ``tok`` (found from the IOB tags, without scanning ``doc.ents``)."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return doc[i:j]


def _name_run(tok: Token) -> list[Token]:
    """The proper-noun run ending at ``tok`` (``Recep Tayyip Erdoğan``), titles excluded."""
    doc = tok.doc
    i = tok.i
    while i - 1 >= 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text.lower() not in titles() \
            and doc[i - 1].dep_ in {"compound", "flat", "nmod", "amod"} and not doc[i - 1].is_punct:
        i -= 1
    run = [t for t in doc[i : tok.i + 1]]
    # Right-hand compounds belong to the same name only when the head is the name's end.
    return run


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head``: its left dependents and short ``of``/``in`` attachments."""
    toks = [t for t in head.subtree if t.i <= head.i and not _under(t, head, CUT_DEPS)]
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in KEEP_PREPS:
            toks.extend(t for t in child.subtree if not _under(t, child, {"relcl", "acl", "appos"}))
        elif child.dep_ in {"compound", "flat"}:
            toks.extend(child.subtree)
    toks.sort(key=lambda t: t.i)
    # Keep it contiguous: stop at the first gap.
    out = [toks[0]] if toks else []
    for t in toks[1:]:
        if t.i != out[-1].i + 1:
            break
        out.append(t)
    return out


def _under(tok: Token, root: Token, deps: set[str]) -> bool:
    """Whether ``tok`` hangs below ``root`` through an arc labelled with one of ``deps``."""
    while tok.i != root.i:
        if tok.dep_ in deps and tok.head.i == root.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _is_person(tok: Token) -> bool:
    ent = _ent(tok)
    if ent is not None:
        return ent.label_ == "PERSON"
    return False


def describe(head: Token) -> Mention:
    """Turn a subject token into a ``Mention`` with its role."""
    doc = head.doc
    low = head.lower_
    if head.pos_ == "PRON" or low in pronouns("person") or low in pronouns("group"):
        return Mention(head.text, None, "pronoun", head.idx, low in pronouns("person"), low)
    appos = [c for c in head.rights if c.dep_ == "appos"]
    role: str | None
    if head.lemma_.lower() in SOURCE_NOUNS:
        # "a statement from Europol", "the ministry's statement": the source is the owner.
        owners = [g for c in head.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}
                  for g in c.children if g.dep_ == "pobj"]
        owners += [c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        if owners:
            return describe(owners[0])
    if head.pos_ != "PROPN":
        named = [a for a in appos if a.pos_ == "PROPN"]
        if named:
            # "The Turkish president, Recep Tayyip Erdoğan, ..."
            name = _name_run(named[0])
            role = _span_text(doc, _strip_det(_np_tokens(head)))
            return Mention(_span_text(doc, name), role or None, "name", head.idx,
                           True, named[0].text)
        toks = _np_tokens(head)
        if len(toks) > knob("max_speaker_tokens"):
            toks = [t for t in toks if t.i <= head.i][-knob("max_speaker_tokens") :]
        propn = [t for t in toks if t.pos_ == "PROPN"]
        text = _span_text(doc, toks)
        return Mention(text, None, "description", head.idx,
                       False if not propn else _is_person(propn[-1]), low)
    run = _name_run(head)
    # Titles and country names before the name are its role ("Ukraine President Volodymyr").
    left = [t for t in head.subtree if t.i < run[0].i and not _under(t, head, CUT_DEPS)]
    left = _strip_det(left)
    role_toks = left
    # A title folded into the proper-noun run ("President Joe Biden" tagged all PROPN).
    while len(run) > 1 and run[0].text.lower().rstrip(".") in {t.rstrip(".") for t in titles()}:
        role_toks = [*role_toks, run[0]]
        run = run[1:]
    role = _span_text(doc, role_toks) if role_toks else None
    if appos and appos[0].pos_ != "PROPN":
        role = _span_text(doc, _strip_det(_np_tokens(appos[0]))) or role
    ent = _ent(head)
    person = _is_person(head) or (ent is None and len(run) >= 2)
    if ent is not None and ent.label_ in GROUP_LABELS and len(run) == 1:
        person = False
    return Mention(_span_text(doc, run), role, "name", head.idx, person, head.text)


@dataclass
class _Known:
    pos: int
    name: str
    role: str | None
    person: bool
    head: str
    desc: str
    speaker: bool = False


class Resolver:
    """Links pronouns, surnames and definite titles to earlier mentions of one article."""

    def __init__(self, doc: Doc, in_quote: list[bool]) -> None:
        self.doc = doc
        self.known: list[_Known] = []
        self.full: dict[str, list[tuple[int, str]]] = {}
        self.roles: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or in_quote[ent.start]:
                continue
            toks = [t for t in ent if t.text.lower() not in titles() and not t.is_punct]
            toks = [t for t in toks if t.text not in {"'s", "’s"}]
            if not toks:
                continue
            name = _clean(doc[toks[0].i : toks[-1].i + 1].text)
            self._add_name(name, ent.start_char)
            m = describe(ent.root) if ent.root.pos_ == "PROPN" else None
            role = m.role if m is not None else None
            if role:
                self.roles.setdefault(self.fullest(name, ent.start_char), role)
            self.known.append(_Known(ent.start_char, self.fullest(name, ent.start_char), role, True,
                                     toks[-1].text, ""))

        for tok in doc:
            if tok.dep_ != "appos" or in_quote[tok.i]:
                continue
            head = tok.head
            if head.pos_ == "NOUN" and tok.pos_ == "PROPN" and head.lower_ in titles():
                name, role = _span_text(doc, _name_run(tok)), _span_text(doc, _strip_det(_np_tokens(head)))
            elif head.pos_ == "PROPN" and tok.pos_ == "NOUN":
                name, role = _span_text(doc, _name_run(head)), _span_text(doc, _strip_det(_np_tokens(tok)))
            else:
                continue
            if name and len(name.split()) >= 2:
                self._add_name(name, head.idx)
                self.roles.setdefault(name, role)
                self.known.append(_Known(min(head.idx, tok.idx), name, role, True, name.split()[-1].lower(),
                                         role.lower()))

    def _add_name(self, name: str, pos: int) -> None:
        words = name.split()
        if not words:
            return
        self.full.setdefault(words[-1].lower(), []).append((pos, name))

    def fullest(self, name: str, pos: int) -> str:
        """The longest mention of the same surname, earlier ones first."""
        words = name.split()
        if not words:
            return name
        cands = self.full.get(words[-1].lower(), [])
        earlier = [n for p, n in cands if p <= pos and set(words) <= set(n.split())]
        pool = earlier or [n for _, n in cands if set(words) <= set(n.split())]
        best = max(pool, key=lambda n: len(n.split()), default=name)
        return best if len(best.split()) >= len(words) else name

    def note(self, name: str, role: str | None, pos: int, *, person: bool, head: str, desc: str) -> None:
        """Record a resolved speaker, so later pronouns and titles can find it."""
        if person and name:
            self._add_name(name, pos)
        if role and name:
            self.roles.setdefault(name, role)
        self.known.append(_Known(pos, name, role, person, head.lower(), desc.lower(), True))

    def role_of(self, name: str) -> str | None:
        return self.roles.get(name)

    def resolve(self, m: Mention) -> tuple[str, str | None, bool]:
        """(speaker, role, person) for a mention at its position."""
        before = [k for k in self.known if k.pos < m.pos]
        if m.kind == "pronoun":
            want_person = m.head in pronouns("person")
            # A pronoun subject of a reporting verb nearly always continues the latest speaker;
            # other mentions in between are usually objects ("he told Erdoğan").
            ranked = sorted(before, key=lambda k: (k.speaker and m.pos - k.pos < knob("speaker_window_chars"),
                                                   k.pos), reverse=True)
            for k in ranked:
                if k.person == want_person and k.name:
                    return k.name, k.role or self.roles.get(k.name), k.person
            return m.text, None, want_person
        if m.kind == "name":
            name = self.fullest(m.text, m.pos) if m.person or " " not in m.text else m.text
            return name, m.role or self.roles.get(name), m.person
        # Definite descriptions made of a title word: the latest earlier holder of that title.
        words = m.text.lower().split()
        if words and words[0] == "the" and len(words) <= 3 and m.head in titles():
            for k in sorted(before, key=lambda k: k.pos, reverse=True):
                hay = f"{k.role or ''} {k.desc}".lower().split()
                # Every modifier must agree: "the Russian negotiator" is not the Ukrainian one.
                if m.head in hay and all(w in hay for w in words[1:]):
                    return k.name, k.role, k.person
        return m.text, m.role, m.person

"""Statements: who said what, as direct quotes and reported speech.

Two passes over one parsed article.  The cue pass reads every reporting verb (and ``according
to``) with the dependency parse: its subject is the speaker, its clausal complement (or, for
``accused X of``-type verbs, its whole complement; for a verb with only a direct object, that
object when it holds quoted words) is the content.  Content that lies wholly
inside quotation marks is a direct quote; content that only holds quoted words is reported
speech spanning the whole clause.  The quote pass then attributes the quoted stretches no cue
claimed: a reporting verb right after the closing mark (``"...," he said``) or right before the
opening one (``X said: "..."``, or a sentence of its own like ``X said in a statement.``), a dash
attribution, or the previous quote's speaker when a quote paragraph continues an attributed one.
Quotes left without a speaker are scare quotes or names and are dropped.  Speakers are resolved
last, in text order, by ``speakers.Resolver``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ..lexicons import load_list, load_set
from ..models import Statement
from . import ParsedArticle
from .quotes import Quote, find_quotes, paragraphs
from .sentences import sentence_spans
from .speakers import (
    GENERIC_HEADS,
    Mention,
    Resolver,
    clean_role,
    comma_name,
    describe,
    institutions,
    knob,
    pronouns,
    titles,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORD_RE = re.compile(r"\w")
CONTENT_DEPS = ("ccomp",)
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
INHERIT_DEPS = {"advcl", "conj", "xcomp", "pcomp", "acl"}
# Conjunctions that open an adverbial clause, never the content of a reporting verb.
ADVERBIAL_MARKS = {
    "while",
    "although",
    "though",
    "because",
    "since",
    "when",
    "unless",
    "once",
    "after",
    "before",
    "as",
    "if",
}
# Verbs that name what follows them: a quote right after one is a name, not speech.
NAMING_VERBS = {"call", "name", "dub", "label", "describe", "refer", "cite", "term"}
LEAD_TRIM = {"that", "whether", ",", ":", ";", "-", "—", "–", "and", "but"}
TRAIL_PUNCT = " \t\n,.;:—–-"


@cache
def verbs() -> frozenset[str]:
    return load_set("reporting_verbs.txt")


@cache
def object_verbs() -> dict[str, tuple[frozenset[str], bool]]:
    """Lemma → (particles that join the cue, whether one of them is required)."""
    out: dict[str, tuple[frozenset[str], bool]] = {}
    for line in load_list("reporting_object_verbs.txt"):
        lemma, *parts = line.lower().split()
        out[lemma.lstrip("+")] = (frozenset(parts), lemma.startswith("+"))
    return out


@cache
def quote_verbs() -> frozenset[str]:
    return load_set("reporting_quote_verbs.txt")


def _quote_verb(tok: Token) -> bool:
    """A manner-of-speaking verb that can attribute only a neighbouring quote (``he barked``)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in quote_verbs():
        return False
    if lemma == "put":
        return any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)
    if lemma == "go":
        # "she went on: “...”", "“...,” he went on": only with the particle.
        # "went on to work alongside Trump" is no speech.
        return any(
            c.dep_ in {"prt", "advmod"} and c.lower_ == "on" and c.i == tok.i + 1 for c in tok.children
        ) and not any(c.dep_ in {"xcomp", "prep", "dobj", "ccomp"} for c in tok.children)
    return True


@dataclass(frozen=True)
class Raw:
    """A statement before speaker resolution."""

    start: int
    end: int
    direct: bool
    cue: str | None
    mention: Mention | None
    anchor: int
    continuation: bool = False
    cue_i: int = -1
    # A direct quote whose own subject cannot speak and no other attribution was found: it keeps
    # the speaker of the paragraph chain it sits in, if there is one.
    chained: bool = False


class Context:
    """One article's text, parse, quotes and lookup tables."""

    def __init__(self, parsed: ParsedArticle, *, headlines: bool = False) -> None:
        self.doc: Doc = parsed.doc
        self.text: str = parsed.text
        body = parsed.article.body_start
        self.paras = paragraphs(self.text, start=body)
        # The headline paragraph, if the body opens with one; it is read like the body only when
        # the convention asks for headline attributions.
        end = self._headline_end()
        self.headline: tuple[int, int] | None = (self.paras[0][0], end) if end else None
        self.headline_end = 0 if headlines else end
        self.quotes = [q for q in find_quotes(self.text, start=body) if q.open >= self.headline_end]
        self.tok_starts = [t.idx for t in self.doc]
        self.in_quote = [False] * len(self.doc)
        for q in self.quotes:
            for i in range(self._tok_at(q.start), self._tok_at(q.end - 1) + 1):
                self.in_quote[i] = True
        # Orthographic sentences (not the parser's): the brief shows this span as the source
        # sentence, so it must be whole sentences and never the `` date ...`` header.
        self.sents = sentence_spans(self.text, start=body) or [(body, len(self.text))]
        self.sent_starts = [s for s, _ in self.sents]
        self.para_starts = [s for s, _ in self.paras]

    def _headline_end(self) -> int:
        """End of a headline paragraph opening the body, else the body start."""
        if len(self.paras) < 2:
            return 0
        s, e = self.paras[0]
        first = self.text[s:e]
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", first)]
        caps = sum(w[0].isupper() for w in words)
        title_case = len(words) >= 4 and caps >= 0.7 * len(words)
        no_stop = not re.search(r"[.!?][\"”’']?$", first)
        if len(first) <= knob("headline_max_chars") and "\n" not in first and (title_case or no_stop):
            return e
        return 0

    def _tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def token_at(self, char: int) -> Token:
        return self.doc[self._tok_at(char)]

    def sent_span(self, start: int, end: int) -> tuple[int, int]:
        """The orthographic sentence(s) covering ``start``..``end``."""
        i = max(0, bisect.bisect_right(self.sent_starts, start) - 1)
        j = max(i, bisect.bisect_right(self.sent_starts, max(start, end - 1)) - 1)
        return self.sents[i][0], self.sents[j][1]

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def quote_at(self, char: int) -> Quote | None:
        for q in self.quotes:
            if q.open <= char < q.close:
                return q
        return None


# --------------------------------------------------------------------------- cues


def _negated(tok: Token) -> bool:
    doc = tok.doc
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"}:
            # A "not" the parser hangs on the cue from inside a quote ("“Apparently not,” he said")
            # is what was said, not a negated cue.
            lo, hi = sorted((c.i, tok.i))
            if not any(t.is_quote for t in doc[lo + 1 : hi]):
                return True
    head = tok.head
    # "declined to say", "refused to confirm"
    return tok.dep_ == "xcomp" and head.lemma_ in {"decline", "refuse", "fail"}


def _passive_without_agent(tok: Token) -> bool:
    kids = {c.dep_ for c in tok.children}
    return ("auxpass" in kids or "nsubjpass" in kids) and "agent" not in kids


def _cue_phrase(tok: Token) -> tuple[str, frozenset[str]] | None:
    """The cue text if ``tok`` is a reporting verb in this use, with its required particles."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in {"VERB", "AUX"} or lemma not in verbs():
        return None
    # "referring to X" is the writer's gloss on what was said; "was to blame" is a verdict.
    if lemma == "refer" and tok.tag_ == "VBG":
        return None
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "be":
        return None
    has_agent = any(c.dep_ == "agent" for c in tok.children)
    # "Asked about the deal, Nuland said ...": the one asked speaks in the main clause; the
    # participle only gives the question's topic.
    if (
        lemma == "ask"
        and tok.tag_ == "VBN"
        and not has_agent
        and not any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in tok.children)
    ):
        return None
    if tok.tag_ == "VBN" and tok.dep_ in {"amod", "acl"} and not has_agent and _stranded_subject(tok) is None:
        return None
    parts, required = object_verbs().get(lemma, (frozenset(), False))
    particles = [
        c for c in tok.rights if c.dep_ in {"prt", "prep"} and c.lower_ in parts and c.i == tok.i + 1
    ]
    if lemma == "point":
        particles = [c for c in tok.rights if c.dep_ == "prt" and c.lower_ == "out"]
        if not particles:
            return None
    if required and not particles and not _has_clause(tok):
        return None
    text = tok.text
    if particles:
        text = tok.doc[tok.i : particles[0].i + 1].text
    return text, parts


def _stranded_subject(tok: Token) -> Token | None:
    """The subject of a predicate the parser lost after a long subject: in ``Stevens, who served as
    Romney's strategist, called Trump's statements "childish"`` the sentence root is the name and
    the verb hangs on the last noun of the relative clause.  A past-tense verb right after the
    comma closing a name's apposition or relative clause is that name's predicate."""
    doc = tok.doc
    root = tok.sent.root
    if tok.tag_ not in {"VBD", "VBN"} or tok.i < 2 or doc[tok.i - 1].text != ",":
        return None
    if root.pos_ != "PROPN" or root.i >= tok.i or root.i + 1 >= len(doc) or doc[root.i + 1].text != ",":
        return None
    if any(t.pos_ in {"VERB", "AUX"} and t.dep_ in {"ROOT", "ccomp"} for t in doc[root.i : tok.i]):
        return None
    return root


def _has_clause(tok: Token) -> bool:
    return any(c.dep_ in CONTENT_DEPS for c in tok.children)


def _subject(tok: Token) -> Token | None:
    """The speaker token of a cue, inherited along ``adding``/``and said`` chains."""
    seen = 0
    cue = tok
    while seen < 6:
        seen += 1
        # The parser sometimes gives a verb two subjects, one of them a word of the quote before it
        # ("'..., its heart beating, ...' said Carly Fiorina"): the nearer one is the verb's own.
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            return min(subjects, key=lambda c: abs(c.i - tok.i))
        for c in tok.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        # "RIA quoted X as saying ...": the speaker is the quoted object.
        if tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.head.lemma_ in {"quote", "cite"}:
            verb = tok.head.head
            objs = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
            if objs:
                return objs[0]
            return None
        if tok.dep_ not in INHERIT_DEPS or tok.head.i == tok.i:
            found = _left_neighbour(tok) or _inverted_subject(tok)
            # '"Outrageous," tweeted the US ambassador': a cue the parser hung on a word of the quote
            # before it still has the name after it.
            return found or (_inverted_subject(cue) if cue.i != tok.i else None)
        if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN"}:
            return _stranded_subject(tok)
        # "said A, adding that B": the participle's speaker is the reporting verb's subject,
        # even when the parser hangs it on the reported clause.
        for anc in tok.ancestors:
            if anc.lemma_.lower() in verbs() and anc.i != tok.i:
                subj = [c for c in anc.children if c.dep_ in {"nsubj", "csubj"}]
                if subj:
                    return subj[0]
                if anc.dep_ == "conj" and anc.head.i != anc.i and anc.head.pos_ in {"VERB", "AUX"}:
                    # "Kyiv denied it and said Moscow was to blame, accusing ...": the reporting
                    # verb shares the subject of the verb it is coordinated with.
                    subj = [c for c in anc.head.children if c.dep_ in {"nsubj", "csubj"}]
                    if subj:
                        return subj[0]
                break
        tok = tok.head
    return None


def _left_neighbour(tok: Token) -> Token | None:
    """Fallback for a misparsed cue: the name or noun right before it (``Bernie Sanders said``)."""
    doc = tok.doc
    i = tok.i - 1
    while i >= 0 and doc[i].pos_ in {"ADV", "AUX", "PART"} and doc[i].dep_ in {"advmod", "aux", "neg"}:
        i -= 1
    if i < 0 or doc[i].pos_ not in {"PROPN", "NOUN", "PRON"} or doc[i].is_space:
        return None
    if tok.dep_ == "ROOT" and any(c.dep_ in {"nsubjpass", "expl"} for c in tok.children):
        return None
    if doc[i].dep_ in {"pobj", "dobj", "poss"}:
        return None
    return doc[i]


INVERSION_SKIP = {"det", "amod", "compound", "advmod", "nummod", "poss", "case", "punct"}


def _inverted_subject(tok: Token) -> Token | None:
    """Fallback for ``"...," said David Brock, a ...`` when the parser gives the cue no subject:
    the name right after a cue that follows a closing quote mark or comma."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is None or not (prev.is_punct or prev.is_quote) or prev.text in {".", "!", "?"}:
        return None
    i = tok.i + 1
    # "said matter-of-factly Bill Eastland" is rare; "said the woman", "says Evan Tracey" are not.
    while i < len(doc) and i <= tok.i + 4:
        t = doc[i]
        if t.is_punct or t.is_space:
            return None
        name_like = t.pos_ in {"PROPN", "NOUN", "PRON"} or (t.is_title and t.is_alpha and t.pos_ != "ADP")
        if name_like:
            # "said former tech executive Carly Fiorina": a common noun compounded onto the name
            # after it is part of the name's description, not the speaker.
            # So is a country name before a title ("said the US ambassador to Kyiv").
            while (
                t.dep_ == "compound"
                and (t.pos_ == "NOUN" or (t.head.pos_ == "NOUN" and t.head.lower_ in titles()))
                and i < t.head.i <= tok.i + 6
            ):
                i = t.head.i
                t = doc[i]
            # The end of a proper-noun run is its head ("David Brock").
            while (
                i + 1 < len(doc)
                and doc[i + 1].is_title
                and doc[i + 1].pos_ in {"PROPN", "ADV", "NOUN"}
                and t.pos_ != "PRON"
            ):
                i += 1
            return doc[i]
        if t.lower_ not in {"the", "a", "an"} and t.dep_ not in INVERSION_SKIP:
            return None
        i += 1
    return None


def _content_tokens(ctx: Context, cue: Token) -> tuple[list[Token], bool]:
    """The content of a cue as tokens, and whether it is an object complement."""
    lemma = cue.lemma_.lower()
    para = ctx.para_of(cue.idx)
    clauses = [c for c in cue.children if c.dep_ in CONTENT_DEPS and ctx.para_of(c.idx) == para]
    if not clauses:
        clauses = _stranded_clauses(cue)
    # "While not everything Trump says is true, Jamieson said Trump is ...": a clause opened by an
    # adverbial conjunction is the writer's framing that the parser took for a second complement.
    framed = [c for c in clauses if c.left_edge.dep_ == "mark" and c.left_edge.lower_ in ADVERBIAL_MARKS]
    if framed and len(framed) < len(clauses):
        clauses = [c for c in clauses if c not in framed]
    clauses.sort(key=lambda c: abs(c.i - cue.i))
    if (
        lemma
        in {
            "urge",
            "ask",
            "call",
            "warn",
            "accuse",
            "press",
            "promise",
            "pledge",
            "vow",
            "threaten",
            "demand",
            "propose",
        }
        or not clauses
    ):
        obj = object_verbs().get(lemma)
        if obj is not None and lemma not in {"say", "add"}:
            comp = _object_complement(cue, obj)
            if lemma == "ask" and not any(t.pos_ in {"VERB", "AUX"} or ctx.in_quote[t.i] for t in comp):
                # "asked workers", "asked him a question", "asked about it": only the person asked or
                # the topic, not what was asked for.
                comp = []
            if comp and not (
                clauses
                and lemma in {"warn", "promise", "pledge", "vow"}
                and not any(c.dep_ == "dobj" for c in cue.children)
            ):
                return comp, True
    if clauses:
        head = clauses[0]
        # A participle clause trailing the content after a comma (", heightening concerns that
        # ...") is the writer's comment on the news, not part of what was said.
        tail = {
            g.i
            for c in head.rights
            if c.dep_ == "advcl"
            and c.tag_ == "VBG"
            and c.i > cue.i
            and _after_comma(c.doc, c.left_edge.i)
            and not any(k.dep_ in SUBJ_DEPS for k in c.children)
            for g in c.subtree
        }
        # A relative clause set off by a comma that ends the content and describes a name in it
        # (", who was sentenced to 25 years ...") is the writer's background on that person.
        right = head.right_edge.i
        tail |= {
            g.i
            for t in head.subtree
            if t.pos_ == "PROPN" and t.i > cue.i
            for c in t.rights
            if c.dep_ == "relcl"
            and c.right_edge.i == right
            and _after_comma(c.doc, c.left_edge.i)
            and c.left_edge.lower_ in {"who", "whose", "which"}
            for g in c.subtree
        }
        return [t for t in head.subtree if t.i not in tail], False
    # Parenthetical cue: "Content, he said, and more" / "The goal, he said, is to ..." — the content
    # is the clause it hangs on, on both sides of the cue.  Only a cue with its own subject set off
    # by a comma or dash is parenthetical; a verb that inherits its subject ("adopted an accent and
    # joked") is a second predicate, not an attribution.
    head = cue.head
    if (
        cue.dep_ in {"parataxis", "ccomp", "advcl", "conj"}
        and head.i != cue.i
        and ctx.para_of(head.idx) == para
        and _parenthetical(cue)
    ):
        inner = {t.i for t in cue.subtree}
        toks = [t for t in head.subtree if t.i not in inner]
        before = [t for t in toks if t.i < cue.left_edge.i and not t.is_punct]
        if head.i < cue.i and head.head.i == head.i:
            return toks, False
        # A cue before its head is parenthetical only with content on its left and a comma after.
        doc = cue.doc
        edge = cue.right_edge.i
        marks = {",", "—", "–"}
        comma = doc[edge].text in marks or (edge + 1 < len(doc) and doc[edge + 1].text in marks)
        if head.i > cue.i and before and comma:
            return toks, False
    return _quoted_object(ctx, cue), False


def _quoted_object(ctx: Context, cue: Token) -> list[Token]:
    """``Clinton emphasized the need for an "unshakeable commitment"``: a reporting verb with no
    clause whose direct object holds quoted words reports them; the object is the content (mixed
    quote, reported speech).  An object without quote marks is a topic, not content."""
    para = ctx.para_of(cue.idx)
    for c in cue.rights:
        if c.dep_ != "dobj" or ctx.para_of(c.idx) != para:
            continue
        sub = list(c.subtree)
        if any(ctx.in_quote[t.i] and t.is_alpha for t in sub) and not all(
            ctx.in_quote[t.i] or t.is_punct for t in sub
        ):
            return sub
    return []


def _after_comma(doc: Doc, i: int) -> bool:
    """Whether token ``i`` follows a comma, or a comma and a closing quote mark (``...,” referring``)."""
    prev = doc[i - 1] if i > 0 else None
    if prev is not None and prev.is_quote and i > 1:
        prev = doc[i - 2]
    return prev is not None and prev.text == ","


def _stranded_clauses(cue: Token) -> list[Token]:
    """A that-clause the parser hung on the medium of a cue: in ``said in a statement that C`` it
    makes ``C`` a clause of ``statement``, yet ``C`` is what was said."""
    out = []
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for c in obj.rights:
                if (
                    c.dep_ in {"acl", "relcl", "ccomp"}
                    and c.pos_ in {"VERB", "AUX"}
                    and any(
                        k.dep_ == "mark" and k.lower_ == "that" and k.i == c.left_edge.i for k in c.children
                    )
                ):
                    out.append(c)
    return out


def _parenthetical(cue: Token) -> bool:
    """Whether ``cue`` has its own subject right before it, set off by a comma or dash."""
    subj = [c for c in cue.children if c.dep_ in {"nsubj", "csubj"} and c.i < cue.i]
    if not subj:
        return False
    before = subj[0].left_edge.i - 1
    return before >= 0 and cue.doc[before].text in {",", "—", "–", "-", "--", "(", ";", ":"}


def _object_complement(cue: Token, spec: tuple[frozenset[str], bool]) -> list[Token]:
    """Everything the verb governs to its right: ``the US of blockading ...``."""
    lemma = cue.lemma_.lower()
    rights = [
        c
        for c in cue.rights
        if c.dep_ not in {"punct", "cc", "conj", "advcl", "npadvmod", "advmod", "agent"}
        and not (
            c.dep_ == "prep"
            and c.lower_ in {"during", "after", "before", "at", "on", "in"}
            and not (lemma == "call" and c.lower_ == "on")
        )
    ]
    if not rights:
        return []
    nouns = load_set("reporting_nouns_object.txt")
    if lemma == "express" and not any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in rights):
        return []
    if lemma in {"call", "describe", "praise", "name", "cite", "refer", "dub", "label"}:
        kinds = {c.dep_ for c in rights} | {c.lower_ for c in rights}
        # "called Merkel "the chancellor of the free world"": the parser often makes the quoted
        # name an object or a preposition, but the quote marks show it is a naming.
        end = max(c.right_edge.i for c in rights)
        quoted = any(t.is_quote for t in cue.doc[cue.i + 1 : end + 2])
        if not (kinds & {"oprd", "xcomp", "ccomp", "as", "for", "on", "to", "attr"}) and not quoted:
            return []
    parts, required = spec
    prts = [c for c in rights if c.lower_ in parts and c.dep_ in {"prep", "prt"}]
    if required and not prts:
        return []
    if prts and rights[0].i == prts[0].i:
        rights = [*prts[0].rights, *(c for c in rights if c.i > prts[0].i)]
    toks: list[Token] = []
    for c in rights:
        toks.extend(c.subtree)
    return sorted(toks, key=lambda t: t.i)


def _contiguous(ctx: Context, toks: list[Token], cue: Token, others: set[int]) -> tuple[int, int] | None:
    """The char span of the content: the run of ``toks`` that avoids nested cues and ``according
    to`` phrases, trimmed of leading ``that`` and trailing punctuation."""
    if not toks:
        return None
    idx = {t.i for t in toks}
    doc = ctx.doc
    banned: set[int] = set()
    for t in toks:
        if (
            t.i in others
            and t.i != cue.i
            and t.dep_ in {"ccomp", "parataxis"}
            and any(c.dep_ in CONTENT_DEPS and c.i < t.i for c in t.children)
        ):
            # "said C, RIA reported": the relaying outlet is not part of the content.
            keep = {g.i for c in t.children if c.dep_ in CONTENT_DEPS and c.i < t.i for g in c.subtree}
            banned |= {g.i for g in t.subtree} - keep
            continue
        if t.i in others and t.i != cue.i and t.dep_ in {"advcl", "conj", "parataxis"}:
            sub = {g.i for g in t.subtree}
            banned |= sub
            # The conjunction or comma that joins it goes too.
            banned |= {
                c.i for c in t.head.children if c.dep_ in {"cc", "punct"} and c.i < t.i and c.i > min(sub) - 3
            }
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            banned |= {g.i for g in t.subtree}
    idx -= banned
    # The parser sometimes joins paragraphs into one sentence; content never crosses one.
    para = ctx.para_of(cue.idx)
    idx = {i for i in idx if ctx.para_of(doc[i].idx) == para and not doc[i].is_space}
    if not idx:
        return None
    # The run that touches the cue's side of the content.
    runs = _runs(sorted(idx))
    # Content on both sides of a parenthetical cue ("The goal, he said, is ...") is one statement:
    # runs separated only by the cue's own phrase are joined.
    own = {t.i for t in cue.subtree}
    joined = [runs[0]]
    for r in runs[1:]:
        gap = range(joined[-1][-1] + 1, r[0])
        if cue.i in gap and all(g in own or doc[g].is_punct for g in gap):
            joined[-1] = [*joined[-1], *gap, *r]
        else:
            joined.append(r)
    runs = joined
    near = min(runs, key=lambda r: min(abs(r[0] - cue.i), abs(r[-1] - cue.i)))
    first, last = near[0], near[-1]
    # Drop leading connectives and trailing punctuation.
    while first <= last and (doc[first].lower_ in LEAD_TRIM or doc[first].is_space):
        first += 1
    if first > last:
        return None
    s, e = doc[first].idx, doc[last].idx + len(doc[last])
    return _trim(ctx.text, s, e)


def _runs(ids: list[int]) -> list[list[int]]:
    """Split sorted token indices into runs of consecutive ones."""
    runs: list[list[int]] = [[ids[0]]]
    for i in ids[1:]:
        if i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _trim(text: str, s: int, e: int) -> tuple[int, int] | None:
    while e > s and (text[e - 1] in TRAIL_PUNCT):
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return (s, e) if e > s else None


def _according(ctx: Context, tok: Token) -> Raw | None:
    """``According to X, content`` / ``content, according to X``."""
    doc = ctx.doc
    if not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"):
        return None
    objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
    if not objs:
        return None
    phrase = {g.i for g in tok.subtree}
    head = tok.head if tok.head.i != tok.i else None
    sent = tok.sent
    if head is None:
        return None
    toks = [t for t in head.subtree if t.i not in phrase] if head.i not in phrase else []
    if not toks:
        toks = [t for t in sent if t.i not in phrase]
    span = _contiguous_around(ctx, toks, tok)
    if span is None:
        return None
    source = objs[0]
    named = comma_name(source)
    if named is not None:
        # "According to the governor, Oleksandr Starukh, two people ...": the name set off by
        # commas after a title is the source, and no part of the content.
        name_toks, role = named
        phrase |= {t.i for t in name_toks} | {name_toks[0].i - 1, name_toks[-1].i + 1}
        toks = [t for t in toks if t.i not in phrase]
        span = _contiguous_around(ctx, toks, tok)
        if span is None:
            return None
        last = name_toks[-1]
        mention = Mention(
            _clean_text(doc[name_toks[0].i : last.i + 1].text), role, "name", last.idx, True, last.text
        )
        return Raw(span[0], span[1], False, "according to", mention, tok.idx, cue_i=tok.i)
    if source.lemma_.lower() == "interview":
        # "According to an interview with BuzzFeed News, Phillips ...": the interviewee speaks, not
        # the outlet that ran the interview; it is the clause's named subject.
        subj = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "PROPN"]
        if subj:
            source = subj[0]
    return Raw(span[0], span[1], False, "according to", describe(source), tok.idx, cue_i=tok.i)


def _clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:")


SOURCE_HEADS = {"source", "official", "person", "people", "diplomat", "officer", "insider"}


def _cited_source(cue: Token) -> Token | None:
    """``Bloomberg reported, citing sources``: the cited source, which is the original speaker."""
    for c in cue.children:
        if c.dep_ in {"advcl", "xcomp", "conj"} and c.lemma_ in {"cite", "quote"} and c.tag_ == "VBG":
            objs = [g for g in c.children if g.dep_ == "dobj"]
            if objs and (
                objs[0].pos_ == "PROPN"
                or objs[0].lemma_.lower() in SOURCE_HEADS
                or objs[0].lemma_.lower() in institutions()
            ):
                return objs[0]
    return None


def _contiguous_around(ctx: Context, toks: list[Token], phrase_tok: Token) -> tuple[int, int] | None:
    """The longest contiguous run of ``toks``, trimmed."""
    if not toks:
        return None
    doc = ctx.doc
    para = ctx.para_of(phrase_tok.idx)
    ids = sorted(t.i for t in toks if not t.is_space and ctx.para_of(t.idx) == para)
    if not ids:
        return None
    best = max(_runs(ids), key=len)
    first, last = best[0], best[-1]
    while (
        first <= last
        and (doc[first].lower_ in LEAD_TRIM or doc[first].is_punct)
        and doc[first].text not in "“\"‘'"
    ):
        first += 1
    if first > last:
        return None
    return _trim(ctx.text, doc[first].idx, doc[last].idx + len(doc[last]))


def _cue_candidates(ctx: Context) -> Iterator[Raw]:
    doc = ctx.doc
    cue_toks: dict[int, tuple[str, frozenset[str]]] = {}
    for tok in doc:
        if ctx.in_quote[tok.i] or tok.idx < ctx.headline_end:
            continue
        if tok.lower_ == "according":
            raw = _according(ctx, tok)
            if raw is not None:
                yield raw
            continue
        phrase = _cue_phrase(tok)
        if phrase is not None:
            cue_toks[tok.i] = phrase
    others = set(cue_toks)
    for i, (cue_text, _parts) in cue_toks.items():
        tok = doc[i]
        if _negated(tok):
            continue
        subj = _subject(tok)
        if subj is None:
            continue
        if subj.dep_ == "nsubjpass" and tok.dep_ != "pcomp":
            continue
        prev = doc[tok.i - 1] if tok.i >= 1 else None
        if prev is not None and prev.text == "," and tok.i >= 2:
            prev = doc[tok.i - 2]
        if subj.i > tok.i and prev is not None and prev.is_quote and prev.text in "”\"'":
            # '"...," said the woman, who ...': the quote before is the content; a clause the parser
            # hangs on the inverted cue belongs to the speaker's description.  The quote pass
            # attributes it.
            continue
        if _passive_without_agent(tok) and subj.dep_ != "pobj":
            continue
        toks, _obj = _content_tokens(ctx, tok)
        toks = [t for t in toks if t.i != subj.i and t not in subj.subtree] if toks else toks
        span = _contiguous(ctx, toks, tok, others)
        if span is None:
            continue
        if span[0] <= subj.idx < span[1] and not span[0] <= tok.idx < span[1]:
            # A misparse made a word of the content its subject ("Kyiv ... said Moscow was to blame").
            continue
        source: Token | Mention = _cited_source(tok) or subj
        if (
            subj.i > tok.i
            and toks
            and subj.right_edge.i + 1 == min(t.i for t in toks)
            and subj.pos_ in {"PROPN", "NOUN"}
            and not any(t.is_quote for t in doc[tok.i : subj.i])
        ):
            # "Victoria Nuland, an under secretary, said Moscow recognized ...": the parser took the
            # content's subject for the cue's; the content starts with it, and the speaker is the
            # person named before the cue.
            head = min(toks, key=lambda t: t.i).head
            alt = _near_speaker(ctx, tok, neighbours=False) if head.pos_ in {"VERB", "AUX"} else None
            if alt is None or alt.pos > tok.idx:
                continue
            span = _trim(ctx.text, doc[subj.left_edge.i].idx, span[1]) or span
            source = alt
        mention = source if isinstance(source, Mention) else describe(source)
        yield Raw(span[0], span[1], False, cue_text, mention, tok.idx, cue_i=i)


# --------------------------------------------------------------------------- quotes


def _quotes_in(ctx: Context, s: int, e: int) -> list[Quote]:
    return [q for q in ctx.quotes if q.open < e and q.close > s]


def _settle(ctx: Context, raw: Raw) -> list[Raw]:
    """Direct or reported: split a cue's content into its quotes when all of it is quoted."""
    s, e = raw.start, raw.end
    qs = _quotes_in(ctx, s, e)
    if not qs:
        return [raw]
    s2, e2 = min([s, *(q.open for q in qs if q.open < s <= q.end)]), e
    if any(q.start <= e <= q.end for q in qs):
        # Content ending inside a quote runs to its closing mark.
        q = next(q for q in qs if q.start <= e <= q.end)
        e2 = q.close if q.closed else q.end
    outside = ctx.text[s2:e2]
    for q in sorted(qs, key=lambda q: -q.open):
        a, b = max(q.open, s2) - s2, min(q.close, e2) - s2
        outside = outside[:a] + " " * (b - a) + outside[b:]
    outside = re.sub(r"^\s*that\b", "", outside)
    if not WORD_RE.search(outside):
        return [replace(raw, start=q.start, end=q.end, direct=True) for q in qs]
    if e2 > e and ctx.text[e:e2].strip(" ,.;:”\"’'—–-") and len(ctx.text[e:e2]) > 0:
        e2 = e
    return [replace(raw, start=s2, end=e2)]


def _ends_sentence(ctx: Context, q: Quote) -> bool:
    """Whether the quote closes its sentence: final stop inside the marks and a capital after them
    (``"... a crime." Zelensky then said ...``)."""
    after = ctx.text[q.close : q.close + 40].lstrip()
    return q.closed and ctx.text[q.end - 1 : q.end] in {".", "!", "?"} and after[:1].isupper()


def _cue_after(ctx: Context, q: Quote, cues: dict[int, Raw]) -> Raw | None:
    """A reporting verb right after a closing mark: ``"...," he said`` / ``said Caddell``."""
    doc = ctx.doc
    if q.close >= len(ctx.text):
        return None
    i = ctx._tok_at(q.close)
    if doc[i].idx < q.close:
        i += 1
    para_end = ctx.paras[ctx.para_of(q.open)][1]
    gap = 0
    # Whether the words after the quote start with the speaker ("..." Trump, the ..., said).
    k = i
    while k < len(doc) and (doc[k].is_punct or doc[k].is_space) and k - i < 3:
        k += 1
    subject_first = k < len(doc) and (doc[k].dep_ in SUBJ_DEPS or doc[k].head.dep_ in SUBJ_DEPS)
    while i < len(doc) and gap <= knob("max_cue_gap_tokens") and doc[i].idx < para_end:
        t = doc[i]
        if ctx.in_quote[i]:
            return None
        if i in cues:
            return cues[i]
        if t.text in {".", "!", "?"} and gap > 0:
            return None
        # The speaker's apposition or relative clause ("Trump, the GOP front-runner and polling
        # leader in South Carolina, said") does not count towards the distance.
        described = subject_first and any(
            a.dep_ in {"appos", "relcl"} and a.head.idx >= q.close
            for a in (t, *t.ancestors)
            if a.idx >= q.close
        )
        gap += 0 if t.is_punct or described else 1
        i += 1
    return None


def _cue_before(ctx: Context, q: Quote, cues: dict[int, Raw], bare: dict[int, Mention]) -> Raw | None:
    """A reporting verb right before an opening mark: ``X said: "..."``, ``added, "..."``."""
    doc = ctx.doc
    lead = ctx.text[max(0, q.open - 200) : q.open]
    para_start = ctx.paras[ctx.para_of(q.open)][0]
    lo = para_start
    if q.at_para_start and ctx.para_of(q.open) > 0:
        prev = ctx.paras[ctx.para_of(q.open) - 1]
        if ctx.text[prev[0] : prev[1]].rstrip().endswith(":"):
            lo = prev[0]
        else:
            return None
    i = ctx._tok_at(q.open) - 1
    # "the protesters chanted “...”", "Kasich cautioned “...”": the quote is the verb's own object.
    # A naming verb before a quote names something ("a group called “We The People”").
    verb_first = (
        i >= 0
        and (i in cues or i in bare)
        and doc[i].lemma_.lower() not in NAMING_VERBS
        and not ctx.text[doc[i].idx + len(doc[i]) : q.open].strip()
    )
    # "Sam Lau said in a statement. “There are ...”": a sentence whose cue has no content of its
    # own, ended by a full stop right before the quote, introduces it.
    after_stop = not verb_first and ctx.text[max(0, q.open - 2) : q.open].rstrip().endswith(".")
    if (
        not verb_first
        and not after_stop
        and not re.search(r"[:,]\s*$|\b(?:that|said|says|added|told|wrote|tweeted)\s*$", lead)
    ):
        return None
    steps = 0
    while i >= 0 and doc[i].idx >= lo and steps < 12:
        if ctx.in_quote[i] and doc[i].idx < q.open:
            return None
        if doc[i].text in {".", "!", "?"} and steps > 0:
            return None
        if after_stop and (i in cues or (i in bare and doc[i].pos_ in {"VERB", "AUX"} and steps > 0)):
            # Only a sentence of its own: one that also holds a quote attributes that quote, and
            # the quote after it goes on in the same voice.
            sent = ctx.sent_span(doc[i].idx, doc[i].idx + 1)
            if (
                i in cues
                or not _ends_clause(doc[i], doc[ctx._tok_at(q.open) - 1])
                or _quotes_in(ctx, sent[0], doc[i].idx)
            ):
                return None
        if i in cues or i in bare:
            between = ctx.text[doc[i].idx + len(doc[i]) : q.open]
            if (
                not re.search(r"\b(?:that|which|who)\s*$", between) and "\n" not in between.strip("\n: ")
            ) or between.strip().endswith(":"):
                if i in cues:
                    return cues[i]
                t = doc[i]
                return Raw(q.start, q.end, True, t.text, bare[i], t.idx, cue_i=i)
        steps += 1
        i -= 1
    return None


def _has_object(ctx: Context, cue: Token) -> bool:
    """Whether a cue governs an object or complement outside quotation marks."""
    return any(
        c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "oprd"} and not ctx.in_quote[c.i] for c in cue.children
    )


def _ends_clause(cue: Token, stop: Token) -> bool:
    """Whether the words between a content-less cue and the full stop after it are only its own
    adverbials (``said in a statement.``, ``told reporters on Tuesday.``): no other verb, no quote."""
    between = cue.doc[cue.i + 1 : stop.i]
    return all(t.pos_ not in {"VERB", "AUX"} and not t.is_quote for t in between) and all(
        cue.i in {a.i for a in t.ancestors} for t in between
    )


DASH_RE = re.compile(r"\A[\s,\u00a0]*(?:—|–|―|--|-)[\s\u00a0]*(?=[A-Z])")


def _dash_speaker(ctx: Context, q: Quote) -> Mention | None:
    """``"..." — Commissioner X``: the phrase after a dash following the quote."""
    m = DASH_RE.match(ctx.text[q.close : q.close + 10])
    if not m:
        return None
    t = ctx.token_at(q.close + m.end())
    # The phrase's head: climb while the head stays after the dash, in the same sentence.
    head = t
    while head.head.i != head.i and head.head.idx >= t.idx and head.head.sent == t.sent:
        head = head.head
    if head.pos_ not in {"PROPN", "NOUN"}:
        return None
    return describe(head)


# Objects that make a clause before a colon an attribution ("she had one message: ...").
SPEECH_NOUNS = {
    "message",
    "comment",
    "comments",
    "words",
    "statement",
    "response",
    "answer",
    "reply",
    "warning",
    "advice",
    "explanation",
    "remark",
    "remarks",
    "retort",
    "verdict",
    "question",
    "plea",
    "note",
    "tweet",
    "post",
    "quote",
    "line",
    "assessment",
    "take",
    "prediction",
    "promise",
    "pitch",
}


def _colon_attribution(ctx: Context, q: Quote) -> Raw | None:
    """A quote after a colon whose lead-in names the speaker: a bare name (``Clinton: "..."``,
    ``- Pew Research: "..."``) or a clause whose verb or object is speech (``Sanders made the
    following comment:``, ``Caddell continued:``, ``she had one message:``)."""
    doc = ctx.doc
    lead = ctx.text[max(0, q.open - 3) : q.open]
    if not lead.rstrip().endswith(":"):
        # A quote paragraph after a paragraph that ends with the colon.
        if not (q.at_para_start and ctx.para_of(q.open) > 0):
            return None
        ps, pe = ctx.paras[ctx.para_of(q.open) - 1]
        if not ctx.text[ps:pe].endswith(":"):
            return None
        colon = ctx.token_at(pe - 1)
    else:
        colon = ctx.token_at(q.open - len(lead) + lead.rindex(":"))
    if colon.text != ":" or colon.i == 0 or ctx.in_quote[colon.i - 1]:
        return None
    # A bare name: the words from the sentence or dash start up to the colon are a proper name.
    j = colon.i - 1
    while j > 0 and doc[j - 1].pos_ == "PROPN" and not doc[j - 1].is_space and colon.i - j < 4:
        j -= 1
    before = doc[j - 1] if j > 0 else None
    starts = (
        before is None
        or before.is_space
        or before.text in {"-", "—", "–", ".", "\n"}
        or before.idx < ctx.paras[ctx.para_of(colon.idx)][0]
    )
    if starts and all(doc[k].pos_ == "PROPN" for k in range(j, colon.i)):
        head = doc[colon.i - 1]
        return Raw(q.start, q.end, True, None, describe(head), q.open)
    # A clause: its root's subject speaks when the root is a speech verb or has a speech noun object.
    root = doc[colon.i - 1]
    while root.head.i != root.i and root.head.i < colon.i:
        root = root.head
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    subj = [c for c in root.children if c.dep_ in {"nsubj"}]
    speechy = (root.lemma_.lower() in verbs() or _quote_verb(root)) or any(
        c.dep_ in {"dobj", "attr"} and c.lemma_.lower() in SPEECH_NOUNS for c in root.children
    )
    if not subj or not speechy or _negated(root):
        return None
    return Raw(q.start, q.end, True, root.text, describe(subj[0]), root.idx, cue_i=root.i)


# --------------------------------------------------------------------------- assembly


# Labels that open a headline before a colon without naming a source ("The Latest: ...").
@cache
def headline_labels() -> frozenset[str]:
    return load_set("headline_labels.txt")


def _headline_colon(ctx: Context) -> Raw | None:
    """``Issa: Hillary Clinton's 'Honesty Is In Question.'``: a headline whose lead-in before a
    colon is a short phrase that can speak; what follows the colon is what it said."""
    if ctx.headline is None:
        return None
    hs, he = ctx.headline
    line = ctx.text[hs:he]
    m = re.match(r"([^:\"“‘]{2,60}?)\s*:\s+(?=\S)", line)
    if not m or m.group(1).strip().lower() in headline_labels():
        return None
    lead = m.group(1)
    if len(lead.split()) > 6 or not lead[:1].isupper():
        return None
    span = _trim(ctx.text, hs + m.end(), he)
    if span is None or len(ctx.text[span[0] : span[1]].split()) < 3:
        return None
    first = ctx.token_at(hs)
    last = ctx.token_at(hs + len(lead.rstrip()) - 1)
    # The lead-in's own head: the token of the phrase whose head lies outside it.
    heads = [t for t in ctx.doc[first.i : last.i + 1] if not first.i <= t.head.i <= last.i or t.head.i == t.i]
    head = heads[0] if heads else last
    if head.pos_ not in {"PROPN", "NOUN"}:
        return None
    mention = describe(head)
    if not mention.speakable:
        return None
    return Raw(span[0], span[1], False, None, mention, head.idx)


def _raw_statements(ctx: Context, *, headlines: bool = False) -> list[Raw]:
    doc = ctx.doc
    cands = list(_cue_candidates(ctx))
    if headlines:
        colon = _headline_colon(ctx)
        if colon is not None and not any(colon.start < r.end and r.start < colon.end for r in cands):
            cands.append(colon)
    # Relayed statements: an outer cue whose content holds another cue's statement yields to it.
    by_cue = {r.cue_i: r for r in cands if r.cue_i >= 0}
    keep = []
    for r in cands:
        # "X said C, AFP reported" / "Turkey's minister said Russian officials told Ankara C": only
        # the original source speaks.  A pronoun inside content placed after its cue ("saying it
        # had informed ...") is part of what was said, not a relay.
        inner = [
            o
            for o in cands
            if o is not r
            and r.start <= doc[o.cue_i].idx < r.end
            and o.end >= r.end - 2
            and o.mention is not None
            and (o.mention.kind != "pronoun" or r.anchor > r.end)
        ]
        if inner and r.cue != "according to":
            continue
        keep.append(r)
    # A cue inside another statement's content whose subject is a pronoun ("told AP they concluded
    # ...", "wrote that she agreed ...") is part of what the outer speaker said, not a statement of
    # its own.
    kept = set(map(id, keep))
    keep = [
        r
        for r in keep
        if not (
            r.mention is not None
            and r.mention.kind == "pronoun"
            and any(
                id(o) in kept and o is not r and o.start <= r.anchor < o.end and o.cue_i != r.cue_i
                for o in keep
            )
        )
    ]
    out: list[Raw] = []
    used: set[int] = set()
    for r in keep:
        for s in _settle(ctx, r):
            if s.direct:
                q = ctx.quote_at(s.start)
                if q is not None:
                    if q.open in used:
                        continue
                    used.add(q.open)
                s = _attribute_direct(ctx, s)
            elif s.mention is not None and not s.mention.speakable and s.cue_i >= 0:
                # Reported speech whose parsed subject cannot speak ("Saturday at the convention Sen.
                # Warren said ..."): the name next to the cue, if any; otherwise it stays dropped.
                alt = _near_speaker(ctx, ctx.doc[s.cue_i], scan=False)
                s = replace(s, mention=alt) if alt is not None and alt.speakable else s
            out.append(s)
    # Cue tokens that carry no content of their own can still attribute a neighbouring quote.
    bare: dict[int, Mention] = {}
    for tok in doc:
        if tok.i in by_cue or ctx.in_quote[tok.i] or tok.idx < ctx.headline_end:
            continue
        if (_cue_phrase(tok) is None and not _quote_verb(tok)) or _negated(tok):
            continue
        subj = _subject(tok)
        if subj is not None:
            bare[tok.i] = describe(subj)
    direct_cues = {r.cue_i: r for r in out if r.direct}
    reported_cues = {r.cue_i: r for r in out if not r.direct and r.cue_i >= 0}
    attributed: dict[int, Raw] = {r.start: r for r in out if r.direct}
    prev_q: Quote | None = None
    prev_attr: Raw | None = None
    mixed = [(r.start, r.end) for r in out if not r.direct]
    for q in ctx.quotes:
        if any(a <= q.open and q.close <= b + 1 for a, b in mixed):
            continue  # quoted words inside reported speech
        if q.open in used:
            prev_q, prev_attr = q, next((r for r in out if r.direct and r.start == q.start), prev_attr)
            continue
        bare_raws = {i: _bare_raw(doc, i, m) for i, m in bare.items()}
        if _ends_sentence(ctx, q):
            # The next sentence's cue belongs to its own content: a quote that ends its sentence
            # takes the attribution before it, or a following cue that has no content of its own.
            # A cue of the next sentence with an object of its own ("She noted a planned rally")
            # is about that object, not the quote.
            free = {i: r for i, r in bare_raws.items() if not _has_object(ctx, doc[i])}
            found = _cue_before(ctx, q, direct_cues, bare) or _cue_after(ctx, q, free)
        else:
            # A verb right before the opening mark has the quote as its object ("cautioned “...”
            # before predicting"); otherwise the cue after the quote wins.
            verb = ctx._tok_at(q.open) - 1
            first = _cue_before(ctx, q, direct_cues, bare) if verb in bare or verb in direct_cues else None
            found = (
                first
                or _cue_after(ctx, q, {**direct_cues, **bare_raws})
                or _cue_before(ctx, q, direct_cues, bare)
            )
        if found is None:
            found = _colon_attribution(ctx, q)
        if found is None:
            m = _dash_speaker(ctx, q) or _named_after(ctx, q)
            if m is not None:
                found = Raw(q.start, q.end, True, None, m, q.open)
        if found is not None:
            new = _attribute_direct(ctx, replace(found, start=q.start, end=q.end, direct=True, anchor=q.open))
            out.append(new)
            attributed[new.start] = new
            prev_q, prev_attr = q, new
            continue
        long_enough = q.words(ctx.text) >= knob("min_unattributed_words")
        own = (
            _own_attribution(ctx, q, {**reported_cues, **direct_cues, **bare_raws})
            if prev_attr is not None and long_enough and q.at_para_start
            else None
        )
        if own is not None:
            # A quote paragraph that names its own speaker further on ("..., said Yuri Kanner, head
            # of ...") does not continue the previous paragraph's.
            new = _attribute_direct(ctx, replace(own, start=q.start, end=q.end, direct=True, anchor=q.open))
            out.append(new)
            attributed[new.start] = new
            prev_q, prev_attr = q, new
            continue
        if prev_attr is not None and prev_q is not None and long_enough:
            same_para = ctx.para_of(prev_q.open) == ctx.para_of(q.open)
            next_para = ctx.para_of(q.open) == ctx.para_of(prev_q.open) + 1 and q.at_para_start
            starts_sentence = q.at_para_start or re.search(r"[.!?:][\"”’']?\s*$", ctx.text[: q.open][-6:])
            if (next_para or (same_para and starts_sentence)) and ctx.text[q.start : q.start + 1].isupper():
                new = Raw(
                    q.start,
                    q.end,
                    True,
                    None if next_para else prev_attr.cue,
                    None,
                    q.open,
                    continuation=True,
                )
                out.append(new)
                prev_q = q
                continue
        if long_enough and q.closed and ctx.text[q.start : q.start + 1].isupper():
            # A quote sentence right after reported speech ("Kerry said that 100,000 would come.
            # "That adds up ..."") goes on in the speaker's own words.
            said = _reported_before(ctx, q, out)
            if said is not None:
                out.append(Raw(q.start, q.end, True, None, None, q.open, continuation=True))
                prev_q, prev_attr = q, said
                continue
        prev_q = q
        prev_attr = None if not q.closed else prev_attr
    return out


def _own_attribution(ctx: Context, q: Quote, cues: dict[int, Raw]) -> Raw | None:
    """The attribution a quote's own paragraph gives it beyond the usual distance: a cue outside
    quotation marks after the quote, in the sentence the quote ends or the next one, whose subject
    is a personal name with no other quote between them."""
    doc = ctx.doc
    para_end = ctx.paras[ctx.para_of(q.open)][1]
    lo = ctx._tok_at(q.close)
    limit = ctx.sent_span(q.close, q.close + 1)[1]
    nxt = bisect.bisect_right(ctx.sent_starts, limit)
    if nxt < len(ctx.sents):
        limit = ctx.sents[nxt][1]
    for i in range(lo, len(doc)):
        t = doc[i]
        if t.idx >= min(para_end, limit):
            break
        if t.idx < q.close:
            continue
        if ctx.in_quote[i]:
            return None
        r = cues.get(i)
        if r is None or r.mention is None:
            continue
        m = r.mention
        if m.kind == "name" and m.person and len(m.text.split()) >= 2 and _valid_source(ctx, m, t.idx):
            return r
        return None
    return None


def _valid_source(ctx: Context, m: Mention | None, cue: int) -> bool:
    """Whether a direct quote's subject can be its source: a phrase that can speak, outside the
    quoted words and in the cue's paragraph (the parser joins a ``1:50 p.m.`` timestamp line to
    the paragraph after it and makes it the subject)."""
    if m is None or not m.speakable:
        return False
    tok = ctx.token_at(m.pos)
    return not ctx.in_quote[tok.i] and ctx.para_of(m.pos) == ctx.para_of(cue)


def _near_speaker(ctx: Context, cue: Token, *, scan: bool = True, neighbours: bool = True) -> Mention | None:
    """The source of a quote's cue when the parser gave the cue a wrong subject (a word of the quote,
    an adverbial phrase): the name right before the cue (``"...," Huckabee said``), right after it
    (``said former executive Carly Fiorina``), or the nearest person named outside the quote in
    the cue's sentence who is not an object (``Of Carson, Levine, who backs Rubio, said``)."""
    doc = ctx.doc
    para = ctx.para_of(cue.idx)
    for cand in (_left_neighbour(cue), _inverted_subject(cue)) if neighbours else ():
        if cand is not None and not ctx.in_quote[cand.i] and ctx.para_of(cand.idx) == para:
            m = describe(cand)
            if m.speakable:
                return m
    if not scan:
        return None
    best: Token | None = None
    for t in cue.sent:
        if (
            ctx.in_quote[t.i]
            or t.ent_type_ != "PERSON"
            or ctx.para_of(t.idx) != para
            or abs(t.i - cue.i) > knob("max_cue_gap_tokens") + 4
        ):
            continue
        # The last token of the name, which is not itself an object of a verb or preposition.
        if (t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I") or t.dep_ in {"pobj", "dobj", "poss"}:
            continue
        # Only a name in the cue's own clause: no other verb stands between them, except in the
        # name's own relative clause.
        own = {g.i for g in t.subtree}
        lo, hi = sorted((t.i, cue.i))
        if any(doc[k].pos_ in {"VERB", "AUX"} and k not in own for k in range(lo + 1, hi)):
            continue
        if best is None or abs(t.i - cue.i) < abs(best.i - cue.i):
            best = t
    return describe(best) if best is not None else None


# "That was the message from X", "Those were the words of X": a sentence after a quote that names
# its source.
NAMED_AFTER_RE = re.compile(
    r"\A\s*(?:That|This|Those|These|Such|So)\s+(?:was|were|is|are|came|comes)\s+(?:\w+\s+){0,3}?"
    r"(?:from|of|by)\s+(?=\S)"
)


def _named_after(ctx: Context, q: Quote) -> Mention | None:
    """A quote that ends its sentence, followed by a sentence that only names its source."""
    if not _ends_sentence(ctx, q):
        return None
    m = NAMED_AFTER_RE.match(ctx.text[q.close : q.close + 120])
    if not m:
        return None
    words = re.findall(r"\w+", m.group(0).lower())
    if not (set(words) & SPEECH_NOUNS or words[1] in {"said", "says"} or words[0] == "so"):
        return None
    tok = ctx.token_at(q.close + m.end())
    head = tok
    while head.head.i != head.i and head.dep_ not in {"pobj"} and head.head.idx >= tok.idx:
        head = head.head
    return describe(head) if head.pos_ in {"PROPN", "NOUN"} else None


def _attribute_direct(ctx: Context, r: Raw) -> Raw:
    """A direct quote whose subject cannot be its source keeps the quote: the speaker is found next
    to its cue, in a sentence after it that names the source, or failing that in the paragraph
    chain (``chained``), which drops it only when there is no earlier speaker nearby."""
    cue_char = ctx.doc[r.cue_i].idx if r.cue_i >= 0 else r.anchor
    if r.mention is None or r.continuation or _valid_source(ctx, r.mention, cue_char):
        return r
    alt = _near_speaker(ctx, ctx.doc[r.cue_i]) if r.cue_i >= 0 else None
    q = ctx.quote_at(r.start)
    if alt is None and q is not None:
        alt = _dash_speaker(ctx, q) or _named_after(ctx, q)
    if alt is not None and alt.speakable:
        return replace(r, mention=alt)
    return replace(r, mention=None, chained=True)


def _reported_before(ctx: Context, q: Quote, out: list[Raw]) -> Raw | None:
    """The reported statement a quote sentence continues: the last statement before the quote is
    reported speech ending the sentence right before it, in the quote's paragraph or, for a quote
    opening a paragraph, in the paragraph before."""
    before = [r for r in out if r.end <= q.open and r.mention is not None]
    if not before:
        return None
    last = max(before, key=lambda r: r.end)
    if last.direct or any(last.end <= o.open < q.open for o in ctx.quotes):
        return None
    gap = ctx.text[last.end : q.open]
    if not re.fullmatch(r"[\s”\"’']*[.!?:]?[\s”\"’']*(?:\w+ (?:says|said)\.?\s*)?", gap):
        return None
    qp, lp = ctx.para_of(q.open), ctx.para_of(last.end)
    return last if qp == lp or (qp == lp + 1 and q.at_para_start) else None


def _bare_raw(doc: Doc, i: int, m: Mention) -> Raw:
    return Raw(0, 0, True, doc[i].text, m, doc[i].idx, cue_i=i)


def _dedupe(raws: list[Raw]) -> list[Raw]:
    out: list[Raw] = []
    seen: set[tuple[int, int]] = set()

    # Of two cues with the same content the nearer one is the speaker's own ("X said C, AFP reported").
    def key(r: Raw) -> tuple[int, int, int]:
        return r.start, -r.end, min(abs(r.anchor - r.start), abs(r.anchor - r.end))

    for r in sorted(raws, key=key):
        if (r.start, r.end) in seen:
            continue
        seen.add((r.start, r.end))
        out.append(r)
    return out


def _content_ok(text: str) -> bool:
    low = text.lower().strip(' .,"“”')
    if low in pronouns("content"):
        return False
    return bool(WORD_RE.search(low))


def _named_next(ctx: Context, r: Raw, later: list[Raw], resolver: Resolver | None = None) -> Mention | None:
    """The organisation that names ``the agency`` of ``r``: the next statement's speaker, when it
    is an organisation's name and follows within the next sentence (``According to the United
    Nations agency, ... UNHCR said ...``)."""
    m = r.mention
    if m is None:
        return None
    # "..., the UK's national security adviser has warned.  Sir Stephen Lovegrove said ...": a
    # paragraph that opens with only the title of its source, named for the first time right after.
    words = m.text.lower().split()
    titled = (
        m.kind == "description"
        and bool(words)
        and (words[0] == "the" or any(w.endswith(("'s", "’s")) for w in words))
        and (m.head in titles() or m.head in GENERIC_HEADS)
    )
    # A title opening its paragraph may be named up to two sentences on; one inside a paragraph
    # ("The US secretary of state condemned ... In a statement, Antony Blinken said") only in the
    # very next sentence.
    opens = ctx.sent_span(r.anchor, r.anchor + 1)[0] == ctx.paras[ctx.para_of(r.anchor)][0]
    # "the United Nations agency" is a description the article may name next; "the European
    # Union" (a capitalised head) is already a name.
    described = m.definite_institution and ctx.token_at(m.pos).text.islower()
    if not described and not titled:
        return None
    # "Ukraine's negotiator" is never the Russian one: countries or nationalities that both the
    # description and the later speaker's role give must agree.
    own = resolver.origins(m.text) if resolver is not None else set()
    limit = ctx.sent_span(r.anchor, r.anchor + 1)[1]
    # The next sentence; for a lede's title, the one after it too, past a "he said" that only
    # refers back to the lede's source.
    for _ in range(2 if titled and opens else 1):
        nxt = bisect.bisect_right(ctx.sent_starts, limit)
        if nxt < len(ctx.sents):
            limit = ctx.sents[nxt][1]
    for o in sorted(later, key=lambda o: o.anchor):
        if o.mention is None or o.anchor <= r.anchor:
            continue
        if o.anchor > limit:
            return None
        om = o.mention
        if titled and om.kind == "pronoun":
            if not opens:
                return None
            continue
        # Another definite institution names ours only if it is a fuller name sharing a word
        # ("the British military" → "the British Defense Ministry").
        shares = bool(set(om.text.lower().split()) & set(m.text.lower().split()) - {m.head})
        fuller = not om.definite_institution or shares
        if titled:
            # Only a person the article names there for the first time.
            surname = om.text.split()[-1] if om.text.split() else ""
            first = bool(surname) and surname not in ctx.text[ctx.paras[0][0] : r.anchor]
            # In the same paragraph, or the one after a lede.
            lede = opens and ctx.para_of(r.anchor) == (1 if ctx.headline else 0)
            near = ctx.para_of(o.anchor) - ctx.para_of(r.anchor) <= (1 if lede else 0)
            # A role given with the name must hold the title ("Turkish foreign minister Mevlut"
            # is not "the Russian negotiator").
            heads = GENERIC_HEADS.get(m.head, {m.head})
            role_words = set(re.findall(r"[a-z]+", (om.role or "").lower()))
            fits = not role_words & titles() or bool(heads & role_words)
            theirs = resolver.origins(om.role or "") if resolver is not None else set()
            fits = fits and not (own and theirs and not own & theirs)
            return om if om.kind == "name" and om.person and first and near and fits else None
        if om.kind == "name" and not om.person and om.text != m.text and fuller:
            return om
        return None
    return None


@dataclass(frozen=True)
class StatementOptions:
    """Conventions other than the spec's.  The defaults are the spec's behaviour.

    ``join_split_quotes``: a direct quote split by its attribution (``"A," she said. "B."``) and
    the quote paragraphs that continue it are one statement spanning all the fragments (start of
    the first to end of the last), as in corpora that annotate one attribution per source, cue and
    content (PolNeAR).  The spec gives one statement per quoted stretch.

    ``headlines``: attributions in the article's headline count too (PolNeAR annotates them; the
    spec excludes headlines).

    ``StatementOptions.polnear()`` is PolNeAR's convention as a whole (both of the above).
    """

    join_split_quotes: bool = False
    # Whether continuation paragraphs join too (not only fragments in the same paragraph).
    join_paragraphs: bool = True
    # ``Issa: Clinton's 'Honesty Is In Question'``, ``Flynn says ...`` in the headline.
    headlines: bool = False

    @classmethod
    def polnear(cls) -> StatementOptions:
        """The conventions of the PolNeAR corpus: one statement per attribution, headlines too."""
        return cls(join_split_quotes=True, headlines=True)


def _joins(
    ctx: Context, prev: tuple[Raw, Statement], cur: tuple[Raw, Statement], opts: StatementOptions
) -> bool:
    """Whether ``cur`` continues ``prev``'s quote under ``join_split_quotes``."""
    (pr, ps), (cr, cs) = prev, cur
    if not (ps.direct and cs.direct and ps.speaker == cs.speaker and cs.start >= ps.end):
        return False
    if not (cr.continuation or (cr.cue_i >= 0 and cr.cue_i == pr.cue_i)):
        return False
    # Only the attribution may stand between two fragments ("," she said. "), not narrative: a
    # joined span over other sentences would cover statements of their own.
    gap = re.findall(r"\w+", ctx.text[ps.end : cs.start])
    if len(gap) > knob("max_join_gap_words"):
        return False
    return opts.join_paragraphs or "\n" not in ctx.text[ps.end : cs.start]


def _join(ctx: Context, a: Statement, b: Statement) -> Statement:
    return replace(
        a,
        quote=ctx.text[a.start : b.end],
        end=b.end,
        sent_start=min(a.sent_start, b.sent_start),
        sent_end=max(a.sent_end, b.sent_end),
    )


def extract(parsed: ParsedArticle, *, options: StatementOptions | None = None) -> Iterator[Statement]:
    """Yield the article's statements in text order, under the spec's conventions unless
    ``options`` says otherwise."""
    opts = options or StatementOptions()
    ctx = Context(parsed, headlines=opts.headlines)
    found = list(_resolved(ctx, headlines=opts.headlines))
    if not opts.join_split_quotes:
        for _, st in found:
            yield st
        return
    merged: list[tuple[Raw, Statement]] = []
    for cur in found:
        if merged and _joins(ctx, merged[-1], cur, opts):
            # The joined statement keeps the first fragment's raw: its cue token is the one later
            # fragments of the same attribution share.
            merged[-1] = (merged[-1][0], _join(ctx, merged[-1][1], cur[1]))
            continue
        merged.append(cur)
    for _, st in merged:
        yield st


def _resolved(ctx: Context, *, headlines: bool = False) -> Iterator[tuple[Raw, Statement]]:
    """The statements with resolved speakers, each with the raw candidate it came from."""
    raws = _dedupe(_raw_statements(ctx, headlines=headlines))
    resolver = Resolver(ctx.doc, ctx.in_quote)
    resolver.mark_content([(r.start, r.end) for r in raws])
    last: Statement | None = None
    ordered = sorted(raws, key=lambda r: r.start)
    for n, r in enumerate(ordered):
        quote = ctx.text[r.start : r.end]
        if not _content_ok(quote):
            continue
        if r.continuation or r.mention is None:
            if last is None:
                continue
            if r.chained and ctx.para_of(last.start) < ctx.para_of(r.start) - 1:
                # No speaker in this or the previous paragraph: a quote nobody in reach said.
                continue
            speaker, role = last.speaker, last.role
        elif not r.mention.speakable:
            # A subject that cannot speak ("fierce fighting", "the two"): no source, so no statement,
            # and no continuation of one.
            continue
        else:
            speaker, role, person = resolver.resolve(r.mention)
            ahead = _named_next(ctx, r, ordered[n + 1 :], resolver)
            if ahead is not None and speaker == r.mention.text:
                speaker, role, person = resolver.resolve(ahead)
                if person and role is None:
                    # The lede's title is the role of the person named after it.
                    role = re.sub(r"^(?:the|a|an)\s+", "", r.mention.text, flags=re.I)
            resolver.note(
                speaker, role, r.mention.pos, person=person, head=r.mention.head, desc=r.mention.text
            )
        ss, se = ctx.sent_span(min(r.start, r.anchor), max(r.end, r.anchor + 1))
        st = Statement(speaker, clean_role(role, speaker), quote, r.direct, r.cue, r.start, r.end, ss, se)
        last = st
        yield r, st

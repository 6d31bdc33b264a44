"""Speakers: the source phrase of a statement, its role, and what it refers to.

A reporting verb's subject is turned into a ``Mention``: a name (``Volodymyr Zelensky``) with the
role the same phrase gives it (pre-modifiers ``Ukraine President``, ``Russia's deputy defence
minister`` or an apposition ``, a Ukrainian negotiator``), a description for unnamed sources
(``a Ukrainian official``), or a pronoun.  ``Resolver`` then links pronouns, bare surnames and
definite titles (``the minister``) to the fullest earlier mention the article plainly gives, the
way a reader would; anything it cannot link keeps the article's own words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from ..lexicons import load_json, load_set

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
GROUP_LABELS = {"ORG", "GPE", "NORP"}
CUT_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep"}
KEEP_PREPS = {"of", "in", "at", "for", "from"}
# Nouns that make the name after them a news outlet ("told newspaper Rossiyskaya Gazeta"), which the
# tagger often labels PERSON; an outlet is never the antecedent of "he" or "she".
OUTLET_NOUNS = {
    "newspaper",
    "daily",
    "paper",
    "outlet",
    "agency",
    "channel",
    "broadcaster",
    "magazine",
    "network",
    "tv",
    "television",
    "radio",
    "website",
    "weekly",
    "tabloid",
    "station",
    "publication",
}
# Generic heads of a definite description and the title words they stand for: "the Hungarian leader"
# is the Hungarian prime minister named before, "the Ukrainian official" any Ukrainian office holder.
GENERIC_HEADS = {
    "leader": {"president", "prime", "premier", "chancellor", "leader", "head", "king", "chief"},
    "chief": {"chief", "head", "director", "chairman", "chairwoman", "chair", "leader"},
    "head": {"chief", "head", "director", "chairman", "chairwoman", "chair", "leader"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    # "the diplomat", "the envoy": the article's ambassador or envoy.
    "diplomat": {"ambassador", "envoy", "diplomat"},
    "envoy": {"ambassador", "envoy"},
    "adviser": {"adviser", "advisor"},
    "advisor": {"adviser", "advisor"},
}
# Modifiers that say nothing about who is meant ("the top official", "the former president").
VAGUE_MODIFIERS = {
    "top",
    "senior",
    "former",
    "new",
    "current",
    "then",
    "outgoing",
    "acting",
    "high-ranking",
    "ranking",
    "veteran",
}
# Country names whose demonym does not share their first letters.
DEMONYMS = {
    "britain": "british",
    "uk": "british",
    "u.k.": "british",
    "us": "american",
    "u.s.": "american",
    "america": "american",
    "france": "french",
    "china": "chinese",
    "turkey": "turkish",
    "netherlands": "dutch",
    "holland": "dutch",
    "germany": "german",
    "poland": "polish",
    "sweden": "swedish",
    "finland": "finnish",
    "spain": "spanish",
}
# Verbs of issuing a document: "a report released by the State Bureau of Investigation".
ISSUE_VERBS = {"release", "issue", "publish", "post", "send", "circulate", "file", "prepare", "compile"}
# Documents that measure something: "of" after them names what they measure, not their author.
MEASURING_NOUNS = {"data", "estimate", "assessment", "survey", "study", "analysis"}
# Where a statement is posted: "on the Kremlin website", "on the ministry's Telegram channel".
MEDIA_NOUNS = {"website", "site", "channel", "page", "account", "feed", "blog"}
# An acronym in brackets after a name or description: "(VDD)", "(UNHCR)", "(SBU)".
ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&]{1,7}")


@cache
def source_nouns() -> frozenset[str]:
    """Documents and messages whose source is their owner or issuer (``a notice from the court``)."""
    return load_set("speaker_documents.txt")


@cache
def offices() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(institution head → title of its holder, modifier of an office → title, office heads)."""
    raw = load_json("speaker_offices.json")
    return dict(raw["heads"]), dict(raw["modifiers"]), frozenset(raw["offices"])


@cache
def titles() -> frozenset[str]:
    return load_set("speaker_titles.txt")


@cache
def institutions() -> frozenset[str]:
    return load_set("speaker_institutions.txt")


@cache
def speaker_heads() -> frozenset[str]:
    return load_set("speaker_heads.txt")


@cache
def org_kinds() -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Description head → (words that name that kind of organisation, verbs of what it does)."""
    raw = load_json("speaker_org_kinds.json")
    return {
        k: (frozenset(v["names"]), frozenset(v["verbs"])) for k, v in raw.items() if not k.startswith("_")
    }


def _org_fits(ent: Span, names: frozenset[str], verbs: frozenset[str]) -> bool:
    """Whether an organisation's name, a noun phrase set beside it or what it is said to do shows it
    is of the kind a description gives (``the UN refugee agency, UNHCR`` is an agency)."""
    if {t.lower_ for t in ent} & names:
        return True
    root = ent.root
    doc = ent.doc
    # "the UN refugee agency, UNHCR" / "UNHCR, the UN refugee agency" / "state energy company Naftogaz".
    near = [root.head] if root.dep_ in {"appos", "compound"} else []
    near += [c for c in root.children if c.dep_ == "appos"]
    near += [
        t
        for t in doc[max(0, ent.start - 4) : ent.start]
        if t.head.i in range(ent.start, ent.end) or t.i == ent.start - 1
    ]
    if any(t.lemma_.lower() in names or t.lower_ in names for t in near):
        return True
    if verbs:
        # "The European Broadcasting Union, which runs Eurovision": a relative clause or the verb it
        # is the subject of.
        acts = [c for c in root.children if c.dep_ in {"relcl", "acl"}]
        if root.dep_ == "nsubj":
            acts.append(root.head)
        return any(v.lemma_.lower() in verbs for v in acts)
    return False


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
    # "the United Nations agency": a definite institution description, which the article may name
    # in the next statement.
    definite_institution: bool = False
    # Whether the phrase can be a source at all: "fierce fighting", "the deal" or "the two" cannot.
    speakable: bool = True


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
    while True:
        if i - 2 >= 0 and _joining_hyphen(doc[i - 1]) and doc[i - 2].text[:1].isupper():
            # "Frank-Walter", "Obi-One": the tokenizer splits a hyphenated name, which is one name.
            i -= 2
            continue
        if (
            i - 1 >= 0
            and doc[i - 1].pos_ == "PROPN"
            and doc[i - 1].text.lower() not in titles()
            and doc[i - 1].dep_ in {"compound", "flat", "nmod", "amod"}
            and not doc[i - 1].is_punct
        ):
            i -= 1
            continue
        break
    run = [t for t in doc[i : tok.i + 1]]
    # Right-hand compounds belong to the same name only when the head is the name's end.
    return run


def _joining_hyphen(tok: Token) -> bool:
    """A hyphen written without spaces between two words (``Frank-Walter``)."""
    doc = tok.doc
    return (
        tok.text in {"-", "‐", "‑"} and not tok.whitespace_ and tok.i > 0 and not doc[tok.i - 1].whitespace_
    )


HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr.", "sir", "madam", "dame"}


def clean_role(role: str | None, name: str | None) -> str | None:
    """The role as given, minus anything that is the speaker's own name: a role is a title or an
    affiliation, so an honorific alone (``Mr.``), a pronoun, or words of the name (``Frank`` of
    ``Frank-Walter Steinmeier``, a dateline signature repeating the name) are no role."""
    if not role:
        return None
    words = role.split()
    own = {w.lower().strip(".,") for w in re.split(r"[\s\-‐‑]+", name or "") if len(w) > 1}
    cut = next(
        (
            n
            for n, w in enumerate(words)
            if w.lower().strip(".,()’'s") in own
            or any(p.lower() in own for p in re.split(r"[\-‐‑]", w) if len(p) > 1)
        ),
        None,
    )
    if cut is not None:
        words = words[:cut]
        # A first name spelt otherwise before the surname ("Secretary Antony Blinken").
        while words and words[-1][:1].isupper() and words[-1].lower().strip(".") not in titles():
            words = words[:-1]
    while words and words[0].lower() in HONORIFICS:
        words = words[1:]
    if not words or all(w.lower() in HONORIFICS for w in words):
        return None
    out = " ".join(words).strip(" ,;:-—–(")
    if out.lower() in pronouns("person") | pronouns("group") or not re.search(r"[A-Za-z]", out):
        return None
    return out


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
    # The label is read from the token: a Span sliced from the Doc carries none.
    return tok.ent_type_ == "PERSON"


def _coordinated(head: Token) -> Mention | None:
    """``Moscow and Kyiv accused each other``: the speaker is the whole coordination of names."""
    conj = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    if (
        head.pos_ != "PROPN"
        or not conj
        or not any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for c in head.children)
    ):
        return None
    doc = head.doc
    first = _name_run(head)[0]
    last = conj[-1]
    # The right edge of the last conjunct's own name, without its appositions or clauses.
    while (
        last.i + 1 < len(doc)
        and doc[last.i + 1].dep_ in {"flat", "compound"}
        and doc[last.i + 1].head == last
    ):
        last = doc[last.i + 1]
    if last.i - first.i + 1 > knob("max_speaker_tokens"):
        return None
    return Mention(_span_text(doc, list(doc[first.i : last.i + 1])), None, "name", head.idx, False, head.text)


# Entity labels of amounts and times: such a subject speaks only as a share of people ("49% of voters").
AMOUNT_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"}
SPEAKING_LABELS = NAME_LABELS | {"LOC", "WORK_OF_ART", "LAW", "NORP"}


# Endings of agent nouns ("neurosurgeon", "commenter", "contractor", "columnist", "trustee"): a noun
# naming someone by what they do can speak, where the lexicon cannot list every occupation.
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "eon", "ee", "ant")


def _speaking_noun(tok: Token) -> bool:
    low, lemma = tok.lower_, tok.lemma_.lower()
    if {low, lemma} & (speaker_heads() | titles() | institutions()):
        return True
    # "the 46-year-old", "a lot of people", "a number of officials".
    if re.search(r"-olds?$", low) or _counts_people(tok):
        return True
    return tok.pos_ == "NOUN" and len(lemma) > 4 and lemma.endswith(AGENT_SUFFIXES)


def _counts_people(tok: Token) -> bool:
    """``49% of Republicans``, ``two of the soldiers``, ``three in four`` (respondents): an amount
    that stands for people."""
    for prep in tok.rights:
        if (
            prep.dep_ == "prep"
            and prep.lower_ == "in"
            and tok.like_num
            and any(c.like_num for c in prep.children)
        ):
            return True
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in SPEAKING_LABELS or _speaking_noun(obj)):
                    return True
    return False


def speakable(tok: Token) -> bool:
    """Whether a subject headed by ``tok`` can be the source of a statement: a person, a group of
    people, a state or institution, a title or role, a document that says or reads, or a pronoun.
    Events, amounts, abstract nouns and mis-parsed verbs ("Sign up to ...") cannot."""
    low = tok.lower_
    if (
        tok.pos_ == "PRON"
        or low in pronouns("person")
        or low in pronouns("group")
        or low in {"who", "which", "that", "this", "these", "those"}
    ):
        return True
    if tok.ent_type_ == "PERCENT" or tok.text == "%" or tok.lower_ == "percent":
        # A percentage is always a share of someone: the respondents of a poll.
        return True
    if tok.ent_type_ in AMOUNT_LABELS or tok.like_num:
        return _counts_people(tok) or _speaking_noun(tok)
    if tok.ent_type_ in SPEAKING_LABELS:
        return True
    if tok.pos_ == "PROPN":
        return True
    if tok.pos_ in {"NOUN", "ADJ"}:
        return _speaking_noun(tok) or _capitalised_name(tok)
    # "said Skelly", "Sarukhán added": a capitalised word inside a sentence that the tagger took for
    # an adverb or a number is a name; "the 46-year-old" is a person.
    if low == "old" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ in {"year", "years"}:
        return True
    return tok.text[:1].isupper() and not tok.is_sent_start and tok.pos_ in {"ADV", "NUM", "VERB", "X"}


def _capitalised_name(tok: Token) -> bool:
    """A capitalised word the tagger took for a common noun (``Trump said``): a name, unless it is a
    sentence-initial adjective ("Heavy shelling") the article never capitalises elsewhere."""
    if not tok.text[:1].isupper():
        return False
    if not tok.is_sent_start or tok.pos_ == "NOUN":
        return True
    return any(t.text == tok.text and not t.is_sent_start for t in tok.doc if t.i != tok.i)


def describe(head: Token) -> Mention:
    """Turn a subject token into a ``Mention`` with its role, marked unspeakable when its head
    cannot be a source."""
    m = _describe(head)
    # A phrase that gives a name ("Cruz constituent Dan Golvach") speaks whatever its head word.
    named = m.kind == "name" and sum(w[:1].isupper() for w in m.text.split()) >= 2
    if m.pos == head.idx and m.kind != "pronoun" and not named and not speakable(head):
        return replace(m, speakable=False)
    return m


def _describe(head: Token) -> Mention:
    doc = head.doc
    low = head.lower_
    coord = _coordinated(head)
    if coord is not None:
        return coord
    if low in {"who", "which", "that"} and head.head.dep_ == "relcl" and head.head.head.i != head.i:
        # "said Mr. Kamin, who emphasized ...": a relative pronoun stands for the noun it modifies;
        # "X, a California delegate who said ..." for the name that description is in apposition to.
        ante = head.head.head
        if ante.dep_ == "appos" and ante.pos_ == "NOUN" and ante.head.pos_ == "PROPN":
            ante = ante.head
        if low == "who":
            # "one Democrat familiar with the discussion, who added ...": the parser hangs the clause
            # on the last noun; "who" is a person, so climb to the phrase that can speak.
            cand, steps = ante, 0
            while (
                not speakable(cand)
                and cand.dep_ in {"pobj", "prep", "amod", "acl"}
                and cand.head.i != cand.i
                and steps < 4
            ):
                cand, steps = cand.head, steps + 1
            if cand.pos_ in {"NOUN", "PROPN"} and speakable(cand):
                ante = cand
        return describe(ante)
    # A word in capitals is an abbreviation, never a pronoun ("the US has accused").
    acronym = head.text.isupper() and len(head.text) > 1
    if not acronym and (head.pos_ == "PRON" or low in pronouns("person") or low in pronouns("group")):
        return Mention(head.text, None, "pronoun", head.idx, low in pronouns("person"), low)
    appos = [c for c in head.rights if c.dep_ == "appos"]
    role: str | None
    if head.lemma_.lower() in source_nouns() or low in source_nouns():
        # "a statement from Europol", "the ministry's statement", "a report released by the State
        # Bureau of Investigation": the source is the owner or issuer.  Of a survey or an analysis,
        # "of" gives what it is about ("a survey of voters"), and a name before it the author
        # ("an Associated Press survey").
        measured = head.lemma_.lower() in MEASURING_NOUNS
        preps = {"from", "by"} if measured else {"from", "by", "of"}
        owners = [
            c
            for c in head.children
            if measured and c.dep_ == "compound" and c.i < head.i and c.ent_type_ in {"ORG", "PERSON"}
        ]
        owners += [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children
            if g.dep_ == "pobj" and speakable(g) and g.lemma_.lower() not in source_nouns()
        ]
        owners += [c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        owners += [
            g
            for c in head.children
            if c.dep_ == "acl" and c.lemma_.lower() in ISSUE_VERBS
            for a in c.children
            if a.dep_ == "agent"
            for g in a.children
            if g.dep_ == "pobj"
        ]
        if owners:
            return describe(owners[0])
        # "a statement on its Telegram channel": the owner is the institution "its" stands for.
        near = [c for c in head.children if c.dep_ == "poss"]
        near += [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in {"on", "in"}
            for o in c.children
            if o.dep_ == "pobj"
            for g in o.children
            if g.dep_ == "poss"
            or (
                g.dep_ == "compound"
                and o.lemma_.lower() in MEDIA_NOUNS
                and g.ent_type_ in {"ORG", "PERSON"}
                and not any(k.dep_ == "poss" for k in o.children)
            )
        ]
        # "a statement on the ministry's website", "on the Kremlin website": a named or described
        # owner of the medium; "on his Telegram channel": the person "his" stands for.
        owner_tok = next(
            (
                t
                for t in near
                if t.lower_ not in {"its", "their"}
                and ((t.pos_ == "PROPN" and t.ent_type_ in GROUP_LABELS | {"PERSON"}) or speakable(t))
                and (t.pos_ != "PRON" or t.lower_ in {"his", "her"})
            ),
            None,
        )
        if owner_tok is not None:
            if owner_tok.lower_ in {"his", "her"}:
                pron = "he" if owner_tok.lower_ == "his" else "she"
                return Mention(owner_tok.text, None, "pronoun", owner_tok.idx, True, pron)
            return describe(owner_tok)
        owner = next((t for t in near if t.lower_ in {"its", "their"}), None)
        if owner is not None:
            pron = "it" if owner.lower_ == "its" else "they"
            return Mention(owner.text, None, "pronoun", owner.idx, False, pron)
    office = _office_holder(head)
    if office is not None:
        return office
    # "The UN refugee agency (UNHCR) said": a description with its acronym in brackets is named by
    # the acronym.
    short = _bracketed_acronym(head)
    if short is not None and head.pos_ == "NOUN" and head.text.islower():
        role = _span_text(doc, _strip_det(_np_tokens(head)))
        return Mention(short.text, role or None, "name", head.idx, False, short.text)
    # "Ukraine's Security Service (SBU)": an acronym in brackets is the same institution, not a person
    # named in apposition.
    named_appos = [a for a in appos if a.pos_ == "PROPN" and not (a.text.isupper() and len(a.text) <= 6)]
    if low in institutions() and not named_appos:
        # "the British Defense Ministry": the whole phrase names the institution; title words in
        # it ("Defense") are part of the name, not a role.
        np = _np_tokens(head)
        definite = bool(np) and np[0].lower_ == "the" and not any(t.dep_ == "poss" for t in np)
        proper = any(t.pos_ == "PROPN" for t in np)
        # A name drops its article; an unnamed source keeps its description ("the Ukrainian military").
        toks = (_strip_det(np) if proper else np)[-knob("max_speaker_tokens") :]
        return Mention(
            _span_text(doc, toks), None, "name" if proper else "description", head.idx, False, low, definite
        )
    if head.pos_ != "PROPN":
        named = [a for a in appos if a.pos_ == "PROPN"]
        if named:
            # "The Turkish president, Recep Tayyip Erdoğan, ..."
            name = _name_run(named[0])
            role = _span_text(doc, _strip_det(_np_tokens(head)))
            return Mention(_span_text(doc, name), role or None, "name", head.idx, True, named[0].text)
        beside = comma_name(head)
        if beside is not None:
            # The same, where the parser hung the name elsewhere ("the US ambassador to Kyiv,
            # Bridget Brink").
            toks, role = beside
            return Mention(_span_text(doc, toks), role, "name", head.idx, True, toks[-1].text)
        toks = _np_tokens(head)
        if len(toks) > knob("max_speaker_tokens"):
            toks = [t for t in toks if t.i <= head.i][-knob("max_speaker_tokens") :]
        # A description is a person only by its head ("Mr. Obama's eyes", "his aides" are not
        # antecedents for a later "he").
        return Mention(_span_text(doc, toks), None, "description", head.idx, _is_person(head), low)
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
    if ent is not None and head.ent_type_ in GROUP_LABELS and len(run) == 1:
        person = False
    # "Latvia's Foreign Minister Edgars Rinkevics": a personal name under a title is a person, even
    # where the tagger took it for an organisation.
    if not person and len(run) >= 2 and role and set(re.findall(r"[a-z.]+", role.lower())) & titles():
        person = True
    return Mention(_span_text(doc, run), role, "name", head.idx, person, head.text)


def comma_name(source: Token) -> tuple[list[Token], str | None] | None:
    """``the governor, Oleksandr Starukh,`` / ``the US ambassador to Kyiv, Bridget Brink.``: a
    personal name of two or more words set off by commas right after a title's noun phrase, which
    the parser often fails to hang on it as an apposition; with the title as the role."""
    doc = source.doc
    if source.pos_ != "NOUN" or source.lemma_.lower() not in titles() | GENERIC_HEADS.keys():
        return None
    np = _np_tokens(source)
    if not np:
        return None
    i = np[-1].i + 1
    # Past a prepositional phrase of the title ("ambassador to Kyiv").
    if i < len(doc) and doc[i].pos_ == "ADP":
        while (
            i < len(doc)
            and doc[i].text != ","
            and doc[i].pos_ in {"ADP", "DET", "PROPN", "NOUN", "ADJ", "PART"}
            and i - np[-1].i <= 6
        ):
            i += 1
        np = list(doc[np[0].i : i])
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() and j - i <= 4:
        j += 1
    if j - (i + 1) < 2 or (j < len(doc) and doc[j].text not in {",", ".", ";"}):
        return None
    role = _span_text(doc, _strip_det(np))
    return list(doc[i + 1 : j]), role or None


def _capitalised_run(tok: Token) -> list[Token]:
    """The capitalised words ending at ``tok``, joined by ``of``/``for``/``to``/``the``
    (``United Nations High Commissioner for Refugees``, ``Alliance to Reclaim Our Schools``)."""
    doc = tok.doc
    i = tok.i
    while i > 0:
        prev = doc[i - 1]
        word = prev.text[:1].isupper() and prev.is_alpha and (not prev.is_sent_start or prev.pos_ == "PROPN")
        joiner = (
            prev.lower_ in {"of", "for", "and", "on", "to", "the"}
            and i >= 2
            and doc[i - 2].text[:1].isupper()
        )
        if not (word or joiner):
            break
        i -= 1
    return [t for t in doc[i : tok.i + 1] if t.lower_ != "the"]


def _bracketed_acronym(tok: Token) -> Token | None:
    """The acronym in brackets right after the phrase of ``tok``: ``agency (UNHCR)``."""
    doc = tok.doc
    i = tok.i + 1
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
        cand = doc[i + 1]
        if ACRONYM_RE.fullmatch(cand.text):
            return cand
    return None


def _office_holder(head: Token) -> Mention | None:
    """``his office``, ``Zelensky's office``, ``the president's office``: an office speaks for its
    holder, who is the possessor (a pronoun is resolved later like any other)."""
    if head.lemma_.lower() not in offices()[2] or head.pos_ != "NOUN":
        return None
    poss = [c for c in head.children if c.dep_ == "poss"]
    if not poss or any(c.dep_ in {"compound", "amod"} for c in head.children if c.i < head.i):
        return None
    owner = poss[0]
    low = owner.lower_
    if low in {"his", "her"}:
        pron = "he" if low == "his" else "she"
        return Mention(owner.text, None, "pronoun", owner.idx, True, pron)
    if _is_person(owner) or owner.lower_ in titles():
        return _describe(owner)
    return None


@dataclass
class _Known:
    pos: int
    name: str
    role: str | None
    person: bool
    head: str
    desc: str
    speaker: bool = False
    # The mention is a clause subject (or a passive's agent), not an object or a name in passing.
    subject: bool = False
    # The mention lies inside what an earlier statement reports: a person talked about, who is no
    # antecedent for the "he" of a later attribution.
    in_content: bool = False


def _is_subject(tok: Token) -> bool:
    """Whether the phrase of ``tok`` is a clause subject or a passive's agent."""
    seen = 0
    while tok.dep_ in {"compound", "flat", "appos", "conj"} and tok.head.i != tok.i and seen < 6:
        tok, seen = tok.head, seen + 1
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True
    return tok.dep_ in {"nsubj", "nsubjpass", "csubj"}


def _appos_text(tok: Token) -> str:
    """The whole description in apposition to a name (``an adviser to the Ukrainian president``):
    what a later definite description may take up."""
    appos = [c for c in tok.rights if c.dep_ == "appos" and c.pos_ != "PROPN"]
    if not appos:
        return ""
    toks = [t for t in appos[0].subtree if not _under(t, appos[0], {"relcl", "appos"})]
    return _clean(tok.doc[toks[0].i : toks[-1].i + 1].text)[:200] if toks else ""


def _left_title(ent: Span) -> str:
    """The title phrase right before a name, from the comma or sentence start before it
    (``..., its ambassador to the US Qin Gang said``), when the parse does not hang it on the
    name: what a later ``the ambassador`` takes up.  Empty unless it holds a title word."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 8 and not doc[i].is_punct and not doc[i].is_space:
        if doc[i].pos_ in {"VERB", "AUX"}:
            return ""
        i -= 1
    words = doc[i + 1 : ent.start]
    if not any(t.lower_ in titles() for t in words):
        return ""
    return _clean(words.text)


def _is_outlet(ent: Span) -> bool:
    """``newspaper Rossiyskaya Gazeta``, ``the Kommersant daily``: a news outlet named like a person."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].lower_ in {"the", "a", "an"}:
        i -= 1
    if i >= 0 and doc[i].lower_ in OUTLET_NOUNS:
        return True
    after = doc[ent.end] if ent.end < len(doc) else None
    if after is not None and after.lower_ in OUTLET_NOUNS and after.pos_ == "NOUN":
        return True
    return ent.root.head.lower_ in OUTLET_NOUNS and ent.root.dep_ in {"appos", "compound"}


def _fold(word: str) -> str:
    """A nationality or country word folded so that ``Ukraine's`` and ``Ukrainian`` agree."""
    w = re.sub(r"[’']s$", "", word.lower())
    w = DEMONYMS.get(w, w)
    return w[:5] if len(w) >= 5 else w


def _agrees(m_words: list[str], head: str, hay: list[str]) -> bool:
    """Whether a definite description (``the Foreign Ministry spokeswoman``) fits an earlier holder's
    role words: its head (or a title it stands for) is there and every modifier agrees."""
    heads = GENERIC_HEADS.get(head, {head})
    if head == "official":
        heads = set(titles()) - {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr"}
    if not heads & set(hay):
        return False
    folded = {_fold(w) for w in hay}
    mods = [w for w in m_words if w not in VAGUE_MODIFIERS]
    return bool(hay) and all(_fold(w) in folded for w in mods)


GENDERED = {"he": "m", "him": "m", "she": "f", "her": "f"}
GENDER_HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "madam": "f",
    "dame": "f",
}


def _gender_cue(doc: Doc, ent: Span) -> str | None:
    """The gender an honorific or a gendered title right before a name shows (``Ms. Ivanova``,
    ``spokeswoman Maria Zakharova``)."""
    i = ent.start - 1
    while (
        i >= 0
        and doc[i].pos_ in {"PROPN", "ADJ"}
        and doc[i].lower_ not in GENDER_HONORIFICS
        and ent.start - i < 4
    ):
        i -= 1
    # A noun in apposition to the name ("his mother, Rebecca Cabrera", "Oleg Ivanov, a father of two").
    root = ent.root
    appos = [root.head] if root.dep_ == "appos" and root.head.pos_ == "NOUN" else []
    appos += [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    for t in (ent[0], doc[i] if i >= 0 else None, *appos):
        if t is None:
            continue
        low = t.lower_
        if low in GENDER_HONORIFICS:
            return GENDER_HONORIFICS[low]
        if low.endswith("woman") or low in gender_nouns("f"):
            return "f"
        if low.endswith("sman") or low in gender_nouns("m"):
            return "m"
    return None


@cache
def gender_nouns(gender: str) -> frozenset[str]:
    """Nouns that show a person's gender (``f`` or ``m``): ``mother``, ``husband``, ``queen``."""
    return frozenset(w.lower() for w in load_json("speaker_gender_nouns.json")[gender])


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


class Resolver:
    """Links pronouns, surnames and definite titles to earlier mentions of one article."""

    def __init__(self, doc: Doc, in_quote: list[bool]) -> None:
        self.doc = doc
        self.known: list[_Known] = []
        self.full: dict[str, list[tuple[int, str]]] = {}
        self.first: dict[str, list[tuple[int, str]]] = {}
        self.genders: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or in_quote[ent.start]:
                continue
            toks = [t for t in ent if t.text.lower() not in titles() and not t.is_punct]
            toks = [t for t in toks if t.text not in {"'s", "’s"}]
            if not toks or _is_outlet(ent):
                continue
            name = _clean(doc[toks[0].i : toks[-1].i + 1].text)
            self._add_name(name, ent.start_char)
            gender = _gender_cue(doc, ent)
            if gender is not None:
                self.genders.setdefault(self.fullest(name, ent.start_char), gender)
            m = describe(ent.root) if ent.root.pos_ == "PROPN" else None
            role = m.role if m is not None else None
            if role:
                self.roles.setdefault(self.fullest(name, ent.start_char), role)
            self.known.append(
                _Known(
                    ent.start_char,
                    self.fullest(name, ent.start_char),
                    role,
                    True,
                    toks[-1].text,
                    (_appos_text(ent.root) or _left_title(ent)).lower(),
                    subject=_is_subject(ent.root),
                )
            )

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
                desc = _appos_text(head) if tok.pos_ == "NOUN" else role
                self.known.append(
                    _Known(
                        min(head.idx, tok.idx),
                        name,
                        role,
                        True,
                        name.split()[-1].lower(),
                        desc.lower(),
                        subject=_is_subject(head),
                    )
                )
        # A surname of a person named before, standing alone as a clause subject where the tagger
        # did not label it a person ("Lovegrove praised ..."): that person, an antecedent for a
        # later "he".
        known_at = {k.pos for k in self.known}
        for tok in doc:
            if (
                tok.dep_ in {"nsubj", "nsubjpass"}
                and tok.pos_ == "PROPN"
                and not in_quote[tok.i]
                and tok.ent_type_ != "PERSON"
                and tok.idx not in known_at
                and tok.lower_ in self.full
                and not (tok.i > 0 and doc[tok.i - 1].pos_ == "PROPN")
            ):
                name = self.fullest(tok.text, tok.idx)
                if " " in name:
                    self.known.append(
                        _Known(tok.idx, name, self.roles.get(name), True, tok.lower_, "", subject=True)
                    )
        self.known.sort(key=lambda k: k.pos)
        self.sent_starts = [sent.start_char for sent in doc.sents]
        # Organisations that are clause subjects: what "its" of "a statement on its website" owns.
        self.orgs = [
            (ent.start_char, _clean(doc[ent.start + (ent[0].lower_ == "the") : ent.end].text))
            for ent in doc.ents
            if ent.label_ == "ORG" and not in_quote[ent.start] and _is_subject(ent.root)
        ]
        self.org_ents = [
            ent for ent in doc.ents if ent.label_ == "ORG" and not in_quote[ent.start] and not _is_outlet(ent)
        ]
        # "Latvia's State Security Service (VDD)": the acronym stands for the name before it.
        self.acronyms: dict[str, str] = {}
        for tok in doc:
            short = _bracketed_acronym(doc[tok.i - 1]) if tok.i > 0 and tok.text == "(" else None
            if short is None or in_quote[tok.i]:
                continue
            prev = doc[tok.i - 1]
            if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.text == short.text:
                continue
            span = _ent(prev)
            if span is not None and span.end == prev.i + 1 and span.label_ in GROUP_LABELS | {"FAC"}:
                toks = [t for t in span if t.lower_ != "the" and t.dep_ != "case"]
            else:
                toks = _capitalised_run(prev)
            name = _span_text(doc, toks)
            if len(name.split()) >= 2:
                self.acronyms.setdefault(short.text, name)
        # States named outside quotes (what "it" or "the country" may stand for); those that are
        # clause subjects are antecedents of a later "it".
        self.states: list[tuple[int, str, bool]] = []
        for ent in doc.ents:
            if ent.label_ != "GPE" or in_quote[ent.start]:
                continue
            name = _clean(doc[ent.start + (ent[0].lower_ == "the") : ent.end].text)
            name = re.sub(r"[’']s$", "", name)
            subj = ent.root.dep_ in {"nsubj", "nsubjpass"}
            self.states.append((ent.start_char, name, subj))
            if subj:
                self.known.append(
                    _Known(ent.start_char, name, None, False, ent.root.lower_, "", subject=True)
                )
        self.known.sort(key=lambda k: k.pos)
        self.origin_words = frozenset(t.lower_ for t in doc if t.ent_type_ in {"GPE", "NORP"})

    def _org_of_kind(self, m: Mention) -> str | None:
        """The one organisation the article names whose kind fits ``the agency`` or ``organizers``:
        one named before the description, else one named after it; none when several fit."""
        lemma = m.head.lower()
        lemma = lemma[:-1] if lemma.endswith("s") and lemma[:-1] in org_kinds() else lemma
        kind = org_kinds().get(lemma)
        if kind is None:
            return None
        fits = [e for e in self.org_ents if _org_fits(e, *kind)]
        for pool in ([e for e in fits if e.start_char < m.pos], [e for e in fits if e.start_char > m.pos]):
            names = {_clean(self.doc[e.start + (e[0].lower_ == "the") : e.end].text) for e in pool}
            # An acronym of a fuller name is the same organisation ("European Broadcasting Union (EBU)").
            full = {n for n in names if not any(n != o and n.isupper() and n == _initials(o) for o in names)}
            if len(full) == 1:
                return full.pop()
            if full:
                return None
        return None

    def _add_name(self, name: str, pos: int) -> None:
        words = name.split()
        if not words:
            return
        self.full.setdefault(words[-1].lower(), []).append((pos, name))
        if len(words) >= 2 and words[0][:1].isupper() and words[0].lower().rstrip(".") not in HONORIFICS:
            self.first.setdefault(words[0].lower(), []).append((pos, name))

    def by_first_name(self, word: str, pos: int) -> str | None:
        """The full name a bare first name stands for (``Oleg`` after ``Oleg Ivanov, a resident``):
        the one person of that first name named before it, else the one named anywhere."""
        cands = self.first.get(word.lower(), [])
        for pool in ([n for p, n in cands if p <= pos], [n for _, n in cands]):
            names = {self.fullest(n, pos) for n in pool}
            # "Oleg Ivanov" and "Oleg Ivanov Jr" are one person; two surnames are two people.
            if len({n.split()[-1].lower() for n in names}) == 1:
                return max(names, key=len)
            if names:
                return None
        return None

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

    def mark_content(self, spans: list[tuple[int, int]]) -> None:
        """Mark the names that lie inside the content of a statement."""
        ordered = sorted(spans)
        starts = [a for a, _ in ordered]
        for k in self.known:
            i = bisect.bisect_right(starts, k.pos) - 1
            # Spans may nest; any span that starts before the name and covers it will do.
            while i >= 0 and not k.speaker:
                if ordered[i][0] <= k.pos < ordered[i][1]:
                    k.in_content = True
                    break
                i -= 1
                if i >= 0 and k.pos - ordered[i][0] > 3000:
                    break

    def _gender(self, name: str) -> str | None:
        return self.genders.get(name)

    def note(self, name: str, role: str | None, pos: int, *, person: bool, head: str, desc: str) -> None:
        """Record a resolved speaker, so later pronouns and titles can find it."""
        if person and name:
            self._add_name(name, pos)
        if role and name:
            self.roles.setdefault(name, role)
        self.known.append(_Known(pos, name, role, person, head.lower(), desc.lower(), True, True))

    def _sentence_start(self, pos: int, back: int = 0) -> int:
        """Start of the parser sentence holding ``pos``, or of the ``back``-th one before it."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1 - back
        return self.sent_starts[max(0, i)] if self.sent_starts else 0

    def role_of(self, name: str) -> str | None:
        return self.roles.get(name)

    def resolve(self, m: Mention) -> tuple[str, str | None, bool]:
        """(speaker, role, person) for a mention at its position."""
        before = [k for k in self.known if k.pos < m.pos]
        if m.kind == "pronoun":
            want_person = m.head in pronouns("person")
            # The latest earlier mention of the right kind: measured on both evaluation sets, this
            # beats preferring the latest speaker, once names are typed correctly.
            # A name inside what was said or quoted is talked about, not talking; a person whose
            # gender the article shows otherwise ("Ms. Ivanova", an earlier "she") does not fit.
            gender = GENDERED.get(m.head)
            ranked = [
                k
                for k in sorted(before, key=lambda k: k.pos, reverse=True)
                if self._kind_fits(k, want_person)
                and k.name
                and (k.speaker or not k.in_content)
                and (gender is None or self.genders.get(k.name, gender) == gender)
            ]
            if m.text.lower() in {"its", "their"}:
                # The owner of a statement ("a statement on its channel"): the latest organisation
                # the article names as a subject, if no statement's source is nearer.
                orgs = [(p, n) for p, n in self.orgs if p < m.pos]
                if orgs and (not ranked or ranked[0].pos < orgs[-1][0]):
                    return orgs[-1][1], self.roles.get(orgs[-1][1]), False
            if not ranked:
                # Nothing fits the stricter reading: any earlier mention of the right kind beats
                # an unresolved pronoun.
                ranked = [
                    k
                    for k in sorted(before, key=lambda k: k.pos, reverse=True)
                    if self._kind_fits(k, want_person) and k.name
                ]
            if not ranked:
                return m.text, None, want_person
            best = ranked[0]
            if want_person and not (best.speaker or best.subject):
                # The latest person is an object ("told X", "met X"): a "he" that speaks continues the
                # latest speaker or subject of this or the previous sentence, when there is one -
                # unless only the latest is known to be of the pronoun's gender.
                window = self._sentence_start(m.pos, back=1)
                known = gender is not None and self.genders.get(best.name) == gender
                best = next(
                    (
                        k
                        for k in ranked
                        if k.pos >= window
                        and (k.speaker or k.subject)
                        and (not known or self.genders.get(k.name) == gender)
                    ),
                    best,
                )
            if (
                want_person
                and not best.speaker
                and knob("pronoun_speaker_window")
                and not (best.subject and best.pos >= self._sentence_start(m.pos))
            ):
                # The latest speaker, when one is near, over a person only mentioned since; a
                # subject of the pronoun's own sentence ("Trump blasted the system, which he said
                # ...") is nearer than any.
                window = self._sentence_start(m.pos, back=knob("pronoun_speaker_window"))
                best = next((k for k in ranked if k.pos >= window and k.speaker), best)
            if gender is not None and want_person:
                self.genders.setdefault(best.name, gender)
            return best.name, best.role or self.roles.get(best.name), best.person
        if m.kind == "name" and m.text in self.acronyms:
            expanded = self.acronyms[m.text]
            return expanded, self.roles.get(expanded), False
        low = m.text.lower()
        if (
            m.kind == "description"
            and m.head not in titles()
            and m.head not in GENERIC_HEADS
            and (
                place := re.match(
                    r"(?:the\s+)?(country|nation|region|province|oblast|city|town)(?:[’']s)?\b", low
                )
            )
        ):
            # "the country's forces said": the state named in this or the previous sentence;
            # "the region's administration": the nearest place named before it.
            state = self._state_near(m.pos, nearest=place.group(1) not in {"country", "nation"})
            if state is not None:
                return state, None, False
        # A bare capitalised word that is the surname of a person named in the article is that
        # person, even where the tagger took it for an organisation or a noun ("Guterres said").
        if " " not in m.text and m.text[:1].isupper() and m.text.lower() in self.full:
            name = self.fullest(m.text, m.pos)
            if " " not in name:
                # A name seen only alone ("Qin said", after "Qin Gang"): it may be a first name.
                name = self.by_first_name(name, m.pos) or name
            return name, m.role or self.roles.get(name), True
        if m.kind == "name" and " " not in m.text and m.text[:1].isupper():
            full = self.by_first_name(m.text, m.pos)
            if full is not None:
                return full, m.role or self.roles.get(full), True
        if m.kind == "name":
            name = self.fullest(m.text, m.pos) if m.person or " " not in m.text else m.text
            return name, m.role or self.roles.get(name), m.person
        words = m.text.lower().split()
        if m.kind == "description" and (words == ["the", m.head] or words == [m.head]):
            # "the agency", "the organisation", "organizers": the one organisation of that kind.
            org = self._org_of_kind(m)
            if org is not None:
                return org, self.roles.get(org), False
        if m.definite_institution and m.kind == "description":
            # "the ministry said": the latest earlier institution of that kind ("the Russian
            # Foreign Ministry").
            for k in sorted(before, key=lambda k: k.pos, reverse=True):
                words = k.name.lower().split()
                if not k.person and len(words) > 1 and words[-1] == m.head:
                    return k.name, k.role, False
        # Definite descriptions made of a title word ("the minister", "the Foreign Ministry
        # spokeswoman", "the Hungarian leader"): the latest earlier named holder of that title.
        words = m.text.lower().split()
        if (
            words
            and words[0] in {"the", "a", "an"}
            and len(words) <= 6
            and words[-1] == m.head
            and (m.head in titles() or m.head in GENERIC_HEADS)
        ):
            holder = self._holder(m, words)
            if holder is not None:
                return holder.name, holder.role, holder.person
            if words[0] == "the":
                # "Ukraine's negotiator said ... The negotiator said": the earlier unnamed source
                # with that title, when every modifier agrees ("the Russian negotiator" is another).
                earlier = self._described(m, words)
                if earlier is not None:
                    return earlier.name, earlier.role, earlier.person
        holder_title = self._office_title(m, words)
        if holder_title is not None:
            # "the presidency", "the presidential office": the one holder the article names.
            found = {
                k.name: k
                for k in self.known
                if k.person
                and len(k.name.split()) >= 2
                and _agrees(
                    [w for w in words[1:-1] if w not in offices()[1]],
                    holder_title,
                    re.sub(r"[’']s\b", "", f"{k.role or ''} {k.desc}".lower()).replace(",", " ").split(),
                )
            }
            if len(found) == 1:
                k = next(iter(found.values()))
                return k.name, k.role or self.roles.get(k.name), True
        return m.text, m.role, m.person

    def _kind_fits(self, k: _Known, want_person: bool) -> bool:
        """Whether an earlier mention can be what a pronoun stands for.  A source the article only
        ever names with one word, with no title, first name or gender ("Gazprom said"), may be an
        organisation the tagger took for a person: "it" can take it up too."""
        if k.person == want_person:
            return True
        if want_person or not k.speaker or " " in k.name or k.name in self.genders:
            return False
        role = set(re.findall(r"[a-z]+", (k.role or "").lower()))
        return not role & titles() and self.fullest(k.name, k.pos) == k.name and k.name[:1].isupper()

    def _office_title(self, m: Mention, words: list[str]) -> str | None:
        """The title of the holder an institution stands for: ``presidency`` → president."""
        if m.kind != "description" or not words or words[0] != "the" or len(words) > 4:
            return None
        heads, mods, heads_office = offices()
        if words[-1] in heads:
            return heads[words[-1]]
        if words[-1] in heads_office:
            return next((mods[w] for w in words[1:-1] if w in mods), None)
        return None

    def _described(self, m: Mention, words: list[str]) -> _Known | None:
        """The latest earlier unnamed source with the head of ``the <title>`` whose words agree."""
        for k in sorted((k for k in self.known if k.pos < m.pos), key=lambda k: k.pos, reverse=True):
            if not k.speaker or k.head != m.head or k.name.lower() != k.desc or k.desc == m.text.lower():
                continue
            hay = re.sub(r"[’']s\b", "", k.desc).replace(",", " ").split()
            if _agrees(words[1:-1], m.head, hay):
                return k
        return None

    def _state_near(self, pos: int, *, nearest: bool = False) -> str | None:
        """The state named in the sentence of ``pos`` (before it) or in the one before: the one
        subject among them, else the only one; with ``nearest``, the last one named."""
        lo = self._sentence_start(pos, back=1)
        near = [(p, n, subj) for p, n, subj in self.states if lo <= p < pos]
        if nearest:
            return near[-1][1] if near else None
        for pool in ({n for _, n, subj in near if subj}, {n for _, n, _ in near}):
            if len(pool) == 1:
                return pool.pop()
            if pool:
                return None
        return None

    def origins(self, text: str) -> set[str]:
        """The countries and nationalities a phrase names, folded (``Ukraine's`` = ``Ukrainian``)."""
        words = re.findall(r"[\w.]+", re.sub(r"[’']s\b", "", text))
        return {_fold(w) for w in words if w.lower() in self.origin_words and w[:1].isupper()}

    def _holder(self, m: Mention, words: list[str]) -> _Known | None:
        """The named holder of the title a description gives (``the ambassador``,
        ``the UK's national security adviser``).  A definite one takes the latest earlier holder;
        failing that, and for an indefinite one (``a senior U.S. diplomat``), the article must name
        exactly one holder anywhere, since news often gives the name only later."""

        def fits(k: _Known) -> bool:
            hay = re.sub(r"[’']s\b", "", f"{k.role or ''} {k.desc}".lower()).replace(",", " ").split()
            # Every modifier must agree: "the Russian negotiator" is not the Ukrainian one.
            return k.person and len(k.name.split()) >= 2 and _agrees(words[1:-1], m.head, hay)

        if words[0] == "the":
            for k in sorted((k for k in self.known if k.pos < m.pos), key=lambda k: k.pos, reverse=True):
                if fits(k):
                    return k
        elif m.head == "official":
            # "an official" is any of many; only a title word narrows an indefinite description.
            return None
        # A holder introduced as "a Ukrainian negotiator" is one of several: a description elsewhere
        # may mean another of them.
        found = {k.name: k for k in self.known if fits(k) and not re.match(r"(an?|one)\s", k.desc)}
        return next(iter(found.values())) if len(found) == 1 else None

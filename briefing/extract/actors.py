"""Canonical actor names for diplomacy: states, international bodies and the people acting for them.

A diplomacy item names its actors with short canonical names (``Russia``, ``United States``,
``United Nations``, ``West``).  Articles name them many ways: the state (``Russia``), its
capital or seat (``Moscow``, ``the Kremlin``), a demonym before an agent noun (``Russian
negotiators``), or a person (``Lavrov``).  This module finds those mentions in a stretch of
text and maps each to its canonical actor.  The data (names, demonyms, people, agent nouns,
places) lives in ``briefing/lexicons/``; people an article introduces with a title
(``Ukrainian Foreign Minister Dmytro Kuleba``) are learnt per article by :func:`learn_people`.

Rules that keep battlefield and background words from becoming actors:

* a demonym counts only before an agent noun: ``Russian officials`` yes, ``Russian grain`` no;
  plural demonyms used as nouns (``the Russians``) always count;
* a place name after a locative preposition is where something happened, not who did it:
  ``talks in Istanbul`` names no actor;
* background phrases name no actor: ``the war in Ukraine``, ``Russia's invasion of Ukraine``,
  ``Ukraine-related``, ``the Ukraine war``, a city naming an agreement (``the Minsk
  agreements``), the land or people an act is about (``Ukraine's territorial integrity``,
  ``the territory of Ukraine``, ``lexicons/diplomacy_background_nouns.txt``), the host of a
  mission (``the US ambassador to Kyiv``) and a news outlet (``Agence France-Presse``);
* ``in X`` after a stance noun is no location: ``confidence in Russia`` names Russia, nor is
  ``at X`` after a word of aim (``pointed the finger at Moscow``);
* ``non-``, ``anti-`` and ``pro-`` forms name no state (``pro-Kremlin separatists``), and a state
  inside a newspaper's name (``The Washington Post``) is the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import load_json, load_list, load_set
from .sentences import Span, sentence_index

# Offices that are no personal title of a speaker (so not in ``speaker_titles.txt``) but still
# tie a name to a state ("the Russian presidency's envoy", "Ukrainian diplomat X").
_OFFICE_WORDS = frozenset({"ministry", "presidency", "diplomat", "speaker"})


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Words that make a name next to a person a title of office ("Ukrainian Foreign Minister"):
    the speaker titles of ``speaker_titles.txt`` (dots dropped, as words are matched) and the
    offices above."""
    return frozenset(w.rstrip(".") for w in load_set("speaker_titles.txt")) | _OFFICE_WORDS


@lru_cache(maxsize=1)
def _titled_re() -> re.Pattern[str]:
    """A word (a demonym, checked by the caller) up to two words before a title."""
    alt = "|".join(re.escape(w) for w in sorted(title_words(), key=len, reverse=True) if w.isalpha())
    return re.compile(rf"\b(\w+)\s+(?:\w+\s+)?(?:{alt})\b", re.I)


# Prepositions after which a place name is a location, not an actor.
_LOCATIVE = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "into", "around", "via"}
)
# Nouns after which "in X" names what is trusted or doubted, not where ("confidence in Russia").
_STANCE_NOUNS = frozenset({"confidence", "trust", "faith", "belief", "interest", "stake", "role", "part"})
# Words after which "at X" names a target, not a place ("pointed the finger at Moscow",
# "lashed out at Kyiv", "a swipe at Washington").
_TARGET_WORDS = frozenset(
    {"finger", "fingers", "out", "swipe", "swipes", "jab", "jabs", "dig", "aimed", "directed"}
)
# Background phrases whose country names are the setting, not a party to the act.
_BACKGROUND_RE = re.compile(
    r"\b(?:war|invasion|incursion|conflict|offensive|operation|aggression|fighting|crisis|situation|tensions?)\s+"
    r"(?:in|on|of|against|over|into)\s+(?:the\s+)?(?:country\s+of\s+)?(?:[\w-]*(?:north|south|east|west)[\w-]*\s+)?$",
    re.I,
)
# A place that names an agreement or a format of talks ("the Minsk agreements").
_DEAL_NAME_RE = re.compile(r"\s+(?:agreements?|accords?|protocols?|format|peace\s+process|process)\b", re.I)
# A state naming a war, not a party to it ("the Ukraine war", "the Russia-Ukraine conflict").
_WAR_NAME_RE = re.compile(r"(?:-[A-Z][\w]*)?\s+(?:invasion|war|conflict|crisis)\b")
# A state's name inside a news outlet's name ("Agence France-Presse", "Voice of America").
_OUTLET_BEFORE_RE = re.compile(r"\b(?:Agence|Voice\s+of|Radio)\s+$")
_OUTLET_AFTER_RE = re.compile(r"-Presse\b|\s+(?:Presse|Post|Times|Independent|Herald|Tribune|Journal)\b")
# The host state of a mission ("ambassador to Kyiv", "its envoy to the UN").
_HOST_RE = re.compile(r"\b(?:ambassadors?|envoys?|embassy|mission|representative)\s+to\s+(?:the\s+)?$", re.I)
_NOT_ITSELF_RE = re.compile(r"\b(?:non|anti|pro)-$", re.I)
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z .'-]+,(?:\s+[A-Z][\w .'-]*)?\s+\((?:AP|Reuters|AFP|dpa)\)\s*[\u2014\u2013-]+"
)


@dataclass(frozen=True)
class Mention:
    """One actor mention: canonical name and span in the file text."""

    actor: str
    start: int
    end: int
    kind: str  # "name", "demonym", "person" or "learnt"


@dataclass(frozen=True)
class _Form:
    actor: str
    kind: str


@lru_cache(maxsize=1)
def _table() -> dict[str, _Form]:
    """Every surface form → its actor; later and longer forms do not shadow earlier names."""
    forms: dict[str, _Form] = {}
    for entry in load_json("actors.json")["actors"]:
        name = entry["name"]
        for kind, key in (("name", "names"), ("person", "people"), ("demonym", "demonyms")):
            for form in [name] * (kind == "name") + list(entry.get(key, [])):
                forms.setdefault(form, _Form(name, kind))
    return forms


@lru_cache(maxsize=1)
def _form_re() -> re.Pattern[str]:
    alts = sorted(_table(), key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    # Names may be glued to a hyphen ("UN-backed", "U.S.-supplied"); "U.S." ends in a dot.
    return re.compile(rf"(?<![\w.])(?:{body})(?:'s|\u2019s)?(?![\w])")


@lru_cache(maxsize=1)
def plural_demonyms() -> frozenset[str]:
    """Lowercase demonyms of ``actors.json`` used as nouns for people (``Russians``, ``Swiss``):
    capitalised, not an acronym, ending in ``s``."""
    return frozenset(
        d.lower()
        for entry in load_json("actors.json")["actors"]
        for d in entry.get("demonyms", [])
        if d[:1].isupper() and not d.isupper() and d.endswith("s") and "." not in d
    )


@lru_cache(maxsize=1)
def agent_nouns() -> frozenset[str]:
    return load_set("diplomacy_actor_nouns.txt")


@lru_cache(maxsize=1)
def places() -> tuple[str, ...]:
    return tuple(sorted(load_list("diplomacy_places.txt"), key=len, reverse=True))


@lru_cache(maxsize=1)
def _canonical_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for form, f in _table().items():
        idx.setdefault(_fold(form), f.actor)
    return idx


def _fold(s: str) -> str:
    s = s.replace("\u2019", "'").lower().replace(".", "")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def canonical(name: str) -> str | None:
    """The canonical actor for a surface form (``Kremlin`` → ``Russia``), or None."""
    return _canonical_index().get(_fold(name))


def _demonym_is_agent(text: str, end: int, limit: int) -> bool:
    """Whether the demonym ending at ``end`` modifies an agent noun within the next few words."""
    tail = text[end:limit]
    if tail.startswith("-"):
        word = re.match(r"-(\w+)", tail)
        return bool(word and word.group(1).lower() in agent_nouns())
    for n, w in enumerate(re.finditer(r"[\w'\u2019-]+|[^\w\s]", tail)):
        if n >= 6:
            break
        tok = w.group()
        low = tok.lower()
        if low in agent_nouns():
            return True
        if tok in {",", "and", "or"} or _table().get(tok, _Form("", "")).kind == "demonym":
            continue
        if not tok[0].isalpha():
            return False
        # Another modifier may stand between ("Russian deputy defence minister").
        if n >= 3:
            return False
    return False


def find_mentions(
    text: str,
    start: int,
    end: int,
    *,
    people: Mapping[str, str] | None = None,
    keep_places: bool = False,
) -> list[Mention]:
    """Actor mentions in ``text[start:end]``, in order, background and location uses dropped."""
    out: list[Mention] = []
    seg = text[start:end]
    # A wire dateline ("TEHRAN, Iran (AP) —") says where the story was filed, not who acted.
    dl = _DATELINE_RE.match(seg)
    for m in _form_re().finditer(seg):
        if dl and m.start() < dl.end():
            continue
        form = re.sub(r"(?:'s|\u2019s)$", "", m.group())
        f = _table()[form]
        s, e = start + m.start(), start + m.start() + len(form)
        # "non-Europeans", "anti-Russian", "pro-Kremlin separatists": not the state itself.
        if _NOT_ITSELF_RE.search(text[max(start, s - 5) : s]):
            continue
        if _is_background(text, start, s, e, form) or (
            not keep_places and _is_location(text, start, s, form)
        ):
            continue
        if f.kind == "demonym":
            plural = form.endswith("s") and form[:1].isupper() and form not in {"US", "U.S"}
            if not plural and not _demonym_is_agent(text, e, end):
                continue
        out.append(Mention(f.actor, s, e, f.kind))
    if people:
        taken = [(mm.start, mm.end) for mm in out]
        for name, actor in people.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", seg):
                s, e = start + m.start(), start + m.end()
                if any(a <= s < b or a < e <= b for a, b in taken):
                    continue
                out.append(Mention(actor, s, e, "learnt"))
                taken.append((s, e))
    out.sort(key=lambda mm: mm.start)
    return out


@lru_cache(maxsize=1)
def _setting_nouns() -> frozenset[str]:
    return load_set("diplomacy_background_nouns.txt")


@lru_cache(maxsize=1)
def _setting_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Possessive before a setting noun (``'s innocent civilians``); setting noun + ``of``."""
    alt = "|".join(sorted(_setting_nouns(), key=len, reverse=True))
    after = re.compile(rf"(?:'s|\u2019s)\s+(?:own\s+)?(?:[\w-]+\s+)?(?:{alt})\b", re.I)
    before = re.compile(
        r"\b(?:territory|territories|territorial\s+integrity|sovereignty|independence)\s+of\s+(?:the\s+)?$",
        re.I,
    )
    return after, before


def _is_background(text: str, lo: int, s: int, e: int, form: str = "") -> bool:
    after = text[e : e + 40]
    if re.match(r"-(?:related|linked|born|based)\b", after):
        return True
    before = text[max(lo, s - 40) : s]
    if _BACKGROUND_RE.search(before) or _HOST_RE.search(before) or _OUTLET_BEFORE_RE.search(before):
        return True
    if _OUTLET_AFTER_RE.match(after):
        return True
    kind = _table()[form].kind if form in _table() else ""
    if kind == "name" and form in places() and _DEAL_NAME_RE.match(after):
        return True
    if kind == "name" and _WAR_NAME_RE.match(after):
        return True
    poss, of = _setting_re()
    if kind in {"name", "person"} and poss.match(after) and not _poss_agent(after):
        return True
    if of.search(before):
        return True
    # "Russia's invasion of Ukraine": the invader's possessive is background as well.
    return bool(re.match(r"(?:'s|\u2019s)?\s+(?:invasion|war)\s+(?:of|in|on)\b", after))


def _poss_agent(after: str) -> bool:
    """Whether a possessive is followed by an agent noun first ("Ukraine's people's deputies")."""
    m = re.match(r"(?:'s|\u2019s)\s+([\w-]+)", after)
    return bool(m and m.group(1).lower() in agent_nouns())


def _is_location(text: str, lo: int, s: int, form: str) -> bool:
    # A compass modifier may stand between ("into north-western Syria", "in eastern Ukraine").
    prev = re.search(
        r"(\w+)\W*(?:[\w-]*(?:north|south|east|west)[\w-]*\s+)?$", text[max(lo, s - 40) : s], re.I
    )
    if not prev or prev.group(1).lower() not in _LOCATIVE:
        return False
    # "confidence in Russia", "trust in the UN": the object of a stance, not a place.
    stance = re.search(r"(\w+)\s+\w+\W*$", text[max(lo, s - 40) : s])
    if stance and stance.group(1).lower() in _STANCE_NOUNS and prev.group(1).lower() == "in":
        return False
    if stance and stance.group(1).lower() in _TARGET_WORDS and prev.group(1).lower() == "at":
        return False
    return form in places() or (_table()[form].kind == "name" and form not in {"UN", "U.N.", "NATO", "Nato"})


@lru_cache(maxsize=1)
def _place_re() -> re.Pattern[str]:
    """All listed places in one pattern, longest first so "Saudi Arabia" wins over a shorter
    place at the same spot; "the" is tried last so a place that starts with it ("the Hague")
    is kept whole."""
    alt = "|".join(re.escape(p) for p in places())
    return re.compile(rf"\b(?:in|at)\s+(?:the\s+)??(?P<place>{alt})\b")


def find_place(text: str, start: int, end: int) -> str | None:
    """The first listed place the sentence names after a locative preposition."""
    m = _place_re().search(text[start:end])
    return m.group("place") if m else None


def learn_people(text: str, entities: Iterable[tuple[int, int]], sents: Sequence[Span]) -> dict[str, str]:
    """People an article introduces with an office: surname and full name → actor.

    ``entities`` are PERSON spans.  The office is looked for just before the name
    (``Ukrainian Foreign Minister Dmytro Kuleba``, ``Russia's negotiator Vladimir Medinsky``) or
    in an appositive after it (``David Arakhamia, a Ukrainian negotiator``).  A name that opens
    a sentence right after one describing an official by office alone takes that office (``The
    UK's national security adviser ... . Stephen Lovegrove told ...``); ``sents`` is the
    article's sentence split, needed for that.
    """
    learnt: dict[str, str] = {}
    entities = list(entities)
    spans = entities
    known = _table()
    for s, e in entities:
        name = text[s:e].strip()
        name = re.sub(r"(?:'s|\u2019s)$", "", name)
        if not name or name in known:
            continue
        actor = _office_actor(text, s, e) or _described_before(text, s, spans, sents)
        if actor is None:
            continue
        learnt.setdefault(name, actor)
        parts = name.split()
        if len(parts) > 1 and parts[-1] not in known:
            learnt.setdefault(parts[-1], actor)
    return learnt


# What may stand between a sentence's start and the name that opens it.
_OPENER_RE = re.compile(r"[\"\u201c]?(?:(?:Sir|Dame|Dr|Mr|Mrs|Ms|Gen|Adm)\.?\s+)?")


def _described_before(
    text: str, s: int, entities: Sequence[tuple[int, int]], sents: Sequence[Span]
) -> str | None:
    """The state of an official the previous sentence describes by office alone, when the name
    at ``s`` opens the next sentence."""
    i = sentence_index(sents, s)
    if not i or not _OPENER_RE.fullmatch(text[sents[i][0] : s]):
        return None
    p0, p1 = sents[i - 1]
    if not re.search(r"[.!?][\"\u201d\u2019']?$", text[p0:p1]):
        return None  # a headline or a line without a full stop is no description of an office
    if any(p0 <= a < p1 for a, _ in entities):
        return None  # the previous sentence names a person: the description is theirs
    prev = text[p0:p1]
    for mm in find_mentions(text, p0, p1, keep_places=True):
        # The state right before the office: "the UK's national security adviser", "the
        # Russian foreign minister".
        tail = re.findall(r"[\w-]+", re.sub(r"^(?:'s|\u2019s)", "", text[mm.end : p1]))[:3]
        led = mm.start == p0 or re.search(r"\b(?:the|its)\s+$", prev[: mm.start - p0], re.I)
        if mm.kind in {"name", "demonym"} and led and any(w.lower() in title_words() for w in tail):
            return mm.actor
    return None


def _office_actor(text: str, s: int, e: int) -> str | None:
    line_start = max(text.rfind("\n", 0, s) + 1, s - 70)
    before = text[line_start:s]
    # Stop at the previous clause: a verb-like break or sentence end keeps titles local.
    cut = max(before.rfind(". "), before.rfind(";"), before.rfind(" said "), before.rfind(" and "))
    if cut >= 0:
        before = before[cut + 1 :]
    cands: list[tuple[int, str]] = []
    if any(w.lower() in title_words() for w in re.findall(r"\w+", before)):
        b0 = s - len(before)
        for mm in find_mentions(text, b0, s, keep_places=True):
            cands.append((s - mm.end, mm.actor))
        for m in _titled_re().finditer(before):
            f = known_demonym(m.group(1))
            if f:
                cands.append((s - (b0 + m.end()), f))
    after = text[e : e + 110]
    app = re.match(r",\s+((?:the|a|an|his|her|its)\s+[^,.;\u201c\"]{3,100})", after)
    if app and any(w.lower() in title_words() for w in re.findall(r"\w+", app.group(1))):
        a0 = e + app.start(1)
        for mm in find_mentions(text, a0, a0 + len(app.group(1)), keep_places=True):
            cands.append((mm.start - e, mm.actor))
        for m in re.finditer(r"\b(\w+)\b", app.group(1)):
            f = known_demonym(m.group(1))
            if f:
                cands.append((a0 + m.start() - e, f))
    if not cands:
        return None
    return min(cands)[1]


def known_demonym(word: str) -> str | None:
    f = _table().get(word)
    return f.actor if f and f.kind in {"demonym", "name"} else None


def dedupe(actors: Iterable[str]) -> tuple[str, ...]:
    """Actors in first-seen order, each once."""
    seen: dict[str, None] = {}
    for a in actors:
        seen.setdefault(a, None)
    return tuple(seen)

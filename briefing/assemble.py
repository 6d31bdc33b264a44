"""Assemble: a day's extractions → one ``Brief``.

This stage dedupes, groups and ranks; it does no I/O.  The same quote reported by several
outlets becomes one statement with all its sources; the same figure becomes one row with its
sources, and different values for the same thing stay side by side in one row (never merged);
diplomacy items are grouped into developments by type and actors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from . import __version__
from .lexicons import calendar_words, load_json, load_set
from .models import (
    ArticleRef,
    Brief,
    Development,
    Diplomacy,
    DiplomacyItem,
    Extraction,
    Figure,
    FigureItem,
    FigureRow,
    SourceRef,
    Statement,
    StatementItem,
)
from .text import clip, slug, squash

WORD_RE = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class AssembleOptions:
    """Thresholds of the dedupe step (data, not code)."""

    quote_similarity: float = 0.8
    # Values further apart than this factor are not read as two reports of one count.
    conflict_factor: float = 10.0
    # Share of a diplomacy sentence's content words already in a development for a report
    # with only partly overlapping actors to join it.
    story_overlap: float = 0.25
    title: str = "Daily brief"


def fold(text: str) -> str:
    """Lowercase ASCII folding used for every comparison key."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


def _is_description(name: str) -> bool:
    """Whether a speaker is a description ("Ukraine's negotiator", "a Ukrainian official")
    rather than a name."""
    parts = [p.strip(".,") for p in name.split()]
    particles = load_set("name_particles.txt")
    return any(p[:1].islower() and p not in particles for p in parts) or bool(
        re.search(r"['\u2019]s\b", name)
    )


def name_key(name: str | None) -> str:
    """A key under which spelling variants of a name agree (Zelensky = Zelenskyy = Zelenskiy).

    Names agree on the surname; descriptions only when their words are the same, so that
    "Ukraine's negotiator" and "the Russian negotiator" stay two speakers."""
    if not name:
        return ""
    toks = [t for t in words(name) if t not in {"the", "a", "an", "s"}]
    if not toks:
        return ""
    if _is_description(re.sub(r"^(?:the|an?)\s+", "", name, flags=re.IGNORECASE)):
        return "~" + " ".join(toks)
    return re.sub(r"(yy|iy|ii|ij)$", "y", toks[-1])


def article_anchor(article_id: str) -> str:
    return "art-" + (slug(fold(article_id)) or "x")


def _source(ex: Extraction, sentence_span: tuple[int, int], anchor: str) -> SourceRef:
    art = ex.article
    s, e = max(sentence_span[0], art.body_start), sentence_span[1]
    return SourceRef(
        article_id=art.id,
        title=art.title or art.id,
        outlet=art.outlet,
        url=art.url,
        sentence=squash(art.text[s:e]),
        start=s,
        end=e,
        anchor=anchor,
    )


# ----------------------------------------------------------------------------- statements


def _canonical_speakers(items: Iterable[Statement]) -> dict[str, str]:
    """For each speaker key, the fullest spelling seen that day (most words, then most often)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for st in items:
        if st.speaker:
            seen[name_key(st.speaker)][st.speaker] += 1
    return {k: max(c, key=lambda n: (len(n.split()), c[n], n)) for k, c in seen.items()}


def _similar(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass
class _StatementGroup:
    """A statement being collected across the day's articles."""

    key: str
    tokens: set[str]
    first: Statement
    order: int
    role: str | None
    refs: list[SourceRef] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)


def group_statements(exs: Sequence[Extraction], *, options: AssembleOptions) -> tuple[StatementItem, ...]:
    canon = _canonical_speakers(st for ex in exs for st in ex.statements)
    groups: list[_StatementGroup] = []
    for ex in exs:
        anchor = article_anchor(ex.article.id)
        for st in ex.statements:
            key = name_key(st.speaker)
            toks = set(words(st.quote))
            ref = _source(ex, (st.sent_start, st.sent_end), anchor)
            # Two statements of one article are never the same report; across articles, the
            # same speaker with (nearly) the same words is.
            same = next(
                (
                    g
                    for g in groups
                    if g.key == key
                    and ex.article.id not in g.articles
                    and _similar(toks, g.tokens) >= options.quote_similarity
                ),
                None,
            )
            if same is None:
                same = _StatementGroup(key=key, tokens=toks, first=st, order=len(groups), role=st.role)
                groups.append(same)
            elif st.direct and not same.first.direct:
                same.first = st  # prefer the direct wording when outlets differ
            same.refs.append(ref)
            same.articles.add(ex.article.id)
            same.role = same.role or st.role
    items = [
        StatementItem(
            speaker=canon.get(g.key, g.first.speaker) if g.first.speaker else None,
            role=g.role,
            quote=squash(g.first.quote),
            direct=g.first.direct,
            cue=g.first.cue,
            sources=tuple(g.refs),
        )
        for g in groups
    ]
    # Most corroborated first; then direct quotes from named speakers; then reading order.
    order = {id(item): n for n, item in enumerate(items)}
    items.sort(key=lambda i: (-i.corroboration, not (i.direct and i.speaker), order[id(i)]))
    return tuple(items)


# ----------------------------------------------------------------------------- figures


PLACE_RE = re.compile(r"\b(?:in|at|near|around|outside)\s+(?:the\s+)?([A-Z][\w'-]+)")
STOP = set(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "who",
        "which",
        "have",
        "has",
        "had",
        "their",
        "its",
        "his",
        "her",
    ]
)


@dataclass(frozen=True)
class FigureTopic:
    """What a figure counts, reduced to what can be compared across articles."""

    unit: str
    per: str
    kind: str  # from lexicons/figure_kinds.json: killed, wounded, refugees …; "" if none
    places: frozenset[str]  # where it happened ("killed in Mariupol"), not who ("Ukrainians")
    content: frozenset[str]  # the other content words of ``what``
    scene: frozenset[str] = frozenset()  # places named anywhere in the figure's sentence


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _places(text: str) -> frozenset[str]:
    not_places = calendar_words("months") | calendar_words("weekdays")
    return frozenset(f for f in (fold(p) for p in PLACE_RE.findall(text)) if f.rstrip(".") not in not_places)


def figure_topic(fig: Figure, sentence: str = "") -> FigureTopic:
    table = load_json("figure_kinds.json")
    kinds: dict[str, list[str]] = table["kinds"]
    generic = set(table.get("generic", ()))
    what = fig.what or ""
    low = set(words(what))
    # The file lists event kinds (killed, wounded …) before the kinds of people or goods
    # (detained, grain …): in "prisoners killed" the count is of the killed.
    kind = next((k for k, ws in kinds.items() if low & set(ws)), "")
    skip = STOP | set(kinds.get(kind, ())) | generic
    content = frozenset(_stem(w) for w in low if w not in skip and not w.isdigit())
    return FigureTopic(fig.unit or "", fig.per or "", kind, _places(what), content, _places(sentence))


def figure_key(fig: Figure) -> tuple[str, str]:
    """(key, label) of a figure's row: ``unit|kind or content words|per|places``."""
    t = figure_topic(fig)
    base = t.kind or " ".join(sorted(t.content)[:4])
    return "|".join([t.unit, base, t.per, " ".join(sorted(t.places))]), fig.what or t.unit


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def same_count(a: FigureTopic, b: FigureTopic) -> bool:
    """Do two figures count the same thing, so that different values are a disagreement?

    Deliberately strict: a false "sources disagree" costs a reader's trust more than a missed
    one.  The same kind of count at the same named place ("killed in Mariupol"), or nearly the
    same description (Jaccard ≥ 0.6 over at least two content words, at the same places).
    """
    if (a.unit, a.per) != (b.unit, b.per) or a.places != b.places:
        return False
    if a.kind and a.kind == b.kind:
        if a.scene and b.scene:
            # Both sentences say where: the same kind of count at the same place.
            return bool(a.scene & b.scene)
        if a.content & b.content:
            # "53 prisoners of war killed" and "at least 50 Ukrainian prisoners killed".
            return True
    shared = a.content & b.content
    return (not a.kind or a.kind == b.kind) and len(shared) >= 2 and _jaccard(a.content, b.content) >= 0.6


def same_report(a: FigureTopic, b: FigureTopic) -> bool:
    """Two figures with the same value: one fact reported twice unless they plainly count
    different things (another unit, rate, place or kind of count)."""
    if (a.unit, a.per) != (b.unit, b.per):
        return False
    if a.places and b.places and not a.places & b.places:
        return False
    if a.kind and b.kind:
        return a.kind == b.kind
    return bool(a.content & b.content) or a.kind == b.kind


@dataclass
class _Row:
    key: str
    label: str
    topic: FigureTopic
    order: int
    variants: dict[tuple[float | None, float | None], list[tuple[Figure, SourceRef]]] = field(
        default_factory=dict
    )

    @property
    def articles(self) -> set[str]:
        return {r.article_id for entries in self.variants.values() for _, r in entries}


def _within(a: float | None, b: float | None, factor: float) -> bool:
    if a is None or b is None or a <= 0 or b <= 0:
        return False
    return max(a, b) / min(a, b) <= factor


def group_figures(
    exs: Sequence[Extraction], *, options: AssembleOptions | None = None
) -> tuple[FigureRow, ...]:
    """Rows of figures: the same value from several articles (or repeated in one) is one item
    with its sources; different values for the same count from different articles are items
    of one row (shown side by side); vague figures are never compared, and different values
    within one article count different things."""
    options = options or AssembleOptions()
    rows: list[_Row] = []
    keys: Counter[str] = Counter()
    for ex in exs:
        anchor = article_anchor(ex.article.id)
        for fig in ex.figures:
            ref = _source(ex, (fig.sent_start, fig.sent_end), anchor)
            topic = figure_topic(fig, ref.sentence)
            vkey = (fig.value, fig.value_max)
            row = None
            if not fig.vague:
                row = next(
                    (
                        r
                        for r in rows
                        # The same value again, from another outlet or repeated further down
                        # the same article (live blogs restate their figures): one item.
                        if vkey in r.variants and same_report(topic, r.topic)
                    ),
                    None,
                ) or next(
                    (
                        r
                        for r in rows
                        if vkey not in r.variants
                        and ex.article.id not in r.articles
                        and same_count(topic, r.topic)
                        and all(_within(fig.value, v[0], options.conflict_factor) for v in r.variants)
                    ),
                    None,
                )
            if row is None:
                key, label = figure_key(fig)
                keys[key] += 1
                if fig.vague or keys[key] > 1:
                    # Not a series to follow over days: keep the key unique.
                    key = f"{key}#{keys[key]}" if not fig.vague else f"{key}#vague{keys[key]}"
                row = _Row(key=key, label=label, topic=topic, order=len(rows))
                rows.append(row)
            row.variants.setdefault(vkey, []).append((fig, ref))
    out = []
    for row in rows:
        items = []
        for entries in row.variants.values():
            fig = entries[0][0]
            items.append(
                FigureItem(
                    text=fig.text,
                    value=fig.value,
                    value_max=fig.value_max,
                    unit=fig.unit,
                    what=fig.what,
                    qualifier=fig.qualifier,
                    per=fig.per,
                    source=next((f.source for f, _ in entries if f.source), None),
                    vague=fig.vague,
                    sources=tuple(r for _, r in entries),
                )
            )
        items.sort(key=lambda i: (-len(i.sources), -(i.value or 0)))
        out.append((row.order, FigureRow(key=row.key, label=row.label, items=tuple(items))))
    # Conflicts and corroborated figures first, vague ones last, then reading order.
    out.sort(
        key=lambda oi: (
            all(i.vague for i in oi[1].items),
            not oi[1].conflicting,
            -sum(len(i.sources) for i in oi[1].items),
            oi[0],
        )
    )
    return tuple(r for _, r in out)


# ----------------------------------------------------------------------------- diplomacy


def development_label(type_: str, actors: Sequence[str], places: Sequence[str]) -> str:
    names: dict[str, str] = load_json("plover_labels.json")
    who = "\u2013".join(actors) if actors else "Unattributed"
    label = f"{who} {names.get(type_, type_.lower())}"
    if places:
        label += ", " + ", ".join(places)
    return label


@dataclass
class _Cluster:
    type: str
    core: frozenset[str]
    place: str | None
    actors: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    entries: list[tuple[Diplomacy, SourceRef]] = field(default_factory=list)


def _story_words(d: Diplomacy) -> set[str]:
    """The content words of a diplomacy sentence, less its actors' names: what the story is
    about ("grain", "deal", "export"), to tell two stories between the same states apart."""
    names = {w for a in d.actors for w in words(a)}
    return {_stem(w) for w in words(d.sentence) if len(w) > 3 and w not in STOP and w not in names}


def _fit(cluster: _Cluster, d: Diplomacy, story: set[str], *, overlap: float) -> float | None:
    """How well a report fits a development (higher is better), or None when it is another story.

    Nested actor sets are one story (the grain deal as Russia–Ukraine by one outlet and
    Russia–Turkey–Ukraine–UN by another); sets that only share two states are one story only
    when the sentences share the place or enough of their words (a Ukraine–Denmark address
    that mentions Russia is not the Russia–Ukraine talks in Istanbul).  Different stated
    places are different meetings.  Compared with the cluster's first report, not the union
    so far, so clusters don't snowball."""
    actors, core = set(d.actors), cluster.core
    if not actors or not core:
        return 1.0 if actors == core else None
    if d.place and cluster.place and fold(d.place) != fold(cluster.place):
        return None
    shared = len(story & cluster.words) / len(story) if story else 0.0
    if actors <= core or core <= actors:
        return 1.0 + shared
    if len(actors & core) >= 2 and (shared >= overlap or (d.place is not None and d.place == cluster.place)):
        return shared
    return None


def group_diplomacy(
    exs: Sequence[Extraction], *, options: AssembleOptions | None = None
) -> tuple[Development, ...]:
    options = options or AssembleOptions()
    clusters: list[_Cluster] = []
    for ex in exs:
        anchor = article_anchor(ex.article.id)
        for d in ex.diplomacy:
            actors = set(d.actors)
            story = _story_words(d)
            fits = [
                (f, -i, c)
                for i, c in enumerate(clusters)
                if c.type == d.type and (f := _fit(c, d, story, overlap=options.story_overlap)) is not None
            ]
            home = max(fits, key=lambda t: (t[0], t[1]))[2] if fits else None
            if home is None:
                home = _Cluster(d.type, frozenset(actors), d.place)
                clusters.append(home)
            home.place = home.place or d.place
            home.actors |= actors
            home.words |= story
            home.entries.append((d, _source(ex, (d.start, d.end), anchor)))
    devs = []
    for order, c in enumerate(clusters):
        # Name the development by the actors most of its reports mention (all, if few reports).
        counts = Counter(a for d, _ in c.entries for a in set(d.actors))
        need = max(1, (len(c.entries) + 1) // 2)
        main = sorted(a for a, n in counts.items() if n >= need) or sorted(counts)
        place_counts = Counter(d.place for d, _ in c.entries if d.place)
        ranked = sorted(place_counts.items(), key=lambda pn: (-pn[1], pn[0]))
        # A place seen once among many reports is a side detail, not where the story is.
        places = tuple(p for p, n in ranked[:2] if n * 2 >= ranked[0][1])
        items = tuple(
            DiplomacyItem(type=d.type, actors=d.actors, place=d.place, status=d.status, source=ref)
            for d, ref in c.entries
        )
        devs.append(
            (
                order,
                Development(
                    key="-".join([c.type.lower(), *words(" ".join(main))]),
                    type=c.type,
                    label=development_label(c.type, main, places),
                    actors=tuple(sorted(c.actors)),
                    places=places,
                    items=items,
                ),
            )
        )
    # Most reports first; among equals, more items, then a development with a stated place
    # (a meeting somewhere is the day's event more than a remark), then first seen.
    devs.sort(key=lambda od: (-od[1].reports, -len(od[1].items), not od[1].places, od[0]))
    return tuple(d for _, d in devs)


# ----------------------------------------------------------------------------- brief


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _figure_phrase(item: FigureItem) -> str:
    value = item.text if not item.vague else f"{item.text} (vague)"
    return " ".join(p for p in (value, item.what or "") if p)


def topline(
    brief_parts: tuple[tuple[StatementItem, ...], tuple[FigureRow, ...], tuple[Development, ...]],
    articles: Sequence[ArticleRef],
) -> tuple[str, ...]:
    """A few lines a reader can stop after: the most reported development, the most
    corroborated statement, the leading figure (or the figures that disagree), then counts."""
    statements, figures, devs = brief_parts
    lines = []
    if devs:
        top = devs[0]
        lines.append(f"Most reported: {top.label} ({_plural(top.reports, 'report')}).")
    named = [s for s in statements if s.speaker]
    if named:
        st = named[0]
        quote = clip(st.quote, 140)
        said = f"\u201c{quote}\u201d" if st.direct else quote
        extra = f" ({_plural(st.corroboration, 'source')})" if st.corroboration > 1 else ""
        lines.append(f"{st.speaker}: {said}{extra}")
    conflicts = [r for r in figures if r.conflicting]
    if conflicts:
        row = conflicts[0]
        values = " vs ".join(
            f"{i.text} ({', '.join(sorted({s.outlet or s.title for s in i.sources}))})" for i in row.items[:3]
        )
        others = len(conflicts) - 1
        more = (
            f"; {_plural(others, 'other figure')} also {'disagrees' if others == 1 else 'disagree'}"
            if others
            else ""
        )
        lines.append(f"Sources disagree on {row.label}: {values}{more}.")
    elif figures and not figures[0].items[0].vague:
        item = figures[0].items[0]
        by = f" ({item.source})" if item.source else ""
        lines.append(f"Key figure: {_figure_phrase(item)}{by}.")
    outlets = sorted({a.outlet for a in articles if a.outlet})
    lines.append(
        _plural(len(articles), "article")
        + (f" from {_plural(len(outlets), 'outlet')}" if outlets else "")
        + f": {_plural(len(statements), 'statement')}, "
        f"{_plural(sum(len(r.items) for r in figures), 'figure')}, "
        f"{_plural(len(devs), 'diplomatic development')}."
    )
    return tuple(lines)


def assemble_day(date: str, exs: Sequence[Extraction], *, options: AssembleOptions | None = None) -> Brief:
    options = options or AssembleOptions()
    exs = sorted(exs, key=lambda e: e.article.id)
    articles = tuple(
        ArticleRef(
            id=e.article.id,
            title=e.article.title or e.article.id,
            outlet=e.article.outlet,
            url=e.article.url,
            path=e.article.path,
            anchor=article_anchor(e.article.id),
            counts=(len(e.statements), len(e.figures), len(e.diplomacy)),
        )
        for e in exs
    )
    parts = (
        group_statements(exs, options=options),
        group_figures(exs, options=options),
        group_diplomacy(exs, options=options),
    )
    return Brief(
        date=date,
        topline=topline(parts, articles),
        statements=parts[0],
        figures=parts[1],
        diplomacy=parts[2],
        articles=articles,
        title=options.title,
        version=__version__,
    )


def assemble(exs: Iterable[Extraction], *, options: AssembleOptions | None = None) -> list[Brief]:
    """One brief per day, sorted by date."""
    by_day: dict[str, list[Extraction]] = defaultdict(list)
    for ex in exs:
        by_day[ex.article.date].append(ex)
    return [assemble_day(d, by_day[d], options=options) for d in sorted(by_day)]

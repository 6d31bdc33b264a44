"""Hand-built ``Brief`` objects for the renderer's tests and golden files.

``sample_brief()`` is a realistic day (statements, a conflicting and a vague figure, two
developments, three articles) built from the seed article's sentences; ``make_*`` helpers
build single items with defaults so a test only spells out what it checks.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefing.models import (
    ArticleRef,
    Brief,
    Development,
    DiplomacyItem,
    FigureItem,
    FigureRow,
    SourceRef,
    StatementItem,
)

ARTICLES = {
    "ndtv": ArticleRef(
        id="2022-03-29-mariupol-istanbul-talks",
        title='Mariupol Siege A "Crime Against Humanity": Zelensky To Danish MPs',
        outlet="NDTV",
        url="https://www.ndtv.com/world-news/mariupol-siege-crime-against-humanity-2851234",
        path="articles/2022-03-29-mariupol-istanbul-talks.txt",
        anchor="art-2022-03-29-mariupol-istanbul-talks",
        counts=(6, 5, 6),
    ),
    "reuters": ArticleRef(
        id="2022-03-29-reuters-istanbul",
        title="Russia promises to scale down military operations around Kyiv, Chernihiv",
        outlet="Reuters",
        url="https://www.reuters.com/world/europe/russia-ukraine-talks-istanbul-2022-03-29/",
        path="articles/2022-03-29-reuters-istanbul.txt",
        anchor="art-2022-03-29-reuters-istanbul",
        counts=(3, 2, 3),
    ),
    "kyiv": ArticleRef(
        id="2022-03-29-mariupol-council",
        title="Mariupol city council: humanitarian catastrophe, 160,000 still trapped",
        outlet="The Kyiv Independent",
        url=None,
        path="articles/2022-03-29-mariupol-council.txt",
        anchor="art-2022-03-29-mariupol-council",
        counts=(1, 2, 0),
    ),
}


def ref(article: str, sentence: str, start: int = 0) -> SourceRef:
    """A source reference to one of ``ARTICLES`` (by key) and one of its sentences."""
    a = ARTICLES[article]
    return SourceRef(
        article_id=a.id,
        title=a.title,
        outlet=a.outlet,
        url=a.url,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        anchor=a.anchor,
    )


def make_statement(**kw: Any) -> StatementItem:
    base = StatementItem(
        speaker="Volodymyr Zelensky",
        role="President of Ukraine",
        quote="We want peace.",
        direct=True,
        cue="said",
        sources=(ref("ndtv", '"We want peace," Zelensky said.'),),
    )
    return replace(base, **kw)


def make_figure(**kw: Any) -> FigureItem:
    base = FigureItem(
        text="3.9 million",
        value=3_900_000,
        value_max=None,
        unit="people",
        what="Ukrainians who fled the country",
        qualifier=None,
        per=None,
        source="UNHCR",
        vague=False,
        sources=(ref("ndtv", "3.9 million Ukrainians have fled the country."),),
    )
    return replace(base, **kw)


def make_brief(**kw: Any) -> Brief:
    base = Brief(
        date="2022-03-29",
        topline=("One line.",),
        statements=(),
        figures=(),
        diplomacy=(),
        articles=tuple(ARTICLES.values()),
        title="Daily brief",
        version="0.1.0",
    )
    return replace(base, **kw)


def sample_brief() -> Brief:
    s_zel = (
        '"What the Russian troops are doing to Mariupol is a crime against humanity, which is happening '
        'in front of the eyes of the whole planet in real-time", Zelensky told Danish parliamentarians.'
    )
    s_zel_r = (
        "Ukrainian President Volodymyr Zelenskiy told Denmark's parliament that what Russian troops were "
        'doing to Mariupol was "a crime against humanity" happening in real time.'
    )
    s_arak = (
        '"We want an international mechanism of security guarantees where guarantor countries will act in '
        "a similar way to NATO's article number five -- and even more firmly,\" David Arakhamia, a "
        "Ukrainian negotiator said."
    )
    s_fomin = (
        "Russia's deputy defence minister Alexander Fomin said his forces are ready to scale down "
        "fighting near Kyiv and Chernihiv to create a conducive atmosphere for the dialogue process."
    )
    s_fomin_r = (
        "Russia will drastically reduce military activity around Kyiv and Chernihiv to increase trust "
        "in talks, deputy defence minister Alexander Fomin said."
    )
    s_mevlut = (
        'Turkish foreign minister Mevlut said he was "encouraged for a ceasefire as soon as possible" '
        'while adding, "We have seen that they have achieved some progress, they reached consensus."'
    )
    s_fled = (
        "According to the United Nations agency, 3.9 million Ukrainians have fled the country since the "
        "Russian invasion began last month."
    )
    s_rate = "UNHCR said the daily outflow rate of refugees was 40,000 per day."
    s_dead = (
        "A Ukrainian official said at least 5,000 people have already died due to continued Russian shelling."
    )
    s_dead_k = (
        "The city council said nearly 5,000 people had been killed in Mariupol, 210 of them children, "
        "but the real number could be 20,000."
    )
    s_trapped = (
        "Reports say Mariupol has been heavily bombarded by Russian forces in the past few weeks with "
        "water, electricity and food running low even as several thousand civilians remain trapped in "
        "the city."
    )
    s_trapped_k = "About 160,000 civilians remain trapped in Mariupol, the city council said."
    s_talks = (
        "Russian and Ukrainian negotiators began their talks in Istanbul at the Dolmabahce palace in "
        "Istanbul on Tuesday amid attacks in Ukraine even as President Recep Tayyip Erdogan who hosted "
        'the event urged "an end to this tragedy".'
    )
    s_talks_r = (
        "Russian and Ukrainian negotiators met face to face in Istanbul for the first time in more than "
        "two weeks."
    )
    s_neutral = (
        "Meanwhile, Ukraine's negotiator said if the security guarantee system works out then Ukraine will "
        "agree to neutral status."
    )

    statements = (
        StatementItem(
            speaker="Volodymyr Zelensky",
            role="President of Ukraine",
            quote=(
                "What the Russian troops are doing to Mariupol is a crime against humanity, which is "
                "happening in front of the eyes of the whole planet in real-time"
            ),
            direct=True,
            cue="told",
            sources=(ref("ndtv", s_zel, 180), ref("reuters", s_zel_r, 95)),
        ),
        StatementItem(
            speaker="Alexander Fomin",
            role="Russia's deputy defence minister",
            quote=(
                "his forces are ready to scale down fighting near Kyiv and Chernihiv to create a conducive "
                "atmosphere for the dialogue process"
            ),
            direct=False,
            cue="said",
            sources=(ref("ndtv", s_fomin, 2200), ref("reuters", s_fomin_r, 20)),
        ),
        StatementItem(
            speaker="David Arakhamia",
            role="Ukrainian negotiator",
            quote=(
                "We want an international mechanism of security guarantees where guarantor countries will "
                "act in a similar way to NATO's article number five -- and even more firmly"
            ),
            direct=True,
            cue="said",
            sources=(ref("ndtv", s_arak, 1500),),
        ),
        StatementItem(
            speaker="Mevlut Cavusoglu",
            role="Turkish foreign minister",
            quote="encouraged for a ceasefire as soon as possible",
            direct=False,
            cue="said",
            sources=(ref("ndtv", s_mevlut, 2050),),
        ),
    )
    figures = (
        FigureRow(
            key="people|killed||mariupol",
            label="people killed in Mariupol",
            items=(
                FigureItem(
                    text="at least 5,000",
                    value=5000,
                    value_max=None,
                    unit="people",
                    what="people who died due to Russian shelling",
                    qualifier="at least",
                    per=None,
                    source="a Ukrainian official",
                    vague=False,
                    sources=(ref("ndtv", s_dead, 1100),),
                ),
                FigureItem(
                    text="nearly 5,000",
                    value=4900,
                    value_max=None,
                    unit="people",
                    what="people killed in Mariupol",
                    qualifier="nearly",
                    per=None,
                    source="Mariupol city council",
                    vague=False,
                    sources=(ref("kyiv", s_dead_k, 300),),
                ),
            ),
        ),
        FigureRow(
            key="people|fled||",
            label="Ukrainians who fled the country",
            items=(
                FigureItem(
                    text="3.9 million",
                    value=3_900_000,
                    value_max=None,
                    unit="people",
                    what="Ukrainians who fled the country",
                    qualifier=None,
                    per=None,
                    source="United Nations agency",
                    vague=False,
                    sources=(ref("ndtv", s_fled, 600), ref("reuters", s_fled, 800)),
                ),
            ),
        ),
        FigureRow(
            key="people|refugee|day|",
            label="refugees leaving per day",
            items=(
                FigureItem(
                    text="40,000",
                    value=40000,
                    value_max=None,
                    unit="people",
                    what="daily outflow of refugees",
                    qualifier=None,
                    per="day",
                    source="UNHCR",
                    vague=False,
                    sources=(ref("ndtv", s_rate, 720),),
                ),
            ),
        ),
        FigureRow(
            key="people|trapped||mariupol",
            label="civilians trapped in Mariupol",
            items=(
                FigureItem(
                    text="several thousand",
                    value=None,
                    value_max=None,
                    unit="people",
                    what="civilians trapped in Mariupol",
                    qualifier=None,
                    per=None,
                    source=None,
                    vague=True,
                    sources=(ref("ndtv", s_trapped, 900),),
                ),
                FigureItem(
                    text="About 160,000",
                    value=160000,
                    value_max=None,
                    unit="people",
                    what="civilians trapped in Mariupol",
                    qualifier="about",
                    per=None,
                    source="the city council",
                    vague=False,
                    sources=(ref("kyiv", s_trapped_k, 40),),
                ),
            ),
        ),
    )
    diplomacy = (
        Development(
            key="consult-russia-turkey-ukraine",
            type="CONSULT",
            label="Russia–Turkey–Ukraine talks, Istanbul",
            actors=("Russia", "Turkey", "Ukraine"),
            places=("Istanbul",),
            items=(
                DiplomacyItem(
                    type="CONSULT",
                    actors=("Russia", "Ukraine", "Turkey"),
                    place="Istanbul",
                    status=None,
                    source=ref("ndtv", s_talks, 1800),
                ),
                DiplomacyItem(
                    type="CONSULT",
                    actors=("Russia", "Ukraine"),
                    place="Istanbul",
                    status=None,
                    source=ref("reuters", s_talks_r, 0),
                ),
            ),
        ),
        Development(
            key="concede-ukraine",
            type="CONCEDE",
            label="Ukraine offers concessions",
            actors=("Ukraine",),
            places=(),
            items=(
                DiplomacyItem(
                    type="CONCEDE",
                    actors=("Ukraine",),
                    place=None,
                    status="conditional",
                    source=ref("ndtv", s_neutral, 1300),
                ),
            ),
        ),
    )
    return Brief(
        date="2022-03-29",
        topline=(
            "3 articles from 3 outlets: 4 statements, 6 figures, 2 diplomatic developments.",
            "Most reported development: Russia–Turkey–Ukraine talks, Istanbul (2 reports).",
            "Figures that disagree across sources: 1.",
        ),
        statements=statements,
        figures=figures,
        diplomacy=diplomacy,
        articles=tuple(ARTICLES.values()),
        title="Daily brief",
        version="0.1.0",
    )

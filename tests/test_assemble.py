"""Assemble: dedupe statements across outlets, group figures (conflicts side by side) and
diplomacy developments, on hand-built extractions and on a real two-article day."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.assemble import assemble, assemble_day, figure_key, name_key
from briefing.extract import extract_article
from briefing.models import Article, Diplomacy, Extraction, Figure, Statement


def art(aid: str, text: str, *, outlet: str | None = None, date: str = "2022-07-20") -> Article:
    return Article(id=aid, path=f"{aid}.txt", date=date, text=text, title=aid.upper(), outlet=outlet)


def stmt(speaker: str | None, quote: str, *, direct: bool = True, start: int = 0) -> Statement:
    return Statement(
        speaker, None, quote, direct, "said", start, start + len(quote), start, start + len(quote)
    )


def fig(
    value: float | None,
    what: str,
    *,
    unit: str = "people",
    qualifier: str | None = None,
    vague: bool = False,
    text: str = "",
) -> Figure:
    return Figure(text or str(value), value, None, unit, what, qualifier, None, None, 0, 5, 0, 5, vague)


def dip(
    type_: str, actors: tuple[str, ...], place: str | None = None, sentence: str = "Sentence."
) -> Diplomacy:
    return Diplomacy(type_, actors, place, sentence, 0, len(sentence))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Volodymyr Zelensky", "Zelenskyy", True),
        ("Zelenskiy", "Volodymyr Zelenskyy", True),
        ("Sergei Lavrov", "Lavrov", True),
        ("Sergei Lavrov", "Antony Blinken", False),
        ("the Kremlin", "Kremlin", True),
        ("Ursula von der Leyen", "von der Leyen", True),
        ("Ukraine's negotiator", "The Russian negotiator", False),
        ("The negotiator", "the Russian negotiator", False),
        ("A Ukrainian official", "a Ukrainian official", True),
    ],
)
def test_name_key_spelling_variants(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


def test_same_quote_from_three_outlets_is_one_statement() -> None:
    q = "We will not give up our land"
    exs = [
        Extraction(art("a", q), statements=(stmt("Volodymyr Zelensky", q),)),
        Extraction(art("b", q), statements=(stmt("Zelenskyy", q + "."),)),
        Extraction(art("c", q), statements=(stmt("Zelensky", "we will not give up our land, ever"),)),
    ]
    brief = assemble_day("2022-07-20", exs)
    assert len(brief.statements) == 1
    item = brief.statements[0]
    assert item.corroboration == 3
    assert item.speaker == "Volodymyr Zelensky"  # the fullest spelling of the day
    assert [s.article_id for s in item.sources] == ["a", "b", "c"]


def test_statements_of_one_article_are_never_merged() -> None:
    text = "x" * 200
    ex = Extraction(
        art("a", text),
        statements=(
            stmt("Zelensky", "Russia's siege of Mariupol is a crime against humanity", direct=False),
            stmt("Zelensky", "What Russia does in Mariupol is a crime against humanity", start=60),
        ),
    )
    assert len(assemble_day("2022-07-20", [ex]).statements) == 2


def test_different_speakers_same_words_stay_apart() -> None:
    q = "the talks were constructive"
    exs = [
        Extraction(art("a", q), statements=(stmt("Sergei Lavrov", q),)),
        Extraction(art("b", q), statements=(stmt("Mevlut Cavusoglu", q),)),
    ]
    assert len(assemble_day("2022-07-20", exs).statements) == 2


def test_conflicting_figures_side_by_side_and_agreeing_ones_merged() -> None:
    exs = [
        Extraction(
            art("a", "t", outlet="Guardian"),
            figures=(
                fig(5000, "people killed in Mariupol", qualifier="at least"),
                fig(3_900_000, "Ukrainians who fled the country"),
            ),
        ),
        Extraction(
            art("b", "t", outlet="NBC"),
            figures=(fig(4000, "dead in Mariupol"), fig(3_900_000, "refugees who fled Ukraine")),
        ),
    ]
    brief = assemble_day("2022-07-20", exs)
    rows = {r.key: r for r in brief.figures}
    mariupol = next(r for r in rows.values() if "mariupol" in r.key)
    assert mariupol.conflicting
    assert sorted(i.value for i in mariupol.items if i.value) == [4000, 5000]
    assert {s.article_id for i in mariupol.items for s in i.sources} == {"a", "b"}
    refugees = next(r for r in rows.values() if "refugees" in r.key)
    assert not refugees.conflicting
    assert len(refugees.items) == 1 and len(refugees.items[0].sources) == 2
    # Conflicts are listed first so a reader sees them.
    assert brief.figures[0] is mariupol
    assert any("disagree" in line for line in brief.topline)


def test_vague_figures_never_merge_or_conflict() -> None:
    exs = [
        Extraction(
            art("a", "t"),
            figures=(
                fig(None, "civilians trapped", vague=True, text="several thousand"),
                fig(300, "civilians trapped in the plant"),
            ),
        )
    ]
    brief = assemble_day("2022-07-20", exs)
    assert [[i.text for i in r.items] for r in brief.figures] == [["300"], ["several thousand"]]
    assert not any(r.conflicting for r in brief.figures)
    assert brief.figures[-1].items[0].vague


def test_figure_key_separates_kinds() -> None:
    killed = figure_key(fig(7, "people killed in Mykolaiv"))[0]
    wounded = figure_key(fig(22, "people wounded in Mykolaiv"))[0]
    assert killed != wounded


def test_diplomacy_grouped_into_developments() -> None:
    exs = [
        Extraction(
            art("a", "t"),
            diplomacy=(
                dip("CONSULT", ("Russia", "Ukraine"), "Istanbul"),
                dip("AID", ("United States", "Ukraine")),
            ),
        ),
        Extraction(art("b", "t"), diplomacy=(dip("CONSULT", ("Ukraine", "Russia")),)),
        Extraction(art("c", "t"), diplomacy=(dip("CONSULT", ("Russia", "Ukraine"), "Istanbul"),)),
    ]
    brief = assemble_day("2022-07-20", exs)
    top = brief.diplomacy[0]
    assert top.type == "CONSULT" and top.reports == 3
    assert top.label == "Russia\u2013Ukraine talks, Istanbul"
    assert len(brief.diplomacy) == 2


def test_assemble_groups_by_day_in_order() -> None:
    exs = [Extraction(art("b", "t", date="2022-07-21")), Extraction(art("a", "t", date="2022-07-20"))]
    assert [b.date for b in assemble(exs)] == ["2022-07-20", "2022-07-21"]


def test_two_article_day_conflicting_figures_end_to_end(nlp: Any) -> None:
    """Real extraction: two outlets disagree on the Mariupol toll; the brief shows both."""
    a = art(
        "guardian",
        " date 2022-03-29 A Ukrainian official said at least 5,000 people have died in Mariupol.",
        outlet="The Guardian",
        date="2022-03-29",
    )
    b = art(
        "nbc",
        " date 2022-03-29 The city's mayor said 4,000 people were killed in Mariupol.",
        outlet="NBC News",
        date="2022-03-29",
    )
    a = Article(**{**a.__dict__, "body_start": 17})
    b = Article(**{**b.__dict__, "body_start": 17})
    brief = assemble_day("2022-03-29", [extract_article(a, nlp), extract_article(b, nlp)])
    conflicts = [r for r in brief.figures if r.conflicting]
    assert len(conflicts) == 1
    values = {i.value: {s.outlet for s in i.sources} for i in conflicts[0].items}
    assert values == {5000: {"The Guardian"}, 4000: {"NBC News"}}


def test_different_values_in_one_article_are_not_a_conflict() -> None:
    ex = Extraction(
        art("a", "t"), figures=(fig(7, "people killed"), fig(5000, "people killed", qualifier="at least"))
    )
    brief = assemble_day("2022-07-20", [ex])
    assert len(brief.figures) == 2
    assert not any(r.conflicting for r in brief.figures)


def test_nested_actor_sets_are_one_development() -> None:
    exs = [
        Extraction(
            art("a", "t"),
            diplomacy=(dip("AGREE", ("Russia", "Turkey", "Ukraine", "United Nations"), "Istanbul"),),
        ),
        Extraction(art("b", "t"), diplomacy=(dip("AGREE", ("Russia", "Ukraine"), "Istanbul"),)),
        Extraction(art("c", "t"), diplomacy=(dip("AGREE", ("Russia", "Ukraine", "United Nations")),)),
        Extraction(art("d", "t"), diplomacy=(dip("AGREE", ("European Union",)),)),
    ]
    devs = assemble_day("2022-07-22", exs).diplomacy
    assert [d.reports for d in devs] == [3, 1]
    assert devs[0].label == "Russia\u2013Ukraine\u2013United Nations agreement, Istanbul"
    assert devs[0].actors == ("Russia", "Turkey", "Ukraine", "United Nations")


def test_two_article_day_renders_the_disagreement_side_by_side(nlp: Any) -> None:
    """The rendered brief shows both Mariupol tolls in one row group, each with its outlet."""
    import re

    from briefing.render import render_html, render_markdown

    def article(aid: str, outlet: str, body: str) -> Article:
        return Article(
            id=aid,
            path=f"{aid}.txt",
            date="2022-03-29",
            text=" date 2022-03-29 " + body,
            body_start=17,
            title=aid,
            outlet=outlet,
        )

    brief = assemble_day(
        "2022-03-29",
        [
            extract_article(
                article(
                    "guardian",
                    "The Guardian",
                    "A Ukrainian official said at least 5,000 people have died in Mariupol.",
                ),
                nlp,
            ),
            extract_article(
                article("nbc", "NBC News", "The city's mayor said 4,000 people were killed in Mariupol."), nlp
            ),
        ],
    )
    html = render_html(brief)
    group = re.search(r'<tbody id="fig-\d+" class="conflict">(.*?)</tbody>', html, re.S)
    assert group is not None
    body = group.group(1)
    assert "Reports differ" in body
    assert "5,000" in body and "4,000" in body
    assert body.count('href="#art-') >= 2
    md = render_markdown(brief)
    assert "Reports differ" in md and "5,000" in md and "4,000" in md


def test_a_figure_repeated_in_one_article_is_one_item() -> None:
    ex = Extraction(
        art("blog", "t"), figures=(fig(4, "key bridges", unit="bridge"), fig(4, "key bridges", unit="bridge"))
    )
    rows = assemble_day("2022-07-27", [ex]).figures
    assert len(rows) == 1 and len(rows[0].items) == 1


def test_partly_shared_actors_join_only_the_same_story() -> None:
    address = (
        "Zelensky addressed the Danish parliament by video and accused Russia of a crime against humanity."
    )
    talks = "Russian and Ukrainian negotiators began their talks in Istanbul at the Dolmabahce palace."
    later = "The Russian negotiator said meaningful talks were held with Ukrainian officials."
    exs = [
        Extraction(
            art("a", "t"),
            diplomacy=(
                dip("CONSULT", ("Denmark", "Russia", "Ukraine"), None, address),
                dip("CONSULT", ("Russia", "Turkey", "Ukraine"), "Istanbul", talks),
            ),
        ),
        Extraction(art("b", "t"), diplomacy=(dip("CONSULT", ("Russia", "Ukraine"), None, later),)),
    ]
    devs = assemble_day("2022-03-29", exs).diplomacy
    labels = sorted((d.label, d.reports) for d in devs)
    assert labels == [
        ("Denmark\u2013Russia\u2013Ukraine talks", 1),
        ("Russia\u2013Turkey\u2013Ukraine talks, Istanbul", 2),
    ]


def test_different_places_are_different_meetings() -> None:
    exs = [
        Extraction(art("a", "t"), diplomacy=(dip("CONSULT", ("Russia", "Ukraine"), "Istanbul"),)),
        Extraction(art("b", "t"), diplomacy=(dip("CONSULT", ("Russia", "Ukraine")),)),
        Extraction(art("c", "t"), diplomacy=(dip("CONSULT", ("Russia", "Ukraine"), "Geneva"),)),
    ]
    devs = assemble_day("2022-07-20", exs).diplomacy
    assert sorted((d.places, d.reports) for d in devs) == [(("Geneva",), 1), (("Istanbul",), 2)]

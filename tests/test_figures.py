"""Figures extractor: number forms, qualifiers, units, rates, exclusions, vague quantities,
sources, and the seed article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from briefing.extract import figures, parse
from briefing.extract.numbers import find_numbers
from briefing.extract.sentences import sentence_cover, sentence_spans
from briefing.models import Article, Figure, Statement
from briefing.readers import read_text_file

SEED = Path(__file__).resolve().parents[1] / "seeds" / "2022-03-29-mariupol-istanbul-talks.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def extract(nlp: Any, text: str, statements: tuple[Statement, ...] = ()) -> list[Figure]:
    art = Article(id="t", path="t.txt", date="2022-07-01", text=text)
    return list(figures.extract(parse(art, nlp), statements))


def only(nlp: Any, text: str) -> Figure:
    figs = [f for f in extract(nlp, text) if not f.vague]
    assert len(figs) == 1, [f.text for f in figs]
    return figs[0]


# ---------------------------------------------------------------- number forms (text level)
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("40,000", 40000),
        ("5 000", 5000),
        ("3.9 million", 3_900_000),
        ("$10bn", 10_000_000_000),
        ("5m", 5_000_000),
        ("seven", 7),
        ("twenty-four", 24),
        ("three hundred and fifty", 350),
        ("a dozen", 12),
        ("half a dozen", 6),
        ("one fifth", 20),
        ("two-thirds", 66.666),
        ("half", 50),
        ("40%", 40),
        ("30 percent", 30),
        ("€2.5 billion", 2_500_000_000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    """One number as written: digits, words, a scale and a currency symbol are understood."""
    (found,) = find_numbers(text)
    assert not found.vague
    assert found.value == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize(
    ("text", "value", "value_max"),
    [
        ("between 60 and 100", 60, 100),
        ("5,000 to 6,000", 5000, 6000),
        ("5 to 6 million", 5_000_000, 6_000_000),
        ("$5-6bn", 5_000_000_000, 6_000_000_000),
        ("25-to-30", 25, 30),
    ],
)
def test_ranges(text: str, value: float, value_max: float) -> None:
    (e,) = find_numbers(text)
    assert (e.text, e.value, e.value_max) == (text, value, value_max)


def test_change_is_not_a_range() -> None:
    assert [e.text for e in find_numbers("wheat dropped 5.9% to $7.59 a bushel")] == ["5.9%", "$7.59"]


# ---------------------------------------------------------------- figures in sentences
@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "what_word"),
    [
        (
            "The agency said 3.9 million Ukrainians have fled the country.",
            "3.9 million",
            3_900_000,
            "people",
            "fled",
        ),
        ("Officials said 5 000 troops arrived in the city.", "5 000", 5000, "people", "troops"),
        (
            "The US signed off on an additional $270m in military aid to Ukraine.",
            "$270m",
            270_000_000,
            "USD",
            "aid",
        ),
        ("Ukraine could export 5m tonnes of grain from its ports.", "5m", 5_000_000, "tonnes", "grain"),
        ("Emergency workers recovered seven bodies from a school.", "seven", 7, "people", "bodies"),
        ("The strike wounded twenty-four people in Odesa.", "twenty-four", 24, "people", "people"),
        ("Kiev had bought a dozen TB2 strike drones before the war.", "a dozen", 12, "drone", "drones"),
        ("Flows of gas would fall to one fifth of normal capacity.", "one fifth", 20, "percent", "capacity"),
        ("That is just half of the current flows.", "half", 50, "percent", "flows"),
        ("Europe imports 40% of its gas from Russia.", "40%", 40, "percent", "gas"),
        (
            "Russia fined Google €5 million for failing to remove content.",
            "€5 million",
            5_000_000,
            "EUR",
            None,
        ),
        ("The council lost £2 million on the deal.", "£2 million", 2_000_000, "GBP", None),
        (
            "Kyiv allocated 500 million hryvnias for repairs.",
            "500 million hryvnias",
            500_000_000,
            "UAH",
            None,
        ),
        ("The court fined the company 3 billion roubles.", "3 billion roubles", 3_000_000_000, "RUB", None),
        ("The bridge is 1,000 meters long.", "1,000", 1000, "meter", None),
        ("Missiles hit targets 300 km away.", "300", 300, "km", None),
        (
            "Russia destroyed four Himar (high mobility artillery rocket) systems.",
            "four",
            4,
            "system",
            "systems",
        ),
        ("Russia's grain exports are four times larger than Ukraine's.", "four", 4, "times", "exports"),
        ("The 27-member bloc agreed to the plan.", "27", 27, "member", "member"),
        ("Moscow and Ankara praised the four-way talks on grain.", "four", 4, "party", "talks"),
        ("The 1,000-meter-long bridge was damaged.", "1,000", 1000, "meter", "bridge"),
        ("An attack on the city left 25 dead.", "25", 25, "people", "dead"),
        (
            "Between 60 and 100 people were killed in the strike.",
            "Between 60 and 100",
            60,
            "people",
            "killed",
        ),
    ],
)
def test_figure_forms(
    nlp: Any, sentence: str, text: str, value: float, unit: str, what_word: str | None
) -> None:
    f = only(nlp, sentence)
    assert f.text == text
    assert f.value == pytest.approx(value)
    assert f.unit == unit
    assert sentence[f.start - 0 : f.end] == text
    if what_word:
        assert f.what is not None and what_word.lower() in f.what.lower()


@pytest.mark.parametrize(
    ("sentence", "text", "qualifier"),
    [
        ("A Ukrainian official said at least 5,000 people have died.", "at least 5,000", "at least"),
        ("The mechanism provides aid to more than 2 million Syrians.", "more than 2 million", "more than"),
        ("The resolution was backed by over 140 nations.", "over 140", "over"),
        ("Russia is blockading up to 25 million tons of grain.", "up to 25 million", "up to"),
        ("Nearly 50 Americans are detained abroad.", "Nearly 50", "nearly"),
        ("Germany must cut consumption by almost 30%.", "almost 30%", "almost"),
        ("As many as 15,000 Russian soldiers have been killed.", "As many as 15,000", "as many as"),
        ("Fewer than 100 troops remain in the town.", "Fewer than 100", "fewer than"),
        ("Less than 10% of the grain has left the port.", "Less than 10%", "less than"),
        ("About 20m tonnes of grain are stuck in silos.", "About 20m", "about"),
        ("Inflation pushed some 47 million people into hunger.", "some 47 million", "about"),
        ("Around 500 soldiers surrendered.", "Around 500", "about"),
        ("Roughly 300 tanks were lost.", "Roughly 300", "about"),
        ("An estimated 3 million people fled the region.", "An estimated 3 million", "about"),
        ("Approximately 40 ships are waiting.", "Approximately 40", "about"),
    ],
)
def test_qualifiers(nlp: Any, sentence: str, text: str, qualifier: str) -> None:
    f = only(nlp, sentence)
    assert (f.text, f.qualifier) == (text, qualifier)


@pytest.mark.parametrize(
    ("sentence", "text", "per"),
    [
        ("UNHCR said the daily outflow rate of refugees was 40,000 per day.", "40,000", "day"),
        ("Exports could reach 5 million tons a month.", "5 million", "month"),
        ("Throughput will fall to 33 million cubic meters per day.", "33 million", "day"),
        ("Oil traded at $123 a barrel.", "$123", "barrel"),
        ("Russia killed seven people in Mykolaiv.", "seven", None),
    ],
)
def test_rates(nlp: Any, sentence: str, text: str, per: str | None) -> None:
    f = only(nlp, sentence)
    assert (f.text, f.per) == (text, per)


def test_cubic_meters_unit(nlp: Any) -> None:
    assert only(nlp, "Throughput will fall to 33 million cubic meters per day.").unit == "cubic meter"


def test_bare_number_borrows_noun(nlp: Any) -> None:
    figs = extract(nlp, "He said seven people were killed, 22 were wounded.")
    assert [(f.text, f.unit) for f in figs] == [("seven", "people"), ("22", "people")]
    assert figs[0].what is not None and "killed" in figs[0].what
    assert figs[1].what is not None and "wounded" in figs[1].what


# ---------------------------------------------------------------- exclusions
@pytest.mark.parametrize(
    "sentence",
    [
        "The invasion began on Feb. 24.",
        "Russia invaded on 24 February.",
        "Negotiators met in Istanbul on March 29-30.",
        "The war began in 2022.",
        "The Korean War was fought between 1950 and 1953.",
        "The leaders spoke on Tuesday.",
        "The talks lasted three days.",
        "Talks started four days after the invasion.",
        "It was an 80-minute call.",
        "He received a 25-year sentence.",
        "Flows resumed after a 10-day maintenance break.",
        "It would take up to 24 months to export the grain.",
        "Ukraine is the world's fifth-largest wheat exporter.",
        "NATO's Article 5 applies to members.",
        "They would act like NATO's article number five.",
        "The G7 met in Germany.",
        "A Su-25 jet was shot down.",
        "Covid-19 spread across Europe.",
        "Gazprom cut supplies through Nord Stream 1 last week.",
        "The 53rd Brigade seized the village.",
        "Liza, 4, loved her blue stroller.",
        "See page 12 for details.",
        "Military cooperation between the two countries is on the agenda.",
        "The three leaders met in Tehran.",
        "Members of the four parties will monitor ships.",
        "Brokering a deal between two warring countries was unprecedented.",
        "He cited Tel Rifaat and Manbij, two towns in north-west Syria.",
        "Until now, one of the major hurdles was insurance.",
        "If one is not returned, there will be one.",
        "Throughput will fall from 4 a.m. GMT on Wednesday.",
        "The newsletter arrives every weekday morning at 7am BST.",
        "Biden backed sales of F-16 fighter jets to Turkey.",
        "Rockets from an S-300 system hit the school.",
        "In the 21st century, only savages talk like that.",
        "Erdogan is due to meet Putin in Sochi on August 5.",
        "In the latter half of his rule, Turkey stirred up crises.",
        "He was sentenced to 25 years' imprisonment in 2012.",
        "The deal was struck just one day earlier.",
        "The strikes took place between July 5 and 20.",
        "The NGO battled for transparency in 2015-16.",
        "23 Jul 2022 22.17 The US Secretary of State condemned the strike.",
        "Prisoners were held at Correctional Colony No. 120 in Olenivka.",
    ],
)
def test_exclusions(nlp: Any, sentence: str) -> None:
    assert [f.text for f in extract(nlp, sentence) if not f.vague] == []


def test_one_counting_people_is_a_figure(nlp: Any) -> None:
    figs = extract(nlp, "In southern Ukraine, one person was killed and six injured.")
    assert [(f.text, f.value, f.unit) for f in figs] == [("one", 1, "people"), ("six", 6, "people")]


# ---------------------------------------------------------------- vague quantities
@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Several thousand civilians remain trapped in the city.", "Several thousand"),
        ("Officials blamed each other for the deaths of dozens of prisoners.", "dozens"),
        ("The US says Russia wants hundreds of drones from Iran.", "hundreds"),
        ("The deal allows the export of millions of tonnes of grain.", "millions"),
        ("The military said it killed scores of Russian soldiers.", "scores"),
        ("The blockade trapped tens of millions of tons of grain.", "tens of millions"),
        ("The sides have held several rounds of talks.", "several"),
    ],
)
def test_vague(nlp: Any, sentence: str, text: str) -> None:
    figs = extract(nlp, sentence)
    assert [(f.text, f.value, f.vague) for f in figs] == [(text, None, True)]


def test_vague_time_is_no_figure(nlp: Any) -> None:
    assert extract(nlp, "The talks lasted several days.") == []


# ---------------------------------------------------------------- sources
@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to UNHCR, 3.9 million Ukrainians have fled the country.", "UNHCR"),
        ("A Ukrainian official said at least 5,000 people have died.", "A Ukrainian official"),
        ("Russia claims its forces destroyed four Himar systems.", "Russia"),
        (
            "Some 47 million people face hunger, according to the World Food Programme.",
            "World Food Programme",
        ),
    ],
)
def test_sources(nlp: Any, sentence: str, source: str) -> None:
    assert only(nlp, sentence).source == source


def test_source_from_statement(nlp: Any) -> None:
    text = '"Seven people were killed," the governor said.'
    st = Statement(
        speaker="Vitaliy Kim",
        role=None,
        quote=text[1:28],
        direct=True,
        cue="said",
        start=1,
        end=28,
        sent_start=0,
        sent_end=len(text),
    )
    (f,) = extract(nlp, text, (st,))
    assert f.source == "Vitaliy Kim"


# ---------------------------------------------------------------- the seed article
def test_seed_figures(nlp: Any) -> None:
    art = read_text_file(SEED)
    figs = list(figures.extract(parse(art, nlp)))
    by_text = {f.text: f for f in figs}
    for text in ("3.9 million", "40,000", "seven", "22", "at least 5,000", "several thousand"):
        assert text in by_text, [f.text for f in figs]
    for f in figs:
        assert art.text[f.start : f.end] == f.text
    assert by_text["3.9 million"].value == 3_900_000
    assert by_text["3.9 million"].unit == "people"
    assert by_text["40,000"].per == "day"
    assert by_text["at least 5,000"].qualifier == "at least"
    assert by_text["several thousand"].vague and by_text["several thousand"].value is None
    assert "five" not in by_text
    assert len([f for f in figs if not f.vague]) == 5


def test_figure_sentences_are_orthographic_sentences(nlp: Any) -> None:
    """Each figure points back to exactly one sentence of ``sentence_spans`` (never spaCy's, which
    may run across a paragraph break or two sentences) and never to the header."""
    for path in (SEED, FIXTURES / "seed.txt"):
        art = read_text_file(path)
        parsed = parse(art, nlp)
        spans = sentence_spans(art.text, start=art.body_start)
        assert list(parsed.sents) == spans
        figs = list(figures.extract(parsed))
        assert figs
        for f in figs:
            assert (f.sent_start, f.sent_end) in spans, (f.text, art.text[f.sent_start : f.sent_end])
            assert sentence_cover(spans, f.start, f.end) == (f.sent_start, f.sent_end)
            assert f.sent_start >= art.body_start


# ---------------------------------------------------------------- people from the language
@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Investigators said 150 members of the battalion had been questioned.", "150"),
        ("Prosecutors have charged 45 officers in the case.", "45"),
        ("The channel has 310,000 subscribers on YouTube.", "310,000"),
        ("Three Canadians were detained at the border.", "Three"),
        ("The blast wounded six staff members at the plant.", "six"),
        ("Two nephews of the mayor were detained in Kherson.", "Two"),
        ("The court convicted 12 technicians of sabotage.", "12"),
        ("Police detained 40 protesters who had gathered in the square.", "40"),
        ("An 800-strong battalion was sent to the border.", "800"),
        ("Nearly 70 nationalists were killed on the spot.", "Nearly 70"),
    ],
)
def test_human_nouns_are_people(nlp: Any, sentence: str, text: str) -> None:
    f = only(nlp, sentence)
    assert (f.text, f.unit) == (text, "people")


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("The bloc's 27 members agreed to cut gas use.", "member"),
        ("Russia said it destroyed two ammunition dumps near Kherson.", "ammunition dump"),
        ("Investigators opened 400 criminal cases against soldiers.", "criminal case"),
        ("The navy lost four ships in the storm.", "ship"),
    ],
)
def test_counted_units(nlp: Any, sentence: str, unit: str) -> None:
    assert only(nlp, sentence).unit == unit


@pytest.mark.parametrize(
    "sentence",
    [
        "Temperatures reached 40.3 degrees Celsius in London.",
        "It was 98 Fahrenheit in the shade.",
        "Prosecutors released a 30-page indictment.",
        "The two-time champion was detained.",
    ],
)
def test_no_quantity(nlp: Any, sentence: str) -> None:
    assert [f.text for f in extract(nlp, sentence) if not f.vague] == []


# ---------------------------------------------------------------- converted amounts
def test_converted_amount_in_brackets(nlp: Any) -> None:
    figs = extract(nlp, "The fund has spent €4 billion ($4.1bn) on weapons for Kyiv.")
    assert [(f.text, f.unit) for f in figs] == [("€4 billion", "EUR"), ("$4.1bn", "USD")]
    assert figs[1].what == figs[0].what


# ---------------------------------------------------------------- restated counts
def test_quote_restating_a_count_is_no_figure(nlp: Any) -> None:
    text = (
        "Three Canadian volunteers were killed in Kharkiv, the ministry said. "
        '"We are saddened by the loss of three Canadian volunteers," a spokesman said.'
    )
    assert [f.text for f in extract(nlp, text)] == ["Three"]


def test_new_count_in_a_quote_is_a_figure(nlp: Any) -> None:
    text = (
        "Three Canadian volunteers were killed in Kharkiv, the ministry said. "
        '"Five more volunteers were wounded," a spokesman said.'
    )
    assert [f.text for f in extract(nlp, text)] == ["Three", "Five"]


# ---------------------------------------------------------------- resolved sources
def _stmt(text: str, quote: str, speaker: str, role: str | None = None, *, direct: bool = False) -> Statement:
    start = text.index(quote)
    return Statement(speaker, role, quote, direct, "said", start, start + len(quote), 0, len(text))


def test_pronoun_source_takes_the_earlier_speaker(nlp: Any) -> None:
    text = "Governor Oleh Synehubov said the city was shelled. He said four people were killed."
    st1 = _stmt(text, "the city was shelled", "Oleh Synehubov", "Governor")
    st2 = _stmt(text, "four people were killed", "he")
    (f,) = extract(nlp, text, (st1, st2))
    assert f.source == "Oleh Synehubov"


def test_pronoun_source_without_antecedent_is_null(nlp: Any) -> None:
    text = "He said four people were killed."
    (f,) = extract(nlp, text, (_stmt(text, "four people were killed", "he"),))
    assert f.source is None


def test_title_source_resolves_to_the_named_person(nlp: Any) -> None:
    text = (
        "More than 300 soldiers deserted, the head of the border service said on Monday. "
        "Some 40 officers were arrested, Andriy Demchenko told reporters. "
        "According to the border service chief, 12 guards were wounded."
    )
    sts = (
        _stmt(text, "More than 300 soldiers deserted", "the head of the border service"),
        _stmt(text, "Some 40 officers were arrested", "Andriy Demchenko"),
        _stmt(text, "12 guards were wounded", "the border service chief"),
    )
    figs = extract(nlp, text, sts)
    assert [f.source for f in figs] == ["Andriy Demchenko"] * 3


def test_source_of_reporting_noun(nlp: Any) -> None:
    f = only(nlp, "He cited a defence minister's remarks that rockets could strike targets 300 km away.")
    assert f.source == "a defence minister"


def test_source_name_in_apposition(nlp: Any) -> None:
    f = only(nlp, "Britain's defence secretary, Ben Wallace, said 5,000 troops would be trained.")
    assert f.source == "Ben Wallace"


# ---------------------------------------------------------------- what: readable phrases
@pytest.mark.parametrize(
    ("sentence", "text", "what"),
    [
        # A count modifying a noun: the noun phrase, without a clause the noun is subject of.
        ("Eight Canadian senators backed the bill on Monday.", "Eight", "Canadian senators"),
        ("The port town is reached by three narrow bridges.", "three", "narrow bridges"),
        ("The train consisted of 40 freight cars with flour.", "40", "freight cars with flour"),
        # A passive or event predicate says what happened.
        ("Nine people were killed in Kramatorsk on Monday.", "Nine", "people killed in Kramatorsk"),
        (
            "About 12,000 Moldovans fled the region last month.",
            "About 12,000",
            "Moldovans who fled the region",
        ),
        ("The army destroyed five enemy tanks near Izium.", "five", "enemy tanks destroyed near Izium"),
        # A light verb adds nothing.
        ("The channel has 300,000 subscribers.", "300,000", "subscribers"),
        # Shares: the change measured, or what reaches the share.
        ("Ministers agreed to cut oil use by 10%.", "10%", "cut in oil use"),
        ("The bank lowered its inflation forecast to 12%.", "12%", "inflation forecast"),
        ("The economy is expected to shrink by 8%.", "8%", "contraction in economy"),
        ("Flows fell to 30% of the pipeline's capacity.", "30%", "pipeline's capacity"),
        ("Kenya faces a 20% rise in bread prices.", "20%", "rise in bread prices"),
        # Money: who spent or lost it, or the noun it measures.
        ("The agency spent $40bn on the project.", "$40bn", "spent by agency"),
        ("The country has a monthly budget gap of $3bn.", "$3bn", "monthly budget gap"),
    ],
)
def test_what_reads_as_a_phrase(nlp: Any, sentence: str, text: str, what: str) -> None:
    figs = {f.text: f for f in extract(nlp, sentence)}
    assert figs[text].what == what


def test_live_blog_time_stamp_is_no_source(nlp: Any) -> None:
    text = "27 Jul 2022 16.34 Germany said gas flows through the pipeline dropped by half on Wednesday."
    # The time stamp is neither a figure nor part of the source's name.
    (f,) = extract(nlp, text)
    assert (f.text, f.unit, f.source) == ("half", "percent", "Germany")

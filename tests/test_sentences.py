"""Orthographic sentence splitting: file offsets, quotes, abbreviations, flattened articles."""

from __future__ import annotations

from briefing.extract.sentences import (
    sentence_at,
    sentence_cover,
    sentence_index,
    sentence_spans,
    sentence_texts,
)

HEADER = " date 2022-07-18 "


def texts(text: str, start: int = 0) -> list[str]:
    return [t for _, t in sentence_texts(text, start)]


def test_header_is_never_part_of_a_sentence() -> None:
    text = HEADER + "Talks resumed. Kyiv said so."
    spans = sentence_spans(text, len(HEADER))
    assert spans[0][0] == len(HEADER)
    assert [text[s:e] for s, e in spans] == ["Talks resumed.", "Kyiv said so."]


def test_paragraph_breaks_and_colon_lead_ins_end_sentences() -> None:
    text = "Under the deal signed by both sides:\n\nShips will be inspected.\nNo attacks"
    assert texts(text) == ["Under the deal signed by both sides:", "Ships will be inspected.", "No attacks"]


def test_quote_over_several_sentences_is_split() -> None:
    text = "\u201cRussia should sit down at the table. Otherwise, it will be ultimatums,\u201d he said. Next."
    assert texts(text) == [
        "\u201cRussia should sit down at the table.",
        "Otherwise, it will be ultimatums,\u201d he said.",
        "Next.",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = 'He called it "a crime against humanity". Then he left.'
    assert texts(text) == ['He called it "a crime against humanity".', "Then he left."]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Guterres met U.S. officials on Feb. 24 with V. Putin absent. They agreed."
    assert texts(text) == ["Mr. Guterres met U.S. officials on Feb. 24 with V. Putin absent.", "They agreed."]


def test_acronym_before_a_sentence_opener_ends_the_sentence() -> None:
    assert texts("The arms came from the U.S. The talks went on.") == [
        "The arms came from the U.S.",
        "The talks went on.",
    ]


def test_lowercase_continuation_and_attribution_after_quoted_question() -> None:
    assert texts("\u201cWhat did they hit?\u201d Zelenskyy asked in his address. Then: silence.") == [
        "\u201cWhat did they hit?\u201d Zelenskyy asked in his address.",
        "Then: silence.",
    ]
    one = "It fell 5.9% to $7.59 a bushel. e.g. later"
    assert texts(one) == [one]


def test_glued_sentences_in_flattened_copy_are_split() -> None:
    assert texts("The talks ended.The deal was signed.") == ["The talks ended.", "The deal was signed."]


def test_offset_lookup() -> None:
    text = "One two.  Three four."
    spans = sentence_spans(text)
    assert sentence_index(spans, 0) == 0
    assert sentence_at(spans, text.index("Three")) == spans[1]
    assert sentence_at(spans, text.index("  ")) is None
    assert sentence_index(spans, len(text)) is None


def test_sentence_cover_is_the_smallest_run_of_whole_sentences() -> None:
    text = "One two.  Three four. Five six."
    spans = sentence_spans(text)
    assert sentence_cover(spans, text.index("two"), text.index("two") + 3) == spans[0]
    assert sentence_cover(spans, text.index("two"), text.index("Three") + 2) == (spans[0][0], spans[1][1])
    assert sentence_cover(spans, spans[1][0], spans[2][1]) == (spans[1][0], spans[2][1])
    assert sentence_cover(spans, text.index("  "), text.index("  ") + 2) is None
    assert sentence_cover(spans, len(text), len(text)) is None


def test_attribution_verbs_come_from_the_reporting_verb_lexicon() -> None:
    assert texts("\u201cEnough!\u201d Putin warned reporters. Next.") == [
        "\u201cEnough!\u201d Putin warned reporters.",
        "Next.",
    ]

"""The shared text helpers: one line, a word-boundary cut and slugs."""

from __future__ import annotations

from briefing.text import clip, slug, squash


def test_squash_folds_every_run_of_white_space() -> None:
    assert squash("  Kyiv\n\tsaid\u00a0so \r\n") == "Kyiv said so"
    assert squash(None) == "None" and squash("") == ""


def test_clip_cuts_at_a_word_and_marks_the_cut() -> None:
    assert clip("short", 10) == "short"
    assert clip("Talks resumed in Istanbul, officials said", 27) == "Talks resumed in Istanbul\u2026"


def test_slug_keeps_ascii_letters_and_digits() -> None:
    assert slug("  Kyiv's Talks: Day 2! ") == "kyiv-s-talks-day-2"
    assert slug("Мариуполь") == ""

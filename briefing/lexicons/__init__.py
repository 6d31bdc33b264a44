"""Word lists and thresholds as data.

Every lexicon is a file in this folder, documented by its own comment header, so rules can
be read and tuned without touching code.  ``.txt`` lists hold one entry per line (``#`` starts
a comment); ``.json`` files hold structured tables (a ``"_comment"`` key documents them).
Loaders cache, so a lexicon is read once per process.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def load_list(name: str) -> tuple[str, ...]:
    """Entries of a ``.txt`` list: one per line, blank lines and ``#`` comments ignored."""
    out = []
    for line in _read(name).splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return tuple(out)


@cache
def load_set(name: str) -> frozenset[str]:
    """A ``.txt`` list as a lowercase set, for membership tests."""
    return frozenset(e.lower() for e in load_list(name))


@cache
def load_json(name: str) -> Any:
    """A ``.json`` table; its ``_comment`` key, if any, is dropped."""
    data = json.loads(_read(name))
    if isinstance(data, dict):
        data.pop("_comment", None)
    return data


@cache
def calendar(kind: str) -> tuple[tuple[str, ...], ...]:
    """``calendar.json``'s ``"months"`` (January first) or ``"weekdays"`` (Monday first): each a
    tuple of its printed name and its abbreviations."""
    entries = tuple(tuple(names) for names in load_json("calendar.json")[kind])
    if len(entries) != {"months": 12, "weekdays": 7}[kind]:
        raise ValueError(f"calendar.json: {kind} must list every {kind[:-1]}, in order")
    return entries


@cache
def calendar_words(kind: str) -> frozenset[str]:
    """Every name and abbreviation of ``calendar(kind)``, lowercase, for membership tests."""
    return frozenset(w.lower() for names in calendar(kind) for w in names)

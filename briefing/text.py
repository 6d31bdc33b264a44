"""Small text helpers shared by the stages that show or key article text.

One definition each of: white space folded onto one line (titles, subjects, quotes and
sentences shown in a brief or an email, error details), text cut to a length at a word
boundary, and the slug that turns a title or an id into the ``a-z0-9-`` part of an article
id or an anchor.
"""

from __future__ import annotations

import re

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def squash(text: object) -> str:
    """``text`` on one line: each run of white space (newlines included) as one space, none at
    either end."""
    return " ".join(str(text).split())


def clip(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else cut at the last word that fits,
    with ``…`` for the rest (a title or a quote in a top line)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def slug(text: str) -> str:
    """The lower-cased ASCII letters and digits of ``text``, each run of anything else as one
    ``-``, none at either end; empty when nothing is left (the caller picks the fallback)."""
    return _SLUG_RE.sub("-", text.lower()).strip("-")

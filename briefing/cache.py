"""Extraction cache for incremental builds, keyed by content hash.

An article is re-extracted only when its text, the model or the extraction code and
lexicons change: the key hashes all of them.  Entries are small JSON files written
atomically, so a killed run leaves a valid cache behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import __version__, records
from .errors import PublishError
from .models import Article, Diplomacy, Extraction, Figure, Statement


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the extraction code and word lists: a change to either invalidates the cache."""
    root = Path(__file__).parent
    h = hashlib.sha256(__version__.encode())
    for sub in ("extract", "lexicons"):
        for p in sorted((root / sub).rglob("*")):
            if p.is_file() and p.suffix in {".py", ".txt", ".json", ".toml"}:
                h.update(p.relative_to(root).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()


def article_key(article: Article, model: str) -> str:
    h = hashlib.sha256()
    for part in (code_fingerprint(), model, str(article.body_start), article.text):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


class ExtractionCache:
    """A folder of ``<key>.json`` files holding the three sections of one article."""

    def __init__(self, folder: Path, *, model: str) -> None:
        self.folder = folder
        self.model = model

    def _path(self, article: Article) -> Path:
        key = article_key(article, self.model)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article: Article) -> Extraction | None:
        path = self._path(article)
        try:
            sections = records.from_dict(_Sections, json.loads(path.read_text(encoding="utf-8")))
            return Extraction(
                article=article,
                statements=sections.statements,
                figures=sections.figures,
                diplomacy=sections.diplomacy,
            )
        except (OSError, ValueError):
            # A missing, stale or corrupt entry is simply a miss (ValueError covers bad JSON
            # and fields of the wrong type).
            return None

    def put(self, ex: Extraction) -> None:
        from .publish import atomic_write

        data = records.to_dict(_Sections(ex.statements, ex.figures, ex.diplomacy))
        # The cache only saves time: a read-only or full disk must not fail the build.
        with contextlib.suppress(PublishError):
            atomic_write(
                self._path(ex.article),
                json.dumps(data, ensure_ascii=False),
                make_parents=True,
                what="cache entry",
            )


@dataclass(frozen=True)
class _Sections:
    """What one cache entry holds: the extraction without its article (the key covers it)."""

    statements: tuple[Statement, ...] = ()
    figures: tuple[Figure, ...] = ()
    diplomacy: tuple[Diplomacy, ...] = ()

"""Extraction cache for incremental builds, keyed by content hash.

An article is re-extracted only when its text, the model or the extraction code and
lexicons change: the key hashes all of them.  Entries are small JSON files written
atomically, so a killed run leaves a valid cache behind.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from . import __version__
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
            data = json.loads(path.read_text(encoding="utf-8"))
            return Extraction(
                article=article,
                statements=tuple(Statement(**s) for s in data["statements"]),
                figures=tuple(Figure(**f) for f in data["figures"]),
                diplomacy=tuple(Diplomacy(**{**d, "actors": tuple(d["actors"])}) for d in data["diplomacy"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            # A missing, stale or corrupt entry is simply a miss.
            return None

    def put(self, ex: Extraction) -> None:
        from dataclasses import asdict

        from .publish import atomic_write

        data = {
            "statements": [asdict(s) for s in ex.statements],
            "figures": [asdict(f) for f in ex.figures],
            "diplomacy": [asdict(d) for d in ex.diplomacy],
        }
        atomic_write(self._path(ex.article), json.dumps(data, ensure_ascii=False))

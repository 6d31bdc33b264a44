"""The JSON Lines interchange format of ``briefing extract``.

One object per article, exactly as ``spec/extraction.md`` (shipped in ``docs/``) defines it:
``id``, ``path``, ``date``, ``title``, ``statements``, ``figures``, ``diplomacy``.  Items carry
``start``/``end`` offsets into the article file's decoded text, header line included.  Extra
fields (``sent_start``/``sent_end``, ``vague``, ``status``, ``outlet``, ``url``) are allowed
by the spec and ignored by scorers.  This is a public interface: keep it stable.
"""

from __future__ import annotations

import json
from typing import Any

from .models import Extraction
from .records import to_dict as record_dict


def _clean(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def to_dict(ex: Extraction) -> dict[str, Any]:
    art = ex.article
    figures = []
    for f in ex.figures:
        d = record_dict(f)
        d["value"] = _clean(f.value)
        d["value_max"] = _clean(f.value_max)
        figures.append(d)
    diplomacy = [record_dict(d) for d in ex.diplomacy]
    return {
        "id": art.id,
        "path": art.path,
        "date": art.date,
        "title": art.title,
        "outlet": art.outlet,
        "url": art.url,
        "statements": [record_dict(s) for s in ex.statements],
        "figures": figures,
        "diplomacy": diplomacy,
    }


def to_line(ex: Extraction) -> str:
    return json.dumps(to_dict(ex), ensure_ascii=False, sort_keys=False)

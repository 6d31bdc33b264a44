"""Publish: write rendered briefs to the output folder, atomically.

Every file is written to a temporary file in the same folder and renamed into place, so a
crash or a kill never leaves a half-written page or PDF where a reader (or a web server)
can see it; the previous version stays until the new one is complete.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import PublishError
from .models import Brief

FORMATS = ("md", "html", "pdf", "json")


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise PublishError(f"{path}: cannot be written ({exc.strerror}); check the output folder") from exc


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    data = asdict(brief)
    data.pop("extras", None)
    return data


def brief_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_brief(brief: Brief, out: Path, *, formats: tuple[str, ...] = FORMATS,
                templates: Path | None = None) -> list[Path]:
    """Render ``brief`` in each format into ``out/<date>/brief.<fmt>``; return the paths."""
    from . import render

    day = out / brief.date
    written: list[Path] = []
    for fmt in formats:
        target = day / f"brief.{fmt}"
        data: str | bytes
        if fmt == "md":
            data = render.render_markdown(brief, templates=templates)
        elif fmt == "html":
            data = render.render_html(brief, templates=templates)
        elif fmt == "pdf":
            data = render.render_pdf(brief, templates=templates)
        elif fmt == "json":
            data = brief_json(brief)
        else:  # pragma: no cover - formats are validated by the caller
            raise PublishError(f"unknown format {fmt!r}")
        atomic_write(target, data)
        written.append(target)
    return written

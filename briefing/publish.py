"""Publish: write rendered briefs to the output folder, atomically.

Every file is written to a temporary file in the same folder and renamed into place, so a
crash or a kill never leaves a half-written page or PDF where a reader (or a web server)
can see it; the previous version stays until the new one is complete.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__, records
from .errors import PublishError
from .models import Brief

FORMATS = ("md", "html", "pdf", "json")


def atomic_write(path: Path, data: bytes | str, *, make_parents: bool = False, what: str = "file") -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The folder must exist unless ``make_parents``: only the writers of the output folder and
    the cache create folders, so a mistyped path elsewhere fails instead of growing a tree.
    ``what`` names the file in the error message ("brief", "run state" …).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if make_parents:
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
        raise PublishError(
            f"{path}: the {what} cannot be written ({exc.strerror}); "
            "check that its folder exists and is writable"
        ) from exc


def remove(path: Path) -> None:
    """Delete ``path`` if it exists; a failure is a one-line ``PublishError``, not a traceback."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        raise PublishError(f"{path}: cannot be removed ({exc.strerror}); check the output folder") from exc


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    return records.to_dict(brief)


def brief_json(brief: Brief) -> str:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def brief_from_dict(data: Any) -> Brief:
    """The inverse of ``brief_to_dict``: rebuild a ``Brief`` from its ``brief.json``.

    Every field is checked against its type; a mismatch is a ``ValueError`` naming the field."""
    return records.from_dict(Brief, data)


def load_brief(path: Path) -> Brief:
    """Read a ``brief.json`` written by ``write_brief``."""
    try:
        return brief_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        # A ValueError covers bad JSON, bad UTF-8 and fields of the wrong type.
        raise PublishError(f"{path}: not a brief written by this version ({exc}); rebuild it") from exc


def templates_fingerprint(templates: Path | None) -> str:
    """Hash of every file in the template search path: editing a template re-renders."""
    from . import render

    h = hashlib.sha256()
    for folder in render.template_set(templates).search_path:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                h.update(p.relative_to(folder).as_posix().encode())
                h.update(p.read_bytes())
    return h.hexdigest()


DIGEST_FILE = ".brief.digest"


def write_brief(
    brief: Brief,
    out: Path,
    *,
    formats: tuple[str, ...] = FORMATS,
    templates: Path | None = None,
    force: bool = False,
    fingerprint: str | None = None,
) -> list[Path]:
    """Render ``brief`` in each format into ``out/<date>/brief.<fmt>``; return the paths.

    A day whose brief, templates and formats are unchanged since the last build is not
    rendered again (the digest file records what was rendered; it is written last, so an
    interrupted build renders again next time).  ``fingerprint`` is
    ``templates_fingerprint(templates)``, computed once by a caller that writes many days.
    """
    from . import render

    day = out / brief.date
    js = brief_json(brief)
    fingerprint = fingerprint or templates_fingerprint(templates)
    parts = [js, fingerprint, ",".join(formats), __version__]
    digest = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()
    targets = [day / f"brief.{fmt}" for fmt in formats]
    digest_path = day / DIGEST_FILE
    if (
        not force
        and all(t.is_file() for t in targets)
        and digest_path.is_file()
        and digest_path.read_text(encoding="utf-8").strip() == digest
    ):
        return targets
    remove(digest_path)
    for fmt, target in zip(formats, targets, strict=True):
        data: str | bytes
        if fmt == "md":
            data = render.render_markdown(brief, templates=templates)
        elif fmt == "html":
            data = render.render_html(brief, templates=templates)
        elif fmt == "pdf":
            data = render.render_pdf(brief, templates=templates)
        elif fmt == "json":
            data = js
        else:  # pragma: no cover - formats are validated by the caller
            raise PublishError(f"unknown format {fmt!r}")
        atomic_write(target, data, make_parents=True, what=f"{fmt} brief")
    atomic_write(digest_path, digest + "\n", make_parents=True, what="render digest")
    return targets

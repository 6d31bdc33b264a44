"""``briefing run``: the scheduled daily job in one command.

Read the configured sources, build the briefs (incrementally: the extraction cache and the
render digests skip what has not changed), update the site, and email the day's brief once.

It is safe to run from cron or a systemd timer:

* a lock file (``OUT/.briefing/lock``, ``flock``) makes a second concurrent run stop at once
  with a clear message instead of writing over the first one;
* ``OUT/.briefing/state.json`` records each day whose email went out: a rerun does not send
  it again, and a failed send is recorded as pending and retried by the next run;
* every output file is written atomically, so a crash never leaves a half-written page.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Config
from ..errors import BriefingError, InputError, PublishError
from ..pipeline import DayRange, ProgressFactory, default_cache, no_progress
from ..publish import atomic_write
from .build import BuildOptions, build

STATE_DIR = ".briefing"


class LockedError(BriefingError):
    """Another run holds the lock."""


@contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking ``flock`` on ``OUT/.briefing/lock`` for the run."""
    path = out / STATE_DIR / "lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise PublishError(
            f"{path}: the run's lock file cannot be created ({exc.strerror}); check the output folder"
        ) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockedError(f"{path}: another briefing run is in progress; wait for it to finish") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def load_state(out: Path) -> dict[str, Any]:
    path = out / STATE_DIR / "state.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"sent": {}, "pending": {}}
    except (OSError, ValueError) as exc:
        raise PublishError(f"{path}: unreadable run state ({exc}); fix or delete it") from exc
    if isinstance(data, dict):
        data.setdefault("sent", {})
        data.setdefault("pending", {})
    problem = _state_problem(data)
    if problem:
        raise PublishError(f"{path}: unreadable run state ({problem}); fix or delete it")
    return data


def _state_problem(data: Any) -> str:
    """What is wrong with the shape of a loaded run state, or "" when it is usable: the run
    indexes ``state["sent"][day]["at"]``, so each level must be a dict."""
    if not isinstance(data, dict):
        return "not a JSON object"
    for key in ("sent", "pending"):
        days = data[key]
        if not isinstance(days, dict):
            return f"{key!r} is not an object"
        for day, entry in days.items():
            if not isinstance(entry, dict):
                return f"{key}[{day!r}] is not an object"
    sent: dict[str, dict[str, Any]] = data["sent"]
    for day, entry in sent.items():
        if not isinstance(entry.get("at"), str):
            return f"sent[{day!r}] has no time"
    return ""


def save_state(out: Path, state: dict[str, Any]) -> None:
    atomic_write(
        out / STATE_DIR / "state.json",
        json.dumps(state, indent=2, sort_keys=True) + "\n",
        make_parents=True,
        what="run state",
    )


@dataclass(frozen=True)
class RunOptions:
    date: str | None = None
    send: bool = True
    dry_run: bool = False
    force_send: bool = False
    sources: tuple[str, ...] = ()


@dataclass
class RunReport:
    date: str
    built: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    site: list[Path] = field(default_factory=list)
    email: str = "not configured"


def run(*, config: Config, options: RunOptions, progress: ProgressFactory = no_progress) -> RunReport:
    from . import send as send_cmd

    sources = options.sources or tuple(str(config.resolve(s)) for s in config.build.sources)
    if not sources:
        raise BriefingError("no sources to read; set [build] sources in briefing.toml or pass PATH...")
    out = config.out_dir
    day = options.date or dt.date.today().isoformat()
    report = RunReport(date=day)
    with run_lock(out):
        bopts = BuildOptions(
            out=out,
            formats=config.build.formats,
            templates=config.resolve(config.build.templates),
            days=DayRange(),
            model=config.build.model,
            title=config.build.title,
            cache=default_cache(),
            site=config.site if config.site.enabled else None,
        )
        built = build(sources, options=bopts, progress=progress)
        report.built = sorted(built.written)
        report.errors = built.errors
        report.site = built.site
        if not options.send:
            report.email = "skipped (--no-send)"
            return report
        if not config.email.to:
            return report
        if not (out / day / "brief.pdf").is_file():
            report.email = f"no brief for {day}; nothing sent"
            return report
        state = load_state(out)
        if day in state["sent"] and not options.force_send:
            report.email = f"already sent on {state['sent'][day]['at']}; not sent again"
            return report
        email = config.email
        try:
            result = send_cmd.send(
                out=out,
                date=day,
                to=email.to,
                config=email,
                dry_run=options.dry_run,
                eml=out / STATE_DIR / f"brief-{day}.eml" if options.dry_run else None,
            )
        except PublishError as exc:
            state["pending"][day] = {"error": str(exc), "at": _now()}
            save_state(out, state)
            report.email = "failed; it will be retried on the next run"
            raise PublishError(f"{exc} (the brief is built; the next run retries the email)") from exc
        if options.dry_run:
            report.email = f"dry run: {result.path}"
            return report
        state["pending"].pop(day, None)
        accepted = [r for r in result.recipients if r not in result.refused]
        state["sent"][day] = {"at": _now(), "to": accepted, "refused": sorted(result.refused)}
        save_state(out, state)
        report.email = f"sent to {', '.join(accepted)}"
    return report


def _now() -> str:
    # Wall-clock time only in the run state, never in files that tests compare.
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()

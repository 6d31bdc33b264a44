"""The daily job: config file, idempotent email with retry over a real loopback SMTP server,
the run lock, the incremental cache, and a build killed with SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from briefing import config as config_mod
from briefing.cli import main
from briefing.commands.run import load_state, run_lock
from briefing.errors import ConfigError

FIXTURES = Path(__file__).parent / "fixtures"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Collect:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd hook name
        self.messages.append(envelope)
        return "250 OK"


def write_config(tmp: Path, port: int) -> Path:
    cfg = tmp / "briefing.toml"
    cfg.write_text(
        f"""
[build]
sources = ["articles"]
out = "site"
formats = ["md", "html", "pdf", "json"]
title = "Test brief"

[site]
title = "Test brief"

[email]
host = "127.0.0.1"
port = {port}
security = "none"
sender = "briefs@example.org"
to = ["desk@example.org"]
timeout = 5
""",
        encoding="utf-8",
    )
    return cfg


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "articles").mkdir()
    shutil.copy(FIXTURES / "seed.txt", tmp_path / "articles" / "seed.txt")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path


def test_config_errors_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[build\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        config_mod.load(bad)
    bad.write_text("[email]\nport = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[email\]\.port: must be a number"):
        config_mod.load(bad)
    bad.write_text("[email]\nsecurity = 'tls'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="security: must be one of"):
        config_mod.load(bad)
    bad.write_text("[mail]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown section"):
        config_mod.load(bad)
    res = CliRunner().invoke(main, ["--config", str(tmp_path / "none.toml"), "build"])
    assert res.exit_code == 1 and "configuration file not found" in res.output


def test_config_paths_are_relative_to_the_file(project: Path) -> None:
    cfg = config_mod.load(write_config(project, 25))
    assert cfg.resolve(cfg.build.out) == project / "site"
    assert cfg.build.sources == ("articles",)
    assert cfg.email.to == ("desk@example.org",)


def test_run_sends_once_and_retries_a_failed_send(project: Path) -> None:
    port = free_port()
    cfg = write_config(project, port)
    runner = CliRunner()
    out = project / "site"

    # 1. Nothing listens on the port: the brief is built, the send fails and is pending.
    res = runner.invoke(main, ["--config", str(cfg), "run", "--date", "2022-03-29"])
    assert res.exit_code == 1, res.output
    assert "next run retries" in res.output
    pdf = out / "2022-03-29" / "brief.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    state = load_state(out)
    assert "2022-03-29" in state["pending"] and not state["sent"]

    # 2. The server is up: the next run sends it.
    handler = Collect()
    server = Controller(handler, hostname="127.0.0.1", port=port)
    server.start()
    try:
        res = runner.invoke(main, ["--config", str(cfg), "run", "--date", "2022-03-29"])
        assert res.exit_code == 0, res.output
        assert len(handler.messages) == 1
        msg = message_from_bytes(handler.messages[0].content)
        assert msg["To"] == "desk@example.org"
        types = [p.get_content_type() for p in msg.walk()]
        assert {"text/plain", "text/html", "application/pdf"} <= set(types)
        state = load_state(out)
        assert "2022-03-29" in state["sent"] and not state["pending"]

        # 3. A rerun does not send it again; --resend does.
        res = runner.invoke(main, ["--config", str(cfg), "run", "--date", "2022-03-29"])
        assert res.exit_code == 0 and "not sent again" in res.output
        assert len(handler.messages) == 1
        res = runner.invoke(main, ["--config", str(cfg), "run", "--date", "2022-03-29", "--resend"])
        assert res.exit_code == 0
        assert len(handler.messages) == 2
    finally:
        server.stop()


def test_run_without_brief_for_the_day_sends_nothing(project: Path) -> None:
    cfg = write_config(project, free_port())
    res = CliRunner().invoke(main, ["--config", str(cfg), "run", "--date", "2022-04-01"])
    assert res.exit_code == 0, res.output
    assert "no brief for 2022-04-01" in res.output


def test_second_run_is_refused_while_the_lock_is_held(project: Path) -> None:
    cfg = write_config(project, free_port())
    with run_lock(project / "site"):
        res = CliRunner().invoke(main, ["--config", str(cfg), "run", "--no-send"])
    assert res.exit_code == 1
    assert "another briefing run is in progress" in res.output


def _one_line_error(res: Any) -> None:
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("briefing: error: "), res.output


def test_run_into_an_output_folder_that_is_a_file(project: Path) -> None:
    cfg = write_config(project, free_port())
    (project / "site").write_text("not a folder", encoding="utf-8")
    res = CliRunner().invoke(main, ["--config", str(cfg), "run", "--no-send"])
    _one_line_error(res)
    assert "cannot be created" in res.output and "check the output folder" in res.output


@pytest.mark.parametrize(
    "state",
    ["[]", '{"sent": []}', '{"pending": {"2022-03-29": "x"}}', '{"sent": {"2022-03-29": {}}}', "{"],
)
def test_run_with_a_damaged_state_is_a_one_line_error(project: Path, state: str) -> None:
    cfg = write_config(project, free_port())
    (project / "site" / ".briefing").mkdir(parents=True)
    (project / "site" / ".briefing" / "state.json").write_text(state, encoding="utf-8")
    res = CliRunner().invoke(main, ["--config", str(cfg), "run", "--date", "2022-03-29"])
    _one_line_error(res)
    assert "unreadable run state" in res.output


def test_rebuild_uses_the_cache_and_skips_unchanged_days(project: Path) -> None:
    out = project / "out"
    runner = CliRunner()
    args = ["build", str(project / "articles"), "--out", str(out), "--format", "md,pdf", "-q"]
    assert runner.invoke(main, args).exit_code == 0
    cached = list((project / "cache").rglob("*.json"))
    assert len(cached) == 1
    pdf = out / "2022-03-29" / "brief.pdf"
    before = pdf.stat().st_mtime_ns
    # A new day arrives: only it is extracted and rendered.
    (project / "articles" / "new.txt").write_text(
        " date 2022-03-30 The Kremlin said talks with Ukraine would resume in Istanbul.", encoding="utf-8"
    )
    assert runner.invoke(main, args).exit_code == 0
    assert len(list((project / "cache").rglob("*.json"))) == 2
    assert pdf.stat().st_mtime_ns == before
    assert (out / "2022-03-30" / "brief.pdf").is_file()


def _valid(path: Path, suffix: str | None = None) -> bool:
    """Whether ``path`` holds a complete file of its kind (``suffix``, default its own)."""
    data = path.read_bytes()
    suffix = suffix or path.suffix
    if suffix == ".pdf":
        return data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    if suffix == ".html":
        return data.rstrip().endswith(b"</html>")
    return len(data) > 0


# Run in the killed build's process: every file the build publishes is renamed into place with
# ``os.replace`` (``publish.atomic_write``).  The rename of the file named on the command line
# is held: the finished temporary file is on disk, the marker says so, and the process waits to
# be killed.  The test therefore kills at a known point of the build, not after a guessed delay.
_HOLD_RENAME = """
import os, sys, time
from pathlib import Path
from briefing.cli import main

marker, log, out, held = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
rename = os.replace

def hold(src, dst):
    rel = Path(dst).relative_to(out).as_posix()
    if rel == held:
        marker.write_text(os.fspath(src), encoding="utf-8")
        time.sleep(600)
    rename(src, dst)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(rel + "\\n")

os.replace = hold
main(args=sys.argv[5:], prog_name="briefing")
"""


@pytest.mark.parametrize(
    "held",
    [
        "2022-03-01/brief.md",  # the first file of the rebuild: nothing replaced yet
        "2022-03-03/brief.pdf",  # half-way through the site's day pages
        "index.html",  # after the day pages and the archive, before the home page and feed
    ],
)
def test_killed_build_leaves_previous_output_intact(tmp_path: Path, held: str) -> None:
    src = tmp_path / "articles"
    src.mkdir()
    body = (FIXTURES / "seed.txt").read_text(encoding="utf-8")
    for day in range(1, 6):
        (src / f"a{day}.txt").write_text(body.replace("2022-03-29", f"2022-03-0{day}"), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    args = ["build", str(src), "--out", str(out), "-q", "--no-cache"]
    subprocess.run([sys.executable, "-m", "briefing", *args], check=True, env=env, capture_output=True)
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert held in before and len([p for p in before if not p.split("/")[-1].startswith(".")]) >= 20
    # Change every article, rebuild, and kill the build while it holds the rename of ``held``.
    for p in src.iterdir():
        p.write_text(
            p.read_text(encoding="utf-8") + "\n\nThe UN said 12 more trucks arrived.", encoding="utf-8"
        )
    marker, log, errors = tmp_path / "held", tmp_path / "renamed", tmp_path / "stderr"
    cmd = [sys.executable, "-c", _HOLD_RENAME, str(marker), str(log), str(out), held, *args]
    with errors.open("wb") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            deadline = time.monotonic() + 120
            while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.05)
            assert marker.exists(), f"the build never reached {held}: {errors.read_text()}"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
    renamed = set(log.read_text(encoding="utf-8").split()) if log.exists() else set()
    assert held not in renamed
    # The first case stops before the build has replaced anything, the others part-way.
    assert (not renamed) == (held == "2022-03-01/brief.md"), sorted(renamed)
    after = {p.relative_to(out).as_posix(): p for p in out.rglob("*") if p.is_file()}
    # The previous site is intact: every file is still there, those the build had not reached
    # yet byte for byte, and those it had replaced complete.  (Hidden files are the build's own
    # bookkeeping: a day's render digest is removed before the day is rendered again.)
    for rel, data in before.items():
        if rel.split("/")[-1].startswith("."):
            continue
        assert rel in after, f"{rel} vanished"
        if rel in renamed:
            assert _valid(after[rel]), f"{rel} is half-written"
        else:
            assert after[rel].read_bytes() == data, f"{rel} changed though the build never renamed it"
    # No half-written file is left where a reader looks: the only new file is the finished
    # temporary file of the held rename, hidden beside its target.
    left = set(after) - set(before)
    tmp = Path(marker.read_text(encoding="utf-8"))
    assert left == {tmp.relative_to(out).as_posix()}
    assert tmp.name.startswith(f".{Path(held).name}.") and tmp.suffix == ".tmp"
    assert _valid(tmp, Path(held).suffix), f"{tmp} is not the finished {held}"


def test_shipped_example_config_is_valid() -> None:
    cfg = config_mod.load(Path(__file__).parent.parent / "deploy" / "briefing.toml.example")
    assert cfg.email.security == "starttls"
    assert cfg.build.sources == ("articles/",)
    # Every setting the example spells out must have been read, not left at its default.
    assert cfg.path is not None and cfg.path.name == "briefing.toml.example"
    assert (cfg.build.out, cfg.build.title) == ("public", "Ukraine daily brief")
    assert cfg.site.base_url == "https://briefs.example.org/"
    assert cfg.email.username == "briefs@example.org"
    assert cfg.email.to == ("desk@example.org",)


def test_email_settings_from_the_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_HOST", "smtp.example.net")
    monkeypatch.setenv("BRIEFING_SMTP_PORT", "465")
    monkeypatch.setenv("BRIEFING_SMTP_SECURITY", "ssl")
    monkeypatch.setenv("BRIEFING_EMAIL_TO", "a@example.org, b@example.org")
    cfg = config_mod.load(write_config(project, 25))
    assert (cfg.email.host, cfg.email.port, cfg.email.security) == ("smtp.example.net", 465, "ssl")
    assert cfg.email.to == ("a@example.org", "b@example.org")
    assert cfg.email.sender == "briefs@example.org"  # from the file
    monkeypatch.setenv("BRIEFING_SMTP_PORT", "port")
    with pytest.raises(ConfigError, match="BRIEFING_SMTP_PORT"):
        config_mod.load(write_config(project, 25))

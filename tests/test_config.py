"""Settings that would fail mid-send are rejected when the configuration is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from briefing import config as config_mod
from briefing.cli import main
from briefing.config import EmailConfig
from briefing.deliver import _subject
from briefing.errors import ConfigError


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"security": "tls"}, "security: must be one of"),
        ({"port": 0}, "port: 0 is not a port number"),
        ({"port": 65536}, "port: 65536 is not a port number"),
        ({"port": True}, "port: True is not a port number"),
        ({"port": 25.0}, "port: 25.0 is not a port number"),
        ({"timeout": 0}, "timeout: 0 must be"),
        ({"timeout": -1.5}, "timeout: -1.5 must be"),
        ({"timeout": True}, "timeout: True must be"),
    ],
)
def test_email_config_rejects_bad_values(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        EmailConfig(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("port = 70000", r"\[email\]\.port: 70000 is not a port number"),
        ("port = 0", r"\[email\]\.port: 0 is not a port number"),
        ("timeout = 0", r"\[email\]\.timeout: 0 must be"),
        ("security = 'tls'", r"\[email\]\.security: must be one of"),
    ],
)
def test_bad_email_settings_in_the_file(tmp_path: Path, setting: str, message: str) -> None:
    path = tmp_path / "briefing.toml"
    path.write_text(f"[email]\n{setting}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        config_mod.load(path)
    res = CliRunner().invoke(main, ["--config", str(path), "site"])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_bad_security_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_SMTP_SECURITY", "tls")
    with pytest.raises(ConfigError, match="environment: security: must be one of"):
        config_mod.email_from_env(EmailConfig())


@pytest.mark.parametrize(
    ("fmt", "subject"),
    [
        ("{title}: {date}", "Brief: 2022-03-29"),
        ("[{date}]  {title} {title}", "[2022-03-29] Brief Brief"),
        ("no fields", "no fields"),
    ],
)
def test_subject_fills_in_title_and_date(fmt: str, subject: str) -> None:
    assert _subject(fmt, title="Brief", date="2022-03-29") == subject


def test_subject_fields_are_not_formatted_again() -> None:
    # A title holding braces is text, not another field to fill in.
    assert _subject("{title}", title="{date} {0}", date="2022-03-29") == "{date} {0}"


@pytest.mark.parametrize(
    "fmt", ["{0}", "{title.__class__}", "{date:>20}", "{{title}}", "{nope}", "a } b", "{"]
)
def test_subject_rejects_other_braces(fmt: str) -> None:
    with pytest.raises(ConfigError, match=r"use only \{title\} and \{date\}"):
        _subject(fmt, title="Brief", date="2022-03-29")


def test_out_dir_cafile_and_site_title(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "briefing.toml"
    path.parent.mkdir()
    path.write_text(
        '[build]\nout = "pub"\ntitle = "Kyiv brief"\n[email]\ncafile = "ca.pem"\n', encoding="utf-8"
    )
    cfg = config_mod.load(path)
    assert cfg.out_dir == tmp_path / "conf" / "pub"
    assert cfg.email.cafile == str(tmp_path / "conf" / "ca.pem")
    assert cfg.site.title == "Kyiv brief"
    path.write_text('[build]\ntitle = "Kyiv brief"\n[site]\ntitle = "Site"\n', encoding="utf-8")
    cfg = config_mod.load(path)
    assert cfg.site.title == "Site"
    assert cfg.out_dir == tmp_path / "conf" / "build"
    assert config_mod.Config().out_dir == Path("build")

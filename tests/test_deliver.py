"""Email delivery against a real SMTP server on loopback (aiosmtpd), no mocks of smtplib.

The briefs are built once per session with the real ``briefing build`` from
``tests/fixtures/seed.txt`` (and a hostile article for the HTML-injection test).
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from click.testing import CliRunner
from pypdf import PdfReader

from briefing.cli import main
from briefing.commands.send import send as run_send
from briefing.config import EmailConfig
from briefing.deliver import SendError, build_message, load_brief, markdown_to_email_html, send, write_eml
from briefing.errors import ConfigError, PublishError

FIXTURES = Path(__file__).parent / "fixtures"
DATE = "2022-03-29"
HOSTILE_DATE = "2022-04-01"
HOSTILE = (
    f" date {HOSTILE_DATE} The mayor said <script>alert(1)</script> was found on the city website. "
    '"We removed <img src=x onerror=alert(2)> and more," the mayor told reporters on Friday. '
    "Officials said 12 people were evacuated from the building."
)
PASSWORD_ENV = "BRIEFING_TEST_SMTP_PASSWORD"

# AUTH without TLS is what these tests exercise on purpose (loopback only); aiosmtpd warns.
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``OUT`` with the seed's brief (2022-03-29) and the hostile article's (2022-04-01)."""
    base = tmp_path_factory.mktemp("built")
    src = base / "in"
    src.mkdir()
    shutil.copy(FIXTURES / "seed.txt", src / f"{DATE}-seed.txt")
    (src / f"{HOSTILE_DATE}-hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = base / "out"
    args = ["build", str(src), "--out", str(out), "--cache", str(base / "cache"), "-q"]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    for day in (DATE, HOSTILE_DATE):
        for name in ("brief.md", "brief.html", "brief.pdf"):
            assert (out / day / name).is_file(), f"build did not write {day}/{name}"
    return out


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built briefs, so a test may check or damage them freely."""
    dst = tmp_path / "out"
    shutil.copytree(built, dst)
    return dst


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Collector:
    """An aiosmtpd handler that keeps every envelope; some recipients or all data refused."""

    envelopes: list[Envelope] = field(default_factory=list)
    refuse_rcpt: dict[str, str] = field(default_factory=dict)
    data_reply: str = "250 OK"

    async def handle_RCPT(
        self, server: SMTPServer, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        if self.data_reply.startswith("250"):
            self.envelopes.append(envelope)
        return self.data_reply

    def messages(self) -> list[EmailMessage]:
        out = []
        for env in self.envelopes:
            raw = env.original_content or env.content
            assert isinstance(raw, bytes)
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            assert isinstance(msg, EmailMessage)
            out.append(msg)
        return out


@dataclass
class Server:
    handler: Collector
    port: int
    logins: list[tuple[str, str]]


@pytest.fixture
def smtp_server(request: pytest.FixtureRequest) -> Iterator[Server]:
    """A plain SMTP server on 127.0.0.1; ``indirect`` params: extra ``Controller`` kwargs."""
    kwargs: dict[str, Any] = dict(getattr(request, "param", {}) or {})
    handler = Collector()
    logins: list[tuple[str, str]] = []
    if kwargs.pop("auth", False):

        def authenticator(
            server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
        ) -> AuthResult:
            assert isinstance(auth_data, LoginPassword)
            user, pw = auth_data.login.decode(), auth_data.password.decode()
            logins.append((user, pw))
            return AuthResult(success=(user, pw) == ("desk", "s3cret"), handled=False)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield Server(handler, port, logins)
    finally:
        controller.stop()


def _config(port: int, **kw: Any) -> EmailConfig:
    base = EmailConfig(
        host="127.0.0.1",
        port=port,
        security="none",
        sender="Brief <brief@example.org>",
        to=("desk@example.org",),
        timeout=5.0,
        password_env=PASSWORD_ENV,
    )
    return replace(base, **kw)


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _parts(msg: EmailMessage) -> tuple[str, str, bytes, Any]:
    assert msg.get_content_type() == "multipart/mixed"
    body, attachment = list(msg.iter_parts())
    assert body.get_content_type() == "multipart/alternative"
    plain, html_part = list(body.iter_parts())
    assert plain.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    pdf = attachment.get_content()
    assert isinstance(pdf, bytes)
    return plain.get_content(), html_part.get_content(), pdf, attachment


# ------------------------------------------------------------------------------ message


def test_message_structure_and_headers(out: Path) -> None:
    parts = load_brief(out, DATE)
    msg = build_message(parts, config=_config(25, to=("a@example.org", "Desk <b@example.org>")))
    text, html, pdf, attachment = _parts(msg)
    assert text == (out / DATE / "brief.md").read_text(encoding="utf-8")
    assert "<html" in html and "Zelensky" in html and 'href="#art-' in html
    assert pdf == (out / DATE / "brief.pdf").read_bytes()
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == f"brief-{DATE}.pdf"
    assert attachment.get_content_disposition() == "attachment"
    assert msg["From"] == "Brief <brief@example.org>"
    assert msg["To"] == "a@example.org, Desk <b@example.org>"
    assert msg["Subject"] == f"Daily brief: {DATE}"
    assert msg["Auto-Submitted"] == "auto-generated"
    sent_at = msg["Date"].datetime
    assert sent_at.tzinfo is not None and abs(datetime.now(UTC) - sent_at) < timedelta(minutes=5)
    fixed = datetime(2022, 3, 29, 7, 30, tzinfo=UTC)
    assert build_message(parts, config=_config(25), now=fixed)["Date"].datetime == fixed
    # A resend of the same brief carries the same Message-ID; another day's does not.
    assert msg["Message-ID"] == build_message(load_brief(out, DATE), config=_config(25))["Message-ID"]
    assert msg["Message-ID"].startswith(f"<brief-{DATE}-") and msg["Message-ID"].endswith("@example.org>")
    other = build_message(load_brief(out, HOSTILE_DATE), config=_config(25))
    assert other["Message-ID"] != msg["Message-ID"]


def test_subject_format_and_title(out: Path) -> None:
    cfg = _config(25, subject="[{date}] {title}")
    msg = build_message(load_brief(out, DATE), config=cfg, title="Ukraine")
    assert msg["Subject"] == f"[{DATE}] Ukraine"
    with pytest.raises(ConfigError, match="subject"):
        build_message(load_brief(out, DATE), config=_config(25, subject="{nope}"))


@pytest.mark.parametrize("bad", ["not-an-address", "a@example.org\r\nBcc: victim@example.org", ""])
def test_bad_recipient_is_a_config_error(out: Path, bad: str) -> None:
    with pytest.raises(ConfigError, match="not an email address"):
        build_message(load_brief(out, DATE), config=_config(25), to=[bad])


def test_html_part_escapes_article_html(out: Path) -> None:
    md = (out / HOSTILE_DATE / "brief.md").read_text(encoding="utf-8")
    assert "alert(1)" in md  # the hostile text did reach the brief, so the check below means something
    _, html, _, _ = _parts(build_message(load_brief(out, HOSTILE_DATE), config=_config(25)))
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not dropped


def test_markdown_conversion_is_safe() -> None:
    md = (
        '# T\n\n<script>alert(1)</script>\n\n<div onclick="x()">d</div>\n\n'
        "a <b onmouseover=alert(2)>b</b> [js](javascript:alert(3)) [data](data:text/html,x) "
        "[ok](https://example.org/?a=1&b=2) [frag](#art-1) ![i](http://tracker.example/p.png) "
        '<a id="art-1"></a> <a id="x" onclick="y()"></a>\n'
    )
    html = markdown_to_email_html(md, title="T <x>")
    lowered = html.lower()
    for bad in ("<script", "<div onclick", "<b ", "<img", "javascript:", "data:text", '<a id="x"'):
        assert bad not in lowered, bad
    assert 'href="https://example.org/?a=1&amp;b=2"' in html
    assert 'href="#art-1"' in html and 'id="art-1"' in html
    assert "<title>T &lt;x&gt;</title>" in html
    assert 'style="' in html  # inline styles: email clients drop <style> blocks


def test_missing_pdf_names_the_file(out: Path) -> None:
    (out / DATE / "brief.pdf").unlink()
    with pytest.raises(PublishError, match=r"brief\.pdf: not found; run `briefing build` first"):
        load_brief(out, DATE)


def test_write_eml_is_parseable(out: Path, tmp_path: Path) -> None:
    msg = build_message(load_brief(out, DATE), config=_config(25))
    target = tmp_path / "x" / "preview.eml"
    # A dry run does not create folders: a mistyped path fails instead of growing a tree.
    with pytest.raises(PublishError, match=r"preview\.eml: the message cannot be written"):
        write_eml(msg, target)
    assert not target.parent.exists()
    target.parent.mkdir()
    write_eml(msg, target)
    parsed = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["Message-ID"] == msg["Message-ID"]
    _, _, pdf, _ = _parts(parsed)
    assert pdf.startswith(b"%PDF")


# ------------------------------------------------------------------------------ sending


def test_send_delivers_alternatives_and_pdf(out: Path, smtp_server: Server) -> None:
    result = run_send(
        out=out,
        date=DATE,
        to=("a@example.org", "b@example.org"),
        config=_config(smtp_server.port),
        dry_run=False,
    )
    assert result.sent and not result.refused and result.recipients == ("a@example.org", "b@example.org")
    (env,) = smtp_server.handler.envelopes
    assert env.mail_from == "brief@example.org"
    assert env.rcpt_tos == ["a@example.org", "b@example.org"]
    (msg,) = smtp_server.handler.messages()
    assert msg["Subject"] == f"Daily brief: {DATE}" and msg["Message-ID"] == result.message_id
    text, html, pdf, _ = _parts(msg)
    # SMTP carries CRLF line ends; the content is otherwise the Markdown brief unchanged.
    assert text.replace("\r\n", "\n") == (out / DATE / "brief.md").read_text(encoding="utf-8")
    assert "Zelensky" in html
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 1
    assert "Zelensky" in "".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("smtp_server", [{"auth": True}], indirect=True)
def test_send_logs_in_with_password_from_env(
    out: Path, smtp_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "s3cret")
    send(
        build_message(load_brief(out, DATE), config=_config(smtp_server.port)),
        config=_config(smtp_server.port, username="desk"),
    )
    assert smtp_server.logins == [("desk", "s3cret")]
    assert len(smtp_server.handler.envelopes) == 1


@pytest.mark.parametrize("smtp_server", [{"auth": True}], indirect=True)
def test_wrong_password_is_a_permanent_send_error(
    out: Path, smtp_server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "wrong")
    cfg = _config(smtp_server.port, username="desk")
    with pytest.raises(SendError) as info:
        send(build_message(load_brief(out, DATE), config=cfg), config=cfg)
    assert "login as 'desk' refused (535" in str(info.value) and "\n" not in str(info.value)
    assert info.value.temporary is False
    assert not smtp_server.handler.envelopes


def test_username_without_password_names_the_variable(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    cfg = _config(_free_port(), username="desk")
    with pytest.raises(PublishError, match=f"set the environment variable {PASSWORD_ENV}"):
        send(build_message(load_brief(out, DATE), config=cfg), config=cfg)


def test_password_is_not_sent_in_clear_to_a_remote_host(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "s3cret")
    cfg = _config(25, host="smtp.example.org", username="desk")
    with pytest.raises(SendError, match="unencrypted"):
        send(build_message(load_brief(out, DATE), config=cfg), config=cfg)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost, made with the openssl CLI."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("tls")
    cert, key = d / "cert.pem", d / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture
def tls_server(certificate: tuple[Path, Path], request: pytest.FixtureRequest) -> Iterator[Server]:
    """STARTTLS required (param ``"starttls"``) or implicit TLS (param ``"ssl"``), with AUTH."""
    cert, key = certificate
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cert, key)
    handler = Collector()
    logins: list[tuple[str, str]] = []

    def authenticator(
        server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=True)

    port = _free_port()
    tls: dict[str, Any] = (
        {"tls_context": ctx, "require_starttls": True}
        if request.param == "starttls"
        # aiosmtpd only counts STARTTLS as TLS when deciding to offer AUTH; this is TLS too.
        else {"ssl_context": ctx, "server_hostname": "localhost", "auth_require_tls": False}
    )
    controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=authenticator, **tls)
    controller.start()
    try:
        yield Server(handler, port, logins)
    finally:
        controller.stop()


@pytest.mark.parametrize("tls_server", ["starttls", "ssl"], indirect=True)
def test_tls_with_own_ca(
    out: Path,
    tls_server: Server,
    certificate: tuple[Path, Path],
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "s3cret")
    security = request.node.callspec.params["tls_server"]
    cfg = _config(tls_server.port, security=security, cafile=str(certificate[0]), username="desk")
    send(build_message(load_brief(out, DATE), config=cfg), config=cfg)
    assert tls_server.logins == [("desk", "s3cret")]
    (msg,) = tls_server.handler.messages()
    assert _parts(msg)[2].startswith(b"%PDF")


@pytest.mark.parametrize("tls_server", ["starttls"], indirect=True)
def test_tls_untrusted_certificate(out: Path, tls_server: Server) -> None:
    cfg = _config(tls_server.port, security="starttls")
    with pytest.raises(SendError, match=r"certificate not trusted .*set \[email\] cafile") as info:
        send(build_message(load_brief(out, DATE), config=cfg), config=cfg)
    assert info.value.temporary is False
    # verify = false trusts it (and is the user's explicit choice).
    send(build_message(load_brief(out, DATE), config=cfg), config=replace(cfg, verify=False))
    assert len(tls_server.handler.envelopes) == 1


def test_starttls_not_offered(out: Path, smtp_server: Server) -> None:
    cfg = _config(smtp_server.port, security="starttls")
    with pytest.raises(SendError, match="does not offer STARTTLS"):
        send(build_message(load_brief(out, DATE), config=cfg), config=cfg)


def test_closed_port_is_a_temporary_one_line_error(out: Path) -> None:
    before = _snapshot(out / DATE)
    port = _free_port()
    with pytest.raises(SendError) as info:
        run_send(out=out, date=DATE, config=_config(port), dry_run=False)
    msg = str(info.value)
    assert msg.startswith(f"cannot send to 127.0.0.1:{port}: connection refused")
    assert msg.endswith("check [email] settings") and "\n" not in msg
    assert info.value.temporary is True and isinstance(info.value, PublishError)
    assert _snapshot(out / DATE) == before


def test_silent_server_times_out(out: Path) -> None:
    with socket.socket() as listener:  # accepts the connection, never says hello
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        cfg = _config(listener.getsockname()[1], timeout=0.3)
        with pytest.raises(SendError, match=r"no answer within 0\.3 s") as info:
            send(build_message(load_brief(out, DATE), config=cfg), config=cfg)
    assert info.value.temporary is True


@pytest.mark.parametrize(
    ("reply", "temporary"), [("550 5.7.1 Message rejected", False), ("451 4.3.0 Try again later", True)]
)
def test_rejected_data(out: Path, smtp_server: Server, reply: str, temporary: bool) -> None:
    before = _snapshot(out / DATE)
    smtp_server.handler.data_reply = reply
    with pytest.raises(SendError) as info:
        run_send(out=out, date=DATE, config=_config(smtp_server.port), dry_run=False)
    assert str(info.value) == f"cannot send to 127.0.0.1:{smtp_server.port}: {reply}; check [email] settings"
    assert info.value.temporary is temporary
    assert _snapshot(out / DATE) == before


def test_all_recipients_refused(out: Path, smtp_server: Server) -> None:
    smtp_server.handler.refuse_rcpt = {"desk@example.org": "550 5.1.1 No such user"}
    expected = r"every recipient was refused \(desk@example.org: 550 5.1.1 No such user\)"
    with pytest.raises(SendError, match=expected):
        run_send(out=out, date=DATE, config=_config(smtp_server.port), dry_run=False)


def test_some_recipients_refused(out: Path, smtp_server: Server) -> None:
    smtp_server.handler.refuse_rcpt = {"gone@example.org": "550 5.1.1 No such user"}
    result = run_send(
        out=out,
        date=DATE,
        to=("desk@example.org", "gone@example.org"),
        config=_config(smtp_server.port),
        dry_run=False,
    )
    assert result.refused == {"gone@example.org": "550 5.1.1 No such user"}
    assert smtp_server.handler.envelopes[0].rcpt_tos == ["desk@example.org"]


def test_command_dry_run_sends_nothing(out: Path, tmp_path: Path) -> None:
    target = tmp_path / "preview.eml"
    result = run_send(out=out, date=DATE, config=_config(_free_port()), dry_run=True, eml=target)
    assert result.eml == target and not result.sent
    parsed = email.message_from_bytes(target.read_bytes(), policy=email.policy.default)
    assert parsed["To"] == "desk@example.org"


def test_command_needs_recipients_and_a_date(out: Path) -> None:
    with pytest.raises(ConfigError, match="no recipients"):
        run_send(out=out, date=DATE, config=_config(25, to=()), dry_run=True)
    with pytest.raises(ConfigError, match="not a date"):
        run_send(out=out, date="../etc", config=_config(25), dry_run=True)


# ------------------------------------------------------------------------------ CLI


def test_cli_send(out: Path, smtp_server: Server, tmp_path: Path) -> None:
    conf = tmp_path / "briefing.toml"
    conf.write_text(
        '[email]\nhost = "127.0.0.1"\nport = 1\nsecurity = "none"\nsender = "brief@example.org"\n'
        'to = ["desk@example.org"]\nsubject = "Brief {date}"\n',
        encoding="utf-8",
    )
    args = ["--config", str(conf), "send", "--date", DATE, "--out", str(out), "--port", str(smtp_server.port)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    assert f"{DATE}: sent to desk@example.org" in res.stderr
    res = CliRunner().invoke(main, [*args, "--to", "x@example.org", "--to", "y@example.org"])
    assert res.exit_code == 0, res.output
    first, second = smtp_server.handler.messages()
    assert first["Subject"] == f"Brief {DATE}" and first["To"] == "desk@example.org"
    assert second["To"] == "x@example.org, y@example.org"


def test_cli_dry_run(out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    port = str(_free_port())
    base = ["send", "--date", DATE, "--out", str(out), "--to", "desk@example.org", "--port", port]
    res = CliRunner().invoke(main, [*base, "--dry-run", "preview.eml"])
    assert res.exit_code == 0, res.output
    assert email.message_from_bytes((tmp_path / "preview.eml").read_bytes())["To"] == "desk@example.org"
    # A bare --dry-run (followed by another option) writes ./brief-<date>.eml.
    res = CliRunner().invoke(
        main, ["send", "--dry-run", "--date", DATE, "--out", str(out), "--to", "d@example.org"]
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / f"brief-{DATE}.eml").is_file()
    assert f"wrote brief-{DATE}.eml (not sent)" in res.stderr


def test_cli_errors(out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no briefing.toml here
    runner = CliRunner()
    res = runner.invoke(main, ["send", "--date", DATE, "--out", str(out)])
    assert res.exit_code == 2 and "--to" in res.stderr
    port = _free_port()
    res = runner.invoke(
        main,
        [
            "send",
            "--date",
            DATE,
            "--out",
            str(out),
            "--to",
            "d@example.org",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--security",
            "none",
        ],
    )
    assert res.exit_code == 1
    assert res.stderr.strip() == (
        f"briefing: error: cannot send to 127.0.0.1:{port}: connection refused "
        "(is the server running on that port?); check [email] settings"
    )
    res = runner.invoke(main, ["send", "--date", "2022-01-01", "--out", str(out), "--to", "d@example.org"])
    assert res.exit_code == 1 and "run `briefing build` first" in res.stderr and "Traceback" not in res.output


def test_cli_help_has_example() -> None:
    res = CliRunner().invoke(main, ["send", "--help"])
    assert res.exit_code == 0
    assert "Example" in res.output and "briefing send --date" in res.output


def test_cli_reports_refused_recipients(out: Path, smtp_server: Server) -> None:
    smtp_server.handler.refuse_rcpt = {"gone@example.org": "550 5.1.1 No such user"}
    res = CliRunner().invoke(
        main,
        [
            "send",
            "--date",
            DATE,
            "--out",
            str(out),
            "--to",
            "desk@example.org",
            "--to",
            "gone@example.org",
            "--host",
            "127.0.0.1",
            "--port",
            str(smtp_server.port),
            "--security",
            "none",
        ],
    )
    assert res.exit_code == 1
    assert "briefing: error: gone@example.org: refused by the server (550 5.1.1 No such user)" in res.stderr
    assert f"{DATE}: sent to desk@example.org" in res.stderr

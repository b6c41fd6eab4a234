"""`h200 mail`: a run's stored digest sent through a real SMTP server (aiosmtpd) on
127.0.0.1 at a free port, started by the test; nothing is ever sent anywhere else."""

from __future__ import annotations

import email
import socket
from email import policy

import pytest

from h200report.cli import main
from h200report.render import digest
from h200report.render.export import EDITION

pytestmark = pytest.mark.slow  # reads the render of tests/render/conftest.py


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Inbox:
    def __init__(self):
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.rcpt_tos), envelope.original_content))
        return "250 OK"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, f"127.0.0.1:{controller.port}"
    finally:
        controller.stop()


@pytest.fixture
def run_dir(fixture_run):
    return fixture_run[0].run_dir


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_digest_arrives_with_its_pictures_and_the_reports(run_dir, smtp_server, capsys, lang):
    inbox, address = smtp_server
    args = ["mail", str(run_dir), "--to", "reader@example.org", "--smtp", address]
    rc = main([*args, "--lang", lang, "--from", "h200@example.org"])
    out = capsys.readouterr()
    assert rc == 0, out.err
    assert "reader@example.org" in out.out and out.err == ""
    assert len(inbox.received) == 1
    recipients, raw = inbox.received[0]
    assert recipients == ["reader@example.org"]
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "reader@example.org" and msg["From"] == "h200@example.org"
    assert msg["Date"] and msg["Message-ID"] and msg["X-Unsent"] is None
    stored = email.message_from_bytes(
        (run_dir / digest.eml_name(lang)).read_bytes(), policy=policy.default
    )
    assert msg["Subject"] == stored["Subject"] and stored["To"] is None
    html = msg.get_body(("html",)).get_content()
    assert len(html.encode("utf-8")) <= digest.LIMIT and "<script" not in html
    images = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 2
    for image in images:
        assert image.get_content().startswith(b"\x89PNG")
        assert f'src="cid:{image["Content-ID"].strip("<>")}"' in html
    attached = [p for p in msg.iter_attachments() if p.get_filename() == EDITION]
    assert len(attached) == 1
    assert attached[0].get_content().encode("utf-8") == (run_dir / lang / EDITION).read_bytes()
    assert msg.get_body(("plain",)).get_content().strip()


def _fails(capsys, argv) -> str:
    rc = main(argv)
    err = capsys.readouterr().err
    assert rc != 0
    assert err.count("\n") == 1 and err.startswith("error: "), err
    return err


def test_a_server_that_does_not_answer_is_one_line(run_dir, capsys):
    port = _free_port()  # nothing listens there
    err = _fails(
        capsys, ["mail", str(run_dir), "--to", "a@example.org", "--smtp", f"127.0.0.1:{port}"]
    )
    assert f"127.0.0.1:{port}" in err and "cannot send" in err


def test_a_missing_run_or_digest_is_one_line_and_sends_nothing(
    run_dir, smtp_server, capsys, tmp_path
):
    inbox, address = smtp_server
    err = _fails(
        capsys, ["mail", str(tmp_path / "nosuch"), "--to", "a@example.org", "--smtp", address]
    )
    assert "no such run" in err
    (tmp_path / "old").mkdir()
    err = _fails(
        capsys, ["mail", str(tmp_path / "old"), "--to", "a@example.org", "--smtp", address]
    )
    assert digest.eml_name("en") in err and "no digest" in err
    err = _fails(capsys, ["mail", str(run_dir), "--to", "not an address", "--smtp", address])
    assert "--to" in err
    err = _fails(capsys, ["mail", str(run_dir), "--to", "a@example.org", "--smtp", "host:notaport"])
    assert "HOST:PORT" in err
    assert inbox.received == []


def test_a_run_is_found_by_its_name_under_reports(fixture_run, smtp_server, capsys):
    result, base = fixture_run
    inbox, address = smtp_server
    argv = ["mail", "latest", "--reports", str(base / "reports"), "--to", "a@example.org"]
    assert main([*argv, "--smtp", address]) == 0, capsys.readouterr().err
    assert len(inbox.received) == 1

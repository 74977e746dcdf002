"""Deployment paths: `tandem serve` on gunicorn, the database task worker, translations.

The subprocess tests use their own SQLite file in a temporary directory, whatever
DATABASE_URL the suite runs with, so they never touch a shared database.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG", "TANDEM_ENV")}
    env.update({"TANDEM_VAR_DIR": str(tmp_path / "var"),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}, **extra)
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tandem.web", *args], env=env,
                          cwd=Path(env["TANDEM_VAR_DIR"]).parent, capture_output=True,
                          text=True, timeout=240)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_demo_runs_on_gunicorn(tmp_path: Path) -> None:
    port = _free_port()
    code = (f"import sys; from tandem.web.serve import run; "
            f"sys.exit(run(demo=True, host='127.0.0.1', port={port}))")
    proc = subprocess.Popen([sys.executable, "-c", code], env=_env(tmp_path), cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 90
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as r:
                    body = r.read().decode()
                    headers = r.headers
                break
            except OSError:
                time.sleep(0.5)
        assert "csrfmiddlewaretoken" in body
        assert headers["Server"].startswith("gunicorn")
        assert "Content-Security-Policy" in headers
        css = body.split('href="/static/tandem/', 1)[1].split('"', 1)[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/tandem/{css}") as r:
            assert r.status == 200
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0]
    assert "demo@example.org" in output and "password:" in output
    assert "consultant@example.org" in output  # the portfolio's demo login
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o077 == 0


@pytest.mark.slow
def test_database_task_worker_sends_the_invitations(tmp_path: Path) -> None:
    env = _env(tmp_path, TANDEM_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
               EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")
    (tmp_path / "var").mkdir()
    assert _manage(env, "migrate", "-v", "0").returncode == 0
    enqueue = (
        "from tandem.web.accounts.models import User\n"
        "from tandem.web.organisations.services import organisation_create\n"
        "from tandem.web.scans.models import Invitation\n"
        "from tandem.web.scans.services import *\n"
        "u = User.objects.create_user('o@example.org', password='x' * 12)\n"
        "org = organisation_create(name='Org', owner=u)\n"
        "s = scan_create(organisation=org, title='S', instrument_name='tandem-scan-1')\n"
        "invitation_bulk_create(scan=s, entries=invitation_parse_list(scan=s, "
        "text='a@example.org\\nb@example.org'))\n"
        "s = scan_open(scan=s, actor=u)\n"
        "invitations_send(scan=s, reminder=False)\n"
        "print('queued', Invitation.objects.filter(sent_at__isnull=False).count())\n"
    )
    queued = _manage(env, "shell", "-c", enqueue)
    assert "queued 0" in queued.stdout, queued.stdout + queued.stderr
    worker = _manage(env, "db_worker", "--batch", "--no-startup-delay")
    assert worker.returncode == 0, worker.stderr
    check = _manage(env, "shell", "-c", "from tandem.web.scans.models import Invitation; "
                    "print('sent', Invitation.objects.filter(sent_at__isnull=False).count())")
    assert "sent 2" in check.stdout, check.stdout + check.stderr
    written = "".join(p.read_text() for p in (tmp_path / "var" / "mail").iterdir())
    assert "To: a@example.org" in written and "To: b@example.org" in written

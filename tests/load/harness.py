"""What the tests in tests/load share: the load harness, and a several-server set-up.

The harness itself lives in benchmarks/load (``loadlib``: databases, ``tandem serve``
as a subprocess, the HTTP client; ``run_load``: the load and fault runs); this module
puts it on the path once for every test here. On top of it, the two-server test needs a
throwaway PostgreSQL database on the server that DATABASE_URL names (CI's PostgreSQL,
not a hard-coded one), one environment shared by every app server and the task worker
(as on several machines), and a way to read and write that database in a subprocess
(Django settings are per process, and the test process may be set up for another
database by pytest-django). Run as a script, this file is that subprocess:

    python tests/load/harness.py invite SCAN_ID N   -> invitations, send task queued
    python tests/load/harness.py verify SCAN_ID     -> responses, drafts, invitations
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

LOAD_DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "load"
if str(LOAD_DIR) not in sys.path:
    sys.path.insert(0, str(LOAD_DIR))

import loadlib  # noqa: E402
import run_load  # noqa: E402

__all__ = ["loadlib", "run_load"]

POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql")
#: The host name the simulated reverse proxy passes on (``proxy_set_header Host $host``).
PUBLIC_HOST = "tandem.test"


# ---------------------------------------------------------------- PostgreSQL


def postgres_url() -> str | None:
    """DATABASE_URL if it names PostgreSQL (the suite's second, PostgreSQL run)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    return url if urlsplit(url).scheme in POSTGRES_SCHEMES else None


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(("postgres", parts.netloc, f"/{name}", parts.query, ""))


@contextlib.contextmanager
def throwaway_postgres(server_url: str, label: str) -> Iterator[str]:
    """A new, empty database on ``server_url``'s server, dropped afterwards.

    The name carries the process id and a random part, so neither pytest-django's
    ``test_*`` database nor a parallel xdist worker (or a second CI job on the same
    server) can collide with it.
    """
    import psycopg

    admin = _with_database(server_url, "postgres")  # like Django: the maintenance DB
    name = f"tandem_{label}_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(server_url, name)
    finally:
        with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---------------------------------------------------------------- environment


def cluster_env(database_url: str, workdir: Path, *, conn_max_age: str,
                mail_dir: Path) -> dict[str, str]:
    """The one environment every app server and the worker share (docs/deployment.md).

    loadlib's production settings (TANDEM_ENV=production, DEBUG off, behind a TLS proxy),
    with what several servers must agree on: one SECRET_KEY (the submit ticket a page
    from one server carries is checked by the other), one database, the public host
    name of the proxy rather than each server's own address, the database task
    back-end, and mail written to files so the test can read the links.
    """
    env = loadlib.app_env(database_url, workdir, 0)
    env.update({
        "ALLOWED_HOSTS": f"{PUBLIC_HOST},{loadlib.HOST}",  # the second for health checks
        "CSRF_TRUSTED_ORIGINS": f"https://{PUBLIC_HOST}",
        "TANDEM_BASE_URL": f"https://{PUBLIC_HOST}",
        "DATABASE_CONN_MAX_AGE": conn_max_age,
        "TANDEM_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    })
    return env


def machine_env(env: dict[str, str], machine: Path) -> dict[str, str]:
    """The shared environment with this machine's own local directories."""
    return {**env, "TANDEM_VAR_DIR": str(machine / "var"), "STATIC_ROOT": str(machine / "static")}


def manage(env: dict[str, str], *args: str, timeout: float = 120.0) -> str:
    """``python -m tandem.web ARGS`` (Django's manage.py) with ``env``; its output."""
    out = subprocess.run([sys.executable, "-m", "tandem.web", *args], env=env,
                         capture_output=True, text=True, timeout=timeout, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"tandem.web {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def tool(env: dict[str, str], *args: str) -> Any:
    """This file as a subprocess with ``env``; its JSON answer."""
    out = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"harness {args[0]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


# ---------------------------------------------------------------- in the subprocess


def invite(scan_id: int, n: int) -> dict[str, int]:
    """N invitations to the (open) scan, and their e-mails queued for the task worker."""
    from tandem.web.scans.models import Scan
    from tandem.web.scans.services import (
        InvitationEntry,
        invitation_bulk_create,
        invitations_send,
    )

    scan = Scan.objects.get(pk=scan_id)
    entries = [InvitationEntry(email=f"respondent{i:04d}@example.org", department="")
               for i in range(n)]
    created = invitation_bulk_create(scan=scan, entries=entries).created
    invitations_send(scan=scan, reminder=False)
    return {"created": created}


def verify(scan_id: int) -> dict[str, Any]:
    """Everything stored for the scan, to hold against what the respondents were told."""
    from tandem.web.responses.models import Draft, Response
    from tandem.web.scans.models import Invitation, InvitationToken

    invitations = Invitation.objects.filter(scan_id=scan_id)
    return {
        "responses": [
            {"answers": r.answers, "language": r.language, "form": r.form,
             "status": r.status}
            for r in Response.objects.filter(scan_id=scan_id)
        ],
        "drafts": Draft.objects.filter(scan_id=scan_id).count(),
        "invitations": invitations.count(),
        "invitations_sent": invitations.filter(sent_at__isnull=False).count(),
        "invitations_finished": invitations.filter(finished_at__isnull=False).count(),
        "tokens": InvitationToken.objects.filter(invitation__scan_id=scan_id).count(),
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    command, scan_id = argv[0], int(argv[1])
    if command == "invite":
        result: dict[str, Any] = invite(scan_id, int(argv[2]))
    elif command == "verify":
        result = verify(scan_id)
    else:
        raise SystemExit(f"unknown command {command!r}")
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""``tandem serve``: migrate, collect static files, optionally load the demo, then run
the app on gunicorn (a production-grade WSGI server, not Django's runserver)."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any

from gunicorn.app.base import BaseApplication

SECRET_FILE = "secret_key"  # noqa: S105 # nosec B105 # a file name, not a secret
# Bind addresses shown to the user as "localhost" (binding is the user's choice, not ours).
_LOCAL_BINDS = ("0.0.0.0", "::", "127.0.0.1")  # noqa: S104 # nosec B104


def _prepare_environment(host: str, port: int) -> None:
    """Defaults for a local run: a persistent secret key in ./var, DEBUG off, hosts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tandem.web.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("TANDEM_STATIC_MANIFEST", "1")
    var = Path(os.environ.get("TANDEM_VAR_DIR", "var")).resolve()
    if not os.environ.get("SECRET_KEY"):
        if os.environ.get("TANDEM_ENV") == "production":
            raise SystemExit("SECRET_KEY must be set in production (see docs/deployment.md)")
        var.mkdir(parents=True, exist_ok=True)
        secret = var / SECRET_FILE
        if not secret.exists():
            secret.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            secret.chmod(0o600)
        os.environ["SECRET_KEY"] = secret.read_text(encoding="utf-8").strip()
    shown_host = "localhost" if host in _LOCAL_BINDS else host
    os.environ.setdefault("ALLOWED_HOSTS", ",".join({shown_host, host, "localhost", "127.0.0.1"}))
    os.environ.setdefault("TANDEM_BASE_URL", f"http://{shown_host}:{port}")


def prepare(*, demo: bool, host: str, port: int) -> str | None:
    """Everything before the server starts; returns the login text to print."""
    _prepare_environment(host, port)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if not demo:
        return None
    from django.conf import settings

    from tandem.web.demo import demo_load

    login = demo_load()
    password = login.password
    return (
        f"Demo loaded: organisation {login.organisation.name!r} with a closed and an open scan.\n"
        f"Log in at {settings.TANDEM_BASE_URL}/accounts/login/\n"
        f"  e-mail:   {login.email}\n"
        f"  password: {password}\n"
        f"or as the consultant serving it and two more organisations (the portfolio), also a\n"
        f"researcher (the research pool):\n"
        f"  e-mail:   {login.consultant_email}\n"
        f"  password: {login.consultant_password}\n"
    )


def run(*, demo: bool, host: str, port: int) -> int:
    """Prepare and serve until stopped; returns the process exit code."""
    message = prepare(demo=demo, host=host, port=port)
    if message:
        print(message, flush=True)
    from django.db import connections

    from tandem.web.wsgi import application

    connections.close_all()  # never share the migrate connection with forked workers

    options = {
        "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "workers": int(os.environ.get("WEB_CONCURRENCY", "2")),
        "worker_class": "gthread",
        "threads": int(os.environ.get("GUNICORN_THREADS", "4")),
        "accesslog": "-",
        "timeout": 60,
    }
    print(f"Tandem is running on http://{host}:{port}/ (Ctrl+C stops it)", flush=True)
    try:
        _Server(application, options).run()
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 1
    return 0


class _Server(BaseApplication):  # type: ignore[misc]
    """gunicorn embedded: the WSGI app already loaded, options from :func:`run`."""

    def __init__(self, app: Any, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application


if __name__ == "__main__":
    sys.exit(run(demo="--demo" in sys.argv, host="127.0.0.1", port=8000))

"""Minimal Django settings for the floor: one app, one model, one view, no middleware."""

from __future__ import annotations

import os

import dj_database_url

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "floor-benchmark-only")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["loadfloor"]
MIDDLEWARE: list[str] = []
ROOT_URLCONF = "loadfloor.urls"
USE_TZ = True
DATABASES = {
    "default": dict(dj_database_url.parse(
        os.environ["DATABASE_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0") or 0),
        conn_health_checks=True,
    ))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Exactly what tandem.web.settings uses for SQLite.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
LOGGING = {"version": 1, "disable_existing_loggers": False}

"""Django settings for Tandem, read from the environment (twelve-factor style).

Two modes: development (the default: DEBUG on, console e-mail, SQLite in ./var) and
production (``TANDEM_ENV=production``: DEBUG off, a real SECRET_KEY required, secure
cookies, HSTS, SSL redirect), so that ``manage.py check --deploy`` is clean there.
Every variable is listed in docs/deployment.md.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

# Lets admin/forms classes be subscripted (ModelAdmin[Scan]) at run time for mypy.
django_stubs_ext.monkeypatch()

WEB_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    """A boolean from the environment: 1/true/yes/on or 0/false/no/off."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false)")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


TANDEM_ENV = os.environ.get("TANDEM_ENV", "development").strip().lower()
if TANDEM_ENV not in ("development", "production"):
    raise ImproperlyConfigured(f"TANDEM_ENV={TANDEM_ENV!r}: use 'development' or 'production'")
PRODUCTION = TANDEM_ENV == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when TANDEM_ENV=production")

VAR_DIR = Path(os.environ.get("TANDEM_VAR_DIR", "var")).resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "django-insecure-tandem-development-only-never-use-in-production"  # noqa: S105 # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "tandem.web.accounts",
    "tandem.web.organisations",
    "tandem.web.scans",
    "tandem.web.responses",
    "tandem.web.results",
    "tandem.web.survey",
    "tandem.web.actions",
    "tandem.web.funnel",
    "tandem.web.checklist",
    "tandem.web.mirror",
    "tandem.web.governance",
    "tandem.web.research",
    "tandem.web.api",
    "tandem.web.webhooks",
    "tandem.web.sso",
    "tandem.web.portfolio",
    "ninja",  # its Swagger UI files, served from our static folder (no CDN)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tandem.web.survey.middleware.SurveyLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tandem.web.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "tandem.web.urls"
WSGI_APPLICATION = "tandem.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# ---------------------------------------------------------------- database
_default_db = f"sqlite:///{VAR_DIR / 'tandem.sqlite3'}"
DATABASES: dict[str, dict[str, Any]] = {
    "default": dict(dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    ))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] == str(VAR_DIR / "tandem.sqlite3"):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN, so two concurrent submits queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A database cache works across gunicorn workers (login rate limits must be shared);
# the test runner and `tandem serve` create its table.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tandem_cache",
    }
}

# ---------------------------------------------------------------- accounts
AUTH_USER_MODEL = "accounts.User"
# The password (refused for members whose every organisation switched it off) and single
# sign-on (an organisation's OpenID provider; never a credential of its own):
# tandem.web.sso.backends.
AUTHENTICATION_BACKENDS = [
    "tandem.web.sso.backends.PasswordBackend",
    "tandem.web.sso.backends.SingleSignOnBackend",
]
# Plain-http identity providers on this machine's loopback address: development and the
# tests' provider only (docs/sso.md). Production asks https.
TANDEM_SSO_ALLOW_HTTP = env_bool("TANDEM_SSO_ALLOW_HTTP", not PRODUCTION)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
# Login rate limit: failures per (e-mail) and per (client address) in a window.
# The REST API (tandem.web.api): calls per token per window, and wrong tokens per client
# address per window before every call from there is refused (429).
TANDEM_API_RATE_LIMIT = env_int("TANDEM_API_RATE_LIMIT", 600)
TANDEM_API_RATE_WINDOW_SECONDS = env_int("TANDEM_API_RATE_WINDOW_SECONDS", 60)
TANDEM_API_AUTH_MAX_FAILURES = env_int("TANDEM_API_AUTH_MAX_FAILURES", 20)
TANDEM_API_AUTH_WINDOW_SECONDS = env_int("TANDEM_API_AUTH_WINDOW_SECONDS", 15 * 60)
NINJA_PAGINATION_PER_PAGE = 50
TANDEM_LOGIN_MAX_FAILURES = env_int("TANDEM_LOGIN_MAX_FAILURES", 5)
TANDEM_LOGIN_WINDOW_SECONDS = env_int("TANDEM_LOGIN_WINDOW_SECONDS", 15 * 60)
# Bodies above this are refused (413) before they are read; the largest upload, an
# invitation list, may be 1 MB (docs/deployment.md).
TANDEM_MAX_REQUEST_BYTES = env_int("TANDEM_MAX_REQUEST_BYTES", 2 * 1024 * 1024)
# Except the upload of an answer file (another survey tool's export, and a mapping file):
# a Qualtrics export of a few thousand respondents is several MB.
TANDEM_MAX_IMPORT_BYTES = env_int("TANDEM_MAX_IMPORT_BYTES", 50 * 1024 * 1024)
# How many reverse proxies in front of the app append to X-Forwarded-For: rate limits
# count per client address, which behind a proxy is in that header (docs/deployment.md).
TANDEM_TRUSTED_PROXIES = env_int("TANDEM_TRUSTED_PROXIES",
                                 1 if env_bool("TANDEM_BEHIND_PROXY", False) else 0)

# ---------------------------------------------------------------- i18n
LANGUAGE_CODE = os.environ.get("TANDEM_LANGUAGE", "nl")
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
# Django 6.1's blank choice of a model field (BLANK_CHOICE_LABEL) has no Dutch in Django's
# own catalogue yet: marked here so that makemessages puts it in ours.
BLANK_CHOICE_LABEL = _("- Select an option -")
LOCALE_PATHS = [WEB_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------- static files
STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("TANDEM_STATIC_MANIFEST", PRODUCTION)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# ---------------------------------------------------------------- e-mail
# Django 6.1 mailers. The console back-end prints mails (development); with EMAIL_HOST
# set, or in production, mails go out over SMTP.
_smtp = bool(os.environ.get("EMAIL_HOST")) or PRODUCTION
MAILERS: dict[str, dict[str, Any]] = {
    "default": {
        "BACKEND": os.environ.get(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if _smtp
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 587),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", not env_bool("EMAIL_USE_SSL", False)),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 30),
        }
        if _smtp
        else {},
    }
}
if MAILERS["default"]["BACKEND"].endswith("filebased.EmailBackend"):
    # Mails as files (staging, demos): written to log files in EMAIL_FILE_PATH.
    MAILERS["default"]["OPTIONS"] = {
        "file_path": os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tandem <tandem@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Absolute links in e-mails (invitations) are built on this base, never on the Host header.
TANDEM_BASE_URL = os.environ.get("TANDEM_BASE_URL", "http://localhost:8000").rstrip("/")

# ---------------------------------------------------------------- tasks
# Immediate by default (runs in the request); production uses the database backend of
# the django-tasks-db package with a `db_worker` process (docs/deployment.md).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TANDEM_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
if TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
    INSTALLED_APPS.append("django_tasks_db")

# ---------------------------------------------------------------- security
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A failed check keeps what the person typed and says what to do (tandem.web.views).
CSRF_FAILURE_VIEW = "tandem.web.views.csrf_failure"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SILENCED_SYSTEM_CHECKS: list[str] = []
if env_bool("TANDEM_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if not SECURE_SSL_REDIRECT:
        # The operator terminates TLS in front and redirects there (documented).
        SILENCED_SYSTEM_CHECKS.append("security.W008")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# A refused request (403, 400) is one line without a traceback (tandem.web.logs): on the
# django.request logger itself, and on the handler for django.security's own loggers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_one_line": {"()": "tandem.web.logs.ClientErrorsOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler",
                             "filters": ["client_errors_one_line"]}},
    "loggers": {"django.request": {"filters": ["client_errors_one_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Django's messages + the admin; sessions expire after two weeks of inactivity.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

"""The floor for the load benchmark: a bare Django view that writes one row.

Same gunicorn options as ``tandem serve`` (gthread, WEB_CONCURRENCY x GUNICORN_THREADS),
same database settings (SQLite WAL + IMMEDIATE, or PostgreSQL), no middleware, no
templates: what Django + gunicorn + the database cost for one write per request.
"""

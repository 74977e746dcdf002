"""Serve the floor app on gunicorn with the options ``tandem.web.serve.run`` uses.

Usage: python -m loadfloor.serve HOST PORT   (benchmarks/load on PYTHONPATH)
"""

from __future__ import annotations

import os
import sys


def main() -> int:
    host, port = sys.argv[1], int(sys.argv[2])
    os.environ["DJANGO_SETTINGS_MODULE"] = "loadfloor.settings"
    import django

    django.setup()
    from django.core.wsgi import get_wsgi_application
    from django.db import connection, connections

    from loadfloor.models import Hit

    if Hit._meta.db_table not in connection.introspection.table_names():
        with connection.schema_editor() as editor:
            editor.create_model(Hit)
    connections.close_all()
    from tandem.web.serve import _Server

    options = {  # the same as tandem.web.serve.run
        "bind": f"{host}:{port}",
        "workers": int(os.environ.get("WEB_CONCURRENCY", "2")),
        "worker_class": "gthread",
        "threads": int(os.environ.get("GUNICORN_THREADS", "4")),
        "accesslog": "-",
        "timeout": 60,
    }
    _Server(get_wsgi_application(), options).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())

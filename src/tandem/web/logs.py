"""Logging filters of the web app (named in ``settings.LOGGING``).

A refused request is the client's doing, not a fault of the server: Django logs a
``PermissionDenied`` (403) or a bad request (400) with the exception attached, which a
console handler prints as a traceback of a dozen lines. That buries the tracebacks that
matter (5xx) and makes an ordinary refusal look like a crash, so a 4xx keeps its one
line ("Forbidden (Permission denied): /o/1/edit/") and loses the traceback.
"""

from __future__ import annotations

import logging


class ClientErrorsOneLine(logging.Filter):
    """Drops the traceback of a record about a 4xx response; lets every record through."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True

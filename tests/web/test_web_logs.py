"""A refused request is one log line: a 403 keeps its message, not its traceback."""

from __future__ import annotations

import logging
import sys
import unittest

from django.urls import reverse
from webtest_helpers import World, client_for

from tandem.web.logs import ClientErrorsOneLine


def test_a_403_logs_one_line_without_a_traceback(world: World) -> None:
    url = reverse("organisations:edit", kwargs={"org_id": world.org.pk})
    case = unittest.TestCase()
    with case.assertLogs("django.request", logging.DEBUG) as logs:
        response = client_for(world.viewer).get(url)
    assert response.status_code == 403
    (record,) = logs.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == f"Forbidden (Permission denied): {url}"
    assert record.exc_info is None
    formatted = logging.Formatter().format(record)
    assert "\n" not in formatted and "Traceback" not in formatted


def test_the_console_handler_drops_4xx_tracebacks_and_keeps_5xx_ones() -> None:
    handler = next(h for h in logging.getLogger().handlers
                   if any(isinstance(f, ClientErrorsOneLine) for f in h.filters))
    for status, traceback_kept in ((403, False), (400, False), (500, True)):
        try:
            raise RuntimeError(f"status {status}")
        except RuntimeError:
            record = logging.LogRecord("django.security.DisallowedHost", logging.ERROR, __file__,
                                       1, "refused", (), sys.exc_info())
        record.status_code = status
        assert handler.filter(record)
        assert ("Traceback" in logging.Formatter().format(record)) is traceback_kept

"""Refuse request bodies above ``TANDEM_MAX_REQUEST_BYTES`` before anything reads them.

Django caps form fields in memory (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams a file
upload of any size to a temporary file before a form can refuse it. The largest thing
anyone sends Tandem is an invitation list of at most 1 MB, so a bigger body is refused
from its ``Content-Length`` (a body without one is read as empty by Django). The one
exception is the upload of an answer file (``TANDEM_MAX_IMPORT_BYTES``): another survey
tool's export of a few thousand respondents is several MB.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

#: The answer-file upload (tandem.web.responses.urls: import_upload).
IMPORT_UPLOAD = re.compile(r"^/o/\d+/scans/\d+/import/$")


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit: int = (settings.TANDEM_MAX_IMPORT_BYTES if IMPORT_UPLOAD.match(request.path)
                      else settings.TANDEM_MAX_REQUEST_BYTES)
        if length > limit:
            response = render(request, "413.html", {"limit_mb": limit // (1024 * 1024)},
                              status=413)
            response["Connection"] = "close"  # the unread body is not worth reading
            return response
        return self.get_response(request)

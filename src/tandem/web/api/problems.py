"""RFC 9457 problem details: every error under /api/v1/ is ``application/problem+json``."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse

PROBLEM_TYPE = "application/problem+json"

#: The JSON Schema of a problem, for the OpenAPI document.
PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {}},
    },
}


class Problem(Exception):  # noqa: N818 (it is the problem, not an error class)
    def __init__(self, status: int, title: str, detail: str = "",
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(title)
        self.status, self.title, self.detail = status, title, detail
        self.headers = headers or {}
        self.extra = extra


def problem_response(status: int, title: str, detail: str = "",
                     headers: dict[str, str] | None = None, **extra: Any) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = HttpResponse(json.dumps(body, default=str), status=status,
                            content_type=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


def from_problem(problem: Problem) -> HttpResponse:
    return problem_response(problem.status, problem.title, problem.detail, problem.headers,
                            **problem.extra)

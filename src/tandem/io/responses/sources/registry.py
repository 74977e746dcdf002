"""The tools, in the order they are tried; Tandem's own format is the fallback."""

from __future__ import annotations

from tandem.io.responses.sources import (
    Records,
    Tool,
    google_forms,
    limesurvey,
    ms_forms,
    qualtrics,
    surveymonkey,
    tandem_format,
)

TOOLS: tuple[Tool, ...] = (
    qualtrics.TOOL,
    surveymonkey.TOOL,
    limesurvey.TOOL,
    google_forms.TOOL,
    ms_forms.TOOL,
    tandem_format.TOOL,
)
TANDEM = tandem_format.TOOL
NAMES: tuple[str, ...] = tuple(t.name for t in TOOLS)


def detect(records: Records) -> Tool:
    for tool in TOOLS:
        if tool.detect(records):
            return tool
    return TANDEM


def by_name(name: str) -> Tool:
    for tool in TOOLS:
        if tool.name == name:
            return tool
    raise KeyError(name)

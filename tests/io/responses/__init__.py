"""Tests of :mod:`tandem.io.responses`, one file per module; the shared helpers are here."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tandem.instrument import load_instrument
from tandem.io.responses import read_responses
from tandem.responses import ResponseDataError, ResponseSet

FILES = Path(__file__).parent.parent / "files"
INSTRUMENT = load_instrument()


def write(tmp_path: Path, text: str, name: str = "answers.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def problems_of(path: Path, **kwargs: object) -> ResponseDataError:
    with pytest.raises(ResponseDataError) as info:
        read_responses(path, **kwargs)  # type: ignore[arg-type]
    return info.value


def where(error: ResponseDataError) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in error.problems}


def likert(rs: ResponseSet, item_id: str) -> list[float | None]:
    return [None if math.isnan(v) else v for v in rs.column(item_id)]

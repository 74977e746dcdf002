"""Shared test helpers: build response sets the way the file reader would."""

from __future__ import annotations

import pandas as pd

from tandem.instrument import Instrument, load_instrument
from tandem.responses import ResponseSet


def responses_from_frame(frame: pd.DataFrame, form: str = "full",
                         instrument: Instrument | None = None) -> ResponseSet:
    """A ResponseSet from a wide data frame of string codes (as the demo generator writes),
    of ``instrument`` (default: the default version)."""
    return ResponseSet.from_records(
        instrument or load_instrument(),
        form,
        frame.to_dict(orient="records"),  # type: ignore[arg-type]
    )

"""The questionnaire: typed model, versioned data files, validation and codebook."""

from tandem.instrument.loader import (
    DEFAULT_INSTRUMENT,
    InstrumentError,
    available_instruments,
    find_instrument,
    instrument_for,
    instrument_name,
    load_instrument,
    load_instrument_file,
)
from tandem.instrument.model import DONT_KNOW, Form, Instrument, Item, Option, OptionSet, Scale

__all__ = [
    "DEFAULT_INSTRUMENT",
    "DONT_KNOW",
    "Form",
    "Instrument",
    "InstrumentError",
    "Item",
    "Option",
    "OptionSet",
    "Scale",
    "available_instruments",
    "find_instrument",
    "instrument_for",
    "instrument_name",
    "load_instrument",
    "load_instrument_file",
]

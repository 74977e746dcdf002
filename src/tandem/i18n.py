"""Bilingual text: every user-visible string of the core exists in Dutch and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """One text in both languages."""

    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl

    def as_dict(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en}

    def format(self, **values: object) -> Text:
        return Text(nl=self.nl.format(**values), en=self.en.format(**values))


def plural(n: int, one: Text, many: Text) -> Text:
    """``one`` for exactly one, else ``many``: Dutch and English agree on when."""
    return one if n == 1 else many


def parse_lang(value: str) -> Lang:
    """Validate a language code given by a user."""
    if value not in LANGUAGES:
        raise ValueError(f"unknown language {value!r}: use one of {', '.join(LANGUAGES)}")
    return value

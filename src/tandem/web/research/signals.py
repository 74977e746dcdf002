"""Receivers of research for the apps below it."""

from __future__ import annotations

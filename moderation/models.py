"""Moderation decisions, the term list and the artist registry (the moderation issue adds them here)."""

from __future__ import annotations

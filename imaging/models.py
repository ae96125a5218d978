"""Image jobs and stored images (the imaging issue adds them here)."""

from __future__ import annotations

"""Moderation services: the checks every other app calls, and the staff workflows of the dashboard.

Contract for the other apps: `Stage`, `Verdict`, `prompt_moderate`, `image_moderate`.
"""

from __future__ import annotations

from moderation.models import Stage
from moderation.services.checks import Verdict, image_moderate, prompt_moderate, user_message
from moderation.services.rules import rules_touch

__all__ = ["Stage", "Verdict", "image_moderate", "prompt_moderate", "rules_touch", "user_message"]

"""Moderation services: the checks every other app calls, and the staff workflows of the dashboard.

Contract for the other apps: `Stage`, `Verdict`, `prompt_moderate`, `image_moderate` (with `image_nsfw_score`).
"""

from __future__ import annotations

from moderation.models import Stage
from moderation.services.checks import Verdict, image_moderate, image_nsfw_score, prompt_moderate, user_message
from moderation.services.rules import rules_touch
from moderation.services.staff import (
    audit_record,
    image_review,
    opt_out_decide,
    opt_out_request_create,
    staff_user_reinstate,
    staff_user_set_plan,
    staff_user_suspend,
)

__all__ = [
    "Stage", "Verdict", "audit_record", "image_moderate", "image_nsfw_score", "image_review", "opt_out_decide",
    "opt_out_request_create",
    "prompt_moderate", "rules_touch", "staff_user_reinstate", "staff_user_set_plan", "staff_user_suspend",
    "user_message",
]

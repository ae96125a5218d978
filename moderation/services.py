"""Moderation entry points called by the chat's tool loop, imaging jobs and the API.

PLACEHOLDER until the moderation issue (#7) lands: both checks allow everything and record nothing.
The signatures are the contract the other apps code against; #7 replaces the bodies (term list,
classifier, artist policy, NSFW classifier, decision records).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from chatsite.accounts.models import User


class Stage(models.TextChoices):
    MESSAGE = "message", "user message"
    TOOL_PROMPT = "tool_prompt", "image tool prompt"
    OUTPUT_IMAGE = "output_image", "generated image"
    UPLOAD = "upload", "uploaded image"


@dataclass(frozen=True)
class Verdict:
    """The outcome of a check. When refused, `user_message` names the policy area in plain words."""

    allowed: bool
    categories: tuple[str, ...] = ()
    user_message: str = ""


def prompt_moderate(*, user: User, text: str, stage: Stage) -> Verdict:
    """Check a prompt or message before anything is queued. Must not raise on odd input."""
    return Verdict(allowed=True)


def image_moderate(*, user: User, image: bytes, stage: Stage) -> Verdict:
    """Check image bytes (an output before anyone sees it, or an upload before it is used)."""
    return Verdict(allowed=True)

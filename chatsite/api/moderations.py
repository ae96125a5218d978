"""POST /v1/moderations: OpenAI's response shape, filled by Atelier's own text moderation (`prompt_moderate`: term
lists, the n-gram classifier, the living-artist policy). Text only: image inputs are refused, so that the web
process never loads an image model. Every input is recorded as a moderation decision of the key's owner.
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from chatsite.api.auth import api_user
from chatsite.api.errors import ApiError
from chatsite.api.schemas import error_openapi, error_responses
from moderation.models import Category, Stage
from moderation.services import prompt_moderate

router = Router(tags=["moderations"])

MODERATION_MODEL_ID = "atelier-moderation"
MODEL_ALIASES = frozenset({MODERATION_MODEL_ID, "omni-moderation-latest", "omni-moderation-2024-09-26",
                           "text-moderation-latest", "text-moderation-stable"})
MAX_INPUTS = 32
MAX_CHARS = 32_000
# OpenAI's categories, and the Atelier categories (classifier labels and rule categories) that stand for each.
OPENAI_CATEGORIES: dict[str, tuple[str, ...]] = {
    "harassment": (Category.HARASSMENT,),
    "harassment/threatening": (),
    "hate": (Category.HATE,),
    "hate/threatening": (),
    "illicit": (Category.ILLEGAL,),
    "illicit/violent": (),
    "self-harm": (Category.SELF_HARM,),
    "self-harm/intent": (),
    "self-harm/instructions": (),
    "sexual": (Category.SEXUAL, Category.SEXUAL_MINORS),
    "sexual/minors": (Category.SEXUAL_MINORS,),
    "violence": (Category.VIOLENCE,),
    "violence/graphic": (Category.VIOLENCE,),
    # Atelier's own policy areas, beside OpenAI's: the style of a living artist, and a text mostly in a script its
    # filters cannot read (refused as an image prompt, so flagged here too).
    "living-artist": (Category.LIVING_ARTIST,),
    "unreadable-language": (Category.LANGUAGE,),
}


class TextInput(Schema):
    type: Literal["text"]
    text: str


class ImageUrl(Schema):
    url: str


class ImageInput(Schema):
    type: Literal["image_url"]
    image_url: ImageUrl


class ModerationIn(Schema):
    input: str | list[str] | list[TextInput | ImageInput] = Field(
        ..., description=f"Text, or a list of up to {MAX_INPUTS} texts (or `{{type: text}}` objects)."
    )
    model: str | None = Field(None, description=f"`{MODERATION_MODEL_ID}` (the default; OpenAI's moderation model "
                                                "names are accepted as aliases).")


class ModerationResult(Schema):
    flagged: bool
    categories: dict[str, bool]
    category_scores: dict[str, float]
    category_applied_input_types: dict[str, list[str]]


class ModerationOut(Schema):
    id: str
    model: str
    results: list[ModerationResult]


def _texts(value: str | list[Any]) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    if not items:
        raise ApiError(400, _("Send at least one text to check."), code="invalid_value", param="input")
    if len(items) > MAX_INPUTS:
        raise ApiError(400, _("At most %(most)d inputs per request.") % {"most": MAX_INPUTS}, code="invalid_value",
                       param="input")
    texts = []
    for item in items:
        if isinstance(item, ImageInput):
            raise ApiError(400, _("This endpoint checks text only."), code="invalid_value", param="input")
        text = item.text if isinstance(item, TextInput) else item
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ApiError(400, _("Inputs must be valid Unicode text."), code="invalid_value", param="input") from None
        if len(text) > MAX_CHARS:
            raise ApiError(400, _("Each input is limited to %(most)d characters.") % {"most": MAX_CHARS},
                           code="invalid_value", param="input")
        texts.append(text)
    return texts


def _result(flagged_as: tuple[str, ...], scores: dict[str, Any]) -> ModerationResult:
    probabilities: dict[str, float] = scores.get("classifier", {}) or {}
    categories: dict[str, bool] = {}
    category_scores: dict[str, float] = {}
    for name, atelier in OPENAI_CATEGORIES.items():
        hit = any(c in flagged_as for c in atelier)
        score = max((float(probabilities.get(str(c), 0.0)) for c in atelier), default=0.0)
        categories[name] = hit
        # A rule (term list, artist list) flags with certainty; the classifier's probability otherwise.
        category_scores[name] = 1.0 if hit and score < 0.5 else round(score, 6)
    return ModerationResult(
        flagged=bool(flagged_as), categories=categories, category_scores=category_scores,
        category_applied_input_types={name: ["text"] if categories[name] else [] for name in categories},
    )


@router.post("", response={200: ModerationOut, **error_responses(400, 401, 404)},
             summary="Classify texts against the content policy", operation_id="createModeration",
             openapi_extra=error_openapi(400, 401, 404))
def moderation_create(request: HttpRequest, body: ModerationIn) -> ModerationOut:
    user = api_user(request)
    if body.model is not None and body.model not in MODEL_ALIASES:
        raise ApiError(404, _("The model '%(model)s' does not exist.") % {"model": body.model[:100]},
                       code="model_not_found", param="model")
    results = []
    for text in _texts(body.input):
        verdict = prompt_moderate(user=user, text=text, stage=Stage.MESSAGE)
        results.append(_result(() if verdict.allowed else verdict.categories, verdict.scores))
    return ModerationOut(id=f"modr-{uuid.uuid4().hex}", model=MODERATION_MODEL_ID, results=results)

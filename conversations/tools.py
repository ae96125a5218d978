"""The image tools the model may call, as typed functions in a registry.

Each tool's JSON schema is derived from its signature (pydantic), and every call's arguments are
validated against it before anything runs. The acting user and conversation come from the
`ToolContext` the chat builds from the session, never from the model's arguments, so a prompt
injection cannot act for another user or skip moderation and quotas (`image_job_create` does both).
"""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import pydantic
from django.utils.translation import gettext as _
from pydantic import ConfigDict, Field

from chatsite.accounts.models import User
from conversations.llm.base import ToolSpec
from conversations.models import Conversation

Size = Literal["256x256", "512x512", "1024x1024"]
Prompt = Annotated[str, Field(min_length=1, max_length=1000, description="What the image shows, in words.")]


@dataclass(frozen=True)
class ToolContext:
    user: User
    # The chat's conversation; None for the API's stateless completions.
    conversation: Conversation | None
    # The composer's image options; when the user set one, it wins over the model's argument.
    options: dict[str, Any] = field(default_factory=dict)
    # Without a conversation: ids of the user's images the request refers to, oldest first (what edit_image
    # edits by default).
    images: tuple[str, ...] = ()


@dataclass(frozen=True)
class ToolResult:
    """What goes back to the model as the tool message. `user_error` ends the turn with `content`
    shown to the user as the assistant's words (quota, policy, busy); other errors let the model retry."""

    content: dict[str, Any]
    ok: bool = True
    user_error: bool = False

    def as_text(self) -> str:
        return json.dumps(self.content, ensure_ascii=False)


def _size_px(size: str | None) -> int | None:
    return int(size.split("x")[0]) if size else None


def _with_options(ctx: ToolContext, **arguments: Any) -> dict[str, Any]:
    merged = dict(arguments)
    for key in ("size", "n", "seed", "negative_prompt"):
        if ctx.options.get(key) not in (None, ""):
            merged[key] = ctx.options[key]
    return merged


def _run_job(ctx: ToolContext, **kwargs: Any) -> ToolResult:
    from imaging.errors import ImagingError
    from imaging.services import image_job_create

    try:
        job = image_job_create(user=ctx.user, conversation=ctx.conversation, **kwargs)
    except ImagingError as exc:
        # Quota, content policy and a busy queue are the user's business: say it in plain words.
        user_error = exc.code in ("quota_exceeded", "content_policy", "queue_busy")
        return ToolResult({"error": exc.code, "message": str(exc)}, ok=False, user_error=user_error)
    return ToolResult({"status": "queued", "job_id": str(job.pk), "prompt": job.prompt})


def _edit_size(width: int, plan_max: int) -> int:
    """The allowed size nearest to the source image's (an upload may be any size), within the plan."""
    from django.conf import settings

    allowed = [size for size in settings.IMAGE_SIZES if size <= plan_max] or [min(settings.IMAGE_SIZES)]
    return min(allowed, key=lambda size: (abs(size - width), size))


def generate_image(
    ctx: ToolContext,
    prompt: Prompt,
    size: Size | None = None,
    n: Annotated[int, Field(ge=1, le=4)] | None = None,
    negative_prompt: Annotated[str, Field(max_length=1000)] = "",
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] | None = None,
) -> ToolResult:
    """Create new images from a text description.

    Only the first paragraph of a tool's docstring is shown to the model (see `Tool`)."""
    args = _with_options(ctx, size=size, n=n, negative_prompt=negative_prompt, seed=seed)
    return _run_job(
        ctx,
        prompt=prompt,
        # Without a size from the model or the composer: 512 px, or the plan's largest if smaller.
        size=_size_px(args["size"]) or min(512, ctx.user.plan.max_size),
        n=args["n"] or 1,
        negative_prompt=args["negative_prompt"] or "",
        seed=args["seed"],
    )


def edit_image(
    ctx: ToolContext,
    prompt: Prompt,
    image_id: Annotated[str, Field(max_length=64)] | None = None,
    negative_prompt: Annotated[str, Field(max_length=1000)] = "",
    seed: Annotated[int, Field(ge=0, le=2**32 - 1)] | None = None,
) -> ToolResult:
    """Change an earlier image (by default the latest one).

    For follow-ups such as "make it blue" or "add a hat": `prompt` describes the result; `image_id` defaults to
    the most recent image of this conversation, and only an image of this conversation can be edited."""
    from imaging.errors import ImagingError
    from imaging.models import Image, ModerationState
    from imaging.selectors import image_get_for_user, image_list_for_conversation

    source: Image | None = None
    try:
        if ctx.conversation is None:
            # The API: the given image, else the latest one the request refers to; the owner's only.
            wanted = image_id or (ctx.images[-1] if ctx.images else None)
            candidate = image_get_for_user(user=ctx.user, image_id=wanted) if wanted else None
            source = candidate if candidate is not None and candidate.owner_id == ctx.user.pk else None
        elif image_id:
            candidate = image_get_for_user(user=ctx.user, image_id=image_id)
            # Only images of this very conversation may be edited from it.
            source = candidate if candidate.conversation_id == ctx.conversation.pk else None
        else:
            hidden = [ModerationState.WITHHELD, ModerationState.REJECTED]
            source = (
                image_list_for_conversation(conversation=ctx.conversation)
                .exclude(moderation_state__in=hidden)
                .order_by("-created_at", "-index")
                .first()
            )
    except (ImagingError, ValueError):
        source = None
    if source is None:
        message = _("There is no finished image in this conversation to edit yet.")
        return ToolResult({"error": "not_found", "message": message}, ok=False)
    args = _with_options(ctx, negative_prompt=negative_prompt, seed=seed)
    return _run_job(
        ctx,
        prompt=prompt,
        size=_edit_size(source.width, ctx.user.plan.max_size),
        n=1,
        negative_prompt=args["negative_prompt"] or "",
        seed=args["seed"],
        source_image=source,
        mode="edit",
    )


class Tool:
    """A registered tool: its name, docstring, argument model (for schema and validation) and function."""

    def __init__(self, fn: Callable[..., ToolResult]) -> None:
        self.fn = fn
        self.name = fn.__name__
        # The model sees the docstring's first paragraph. For the default chat model it must match
        # `conversations.llm.tools_spec`, the specs its adapter was trained on (a test checks it).
        self.description = (inspect.getdoc(fn) or "").split("\n\n")[0].strip()
        hints = typing.get_type_hints(fn, include_extras=True)
        fields: dict[str, Any] = {}
        for param in list(inspect.signature(fn).parameters.values())[1:]:  # the first is the context
            default = ... if param.default is inspect.Parameter.empty else param.default
            fields[param.name] = (hints[param.name], default)
        self.arguments_model = pydantic.create_model(
            f"{self.name}_arguments", __config__=ConfigDict(extra="forbid", strict=False), **fields
        )

    @property
    def spec(self) -> ToolSpec:
        schema = self.arguments_model.model_json_schema()
        schema.pop("title", None)
        for prop in schema.get("properties", {}).values():
            prop.pop("title", None)
        return ToolSpec(name=self.name, description=self.description, parameters=schema)

    def call(self, ctx: ToolContext, raw_arguments: str) -> ToolResult:
        """Validate the model's JSON arguments, then run. Invalid arguments come back as a tool error."""
        try:
            parsed = json.loads(raw_arguments or "{}")
            if not isinstance(parsed, dict):
                raise ValueError("arguments must be a JSON object")
            arguments = self.arguments_model.model_validate(parsed)
        except (ValueError, pydantic.ValidationError) as exc:
            detail = exc.errors(include_url=False) if isinstance(exc, pydantic.ValidationError) else str(exc)
            return ToolResult(
                {"error": "invalid_arguments", "detail": json.loads(json.dumps(detail, default=str))}, ok=False
            )
        return self.fn(ctx, **arguments.model_dump())


REGISTRY: dict[str, Tool] = {tool.name: tool for tool in (Tool(generate_image), Tool(edit_image))}


def tool_specs() -> list[ToolSpec]:
    return [tool.spec for tool in REGISTRY.values()]


def tool_call(ctx: ToolContext, name: str, raw_arguments: str) -> ToolResult:
    tool = REGISTRY.get(name)
    if tool is None:
        return ToolResult(
            {"error": "unknown_tool", "detail": f"no tool named {name!r}", "tools": sorted(REGISTRY)}, ok=False
        )
    return tool.call(ctx, raw_arguments)

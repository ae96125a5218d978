"""The image tools as the default chat model sees them, free of Django, for its training script
(`train_tools.py`). The chat offers the registry's specs (`conversations.tools.tool_specs()`, derived from the
tools' signatures), and so does `eval_tool_decisions`; a test checks that both render the same system prompt, so
the adapter is trained on what users' conversations show it."""

from __future__ import annotations

from conversations.llm.base import ToolSpec

# Square sizes as the OpenAI images API names them; mirrors `chatsite.accounts.models.ImageSize`
# (kept literal here because model code stays free of Django).
IMAGE_SIZES = ["256x256", "512x512", "1024x1024"]
MAX_IMAGES_PER_CALL = 4

GENERATE_IMAGE = ToolSpec(
    name="generate_image",
    description="Create new images from a text description.",
    parameters={
        "type": "object",
        "properties": {
            "prompt": {"type": "string", "minLength": 1, "description": "What the image shows."},
            "size": {"type": "string", "enum": IMAGE_SIZES},
            "n": {"type": "integer", "minimum": 1, "maximum": MAX_IMAGES_PER_CALL},
            "negative_prompt": {"type": "string", "description": "What the image must not show."},
            "seed": {"type": "integer", "minimum": 0},
        },
        "required": ["prompt"],
        "additionalProperties": False,
    },
)

EDIT_IMAGE = ToolSpec(
    name="edit_image",
    description="Change an earlier image (by default the latest one).",
    parameters={
        "type": "object",
        "properties": {
            "prompt": {"type": "string", "minLength": 1, "description": "The whole edited image, described."},
            "image_id": {"type": "string", "description": "An image id from an earlier tool result."},
            "negative_prompt": {"type": "string", "description": "What the image must not show."},
            "seed": {"type": "integer", "minimum": 0},
        },
        "required": ["prompt"],
        "additionalProperties": False,
    },
)

IMAGE_TOOLS: list[ToolSpec] = [GENERATE_IMAGE, EDIT_IMAGE]

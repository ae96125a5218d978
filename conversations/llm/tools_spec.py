"""The image tools the chat offers the model. The tool loop and `eval_tool_decisions` use these very specs,
so what the model is evaluated on is what it sees in the chat."""

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
        },
        "required": ["prompt"],
        "additionalProperties": False,
    },
)

IMAGE_TOOLS: list[ToolSpec] = [GENERATE_IMAGE, EDIT_IMAGE]

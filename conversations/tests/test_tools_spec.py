"""The default chat model is shown, in the chat, the very tool descriptions its adapter was trained on."""

from __future__ import annotations

from conversations.llm.local import render_plain_messages
from conversations.llm.tools_spec import IMAGE_TOOLS
from conversations.tools import tool_specs


def test_the_chat_shows_the_model_the_tools_its_adapter_was_trained_on() -> None:
    messages = [{"role": "user", "content": "draw a cat"}]

    in_the_chat = render_plain_messages(messages, tool_specs())
    in_training = render_plain_messages(messages, IMAGE_TOOLS)

    assert in_the_chat == in_training
    assert [t.name for t in tool_specs()] == [t.name for t in IMAGE_TOOLS]


def test_a_tool_description_is_its_docstring_s_first_paragraph() -> None:
    descriptions = {t.name: t.description for t in tool_specs()}

    assert descriptions["edit_image"] == "Change an earlier image (by default the latest one)."

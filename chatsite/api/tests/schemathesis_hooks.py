"""Schemathesis hooks of the API's fuzz test (loaded through SCHEMATHESIS_HOOKS by the `st` subprocess).

A chat completion's `model` is free text in OpenAI's schema, so the fuzzer almost never names `atelier-chat` and
nearly every request would stop at the 404 for an unknown model. Naming the model (when the generated value is a
string the schema accepts, so a case that breaks the schema elsewhere still does) takes the requests on to
validation, moderation and the llm worker. Unknown models have their own tests.
"""

from __future__ import annotations

from typing import Any

import schemathesis

CHAT_PATH = "/v1/chat/completions"


@schemathesis.hook
def before_call(context: schemathesis.HookContext, case: schemathesis.Case, kwargs: dict[str, Any]) -> None:
    body = case.body
    if case.operation.path != CHAT_PATH or not isinstance(body, dict):
        return
    model = body.get("model")
    if isinstance(model, str) and 1 <= len(model) <= 100:
        body["model"] = "atelier-chat"

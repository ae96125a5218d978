"""Stateless chat completions for the developer API (`POST /v1/chat/completions`).

`request` validates OpenAI's parameters; `engine` runs the chat's tool loop over the caller's messages in the
llm worker; `relay` (web process, async) hands a request to the worker and turns what it publishes into OpenAI's
chat completion objects and stream chunks.
"""

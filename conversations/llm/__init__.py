"""Language-model backends of the chat. Free of Django models; loaded only in Celery workers.

`base.py` is the contract: a backend streams `TextDelta`s and `ToolCall`s for OpenAI-format messages.
"""

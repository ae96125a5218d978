"""The OpenAI-compatible developer API under /v1/ (django-ninja): bearer API keys, OpenAI's error shape,
images, moderations, models and chat completions. Interfaces only: every endpoint calls the apps' services."""

"""The developer API's documentation page (/v1/docs): public, in the visitor's language, with examples that
name this server's own address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chatsite.api.catalog import CHAT_MODEL_ID, IMAGE_MODEL_ID


def api_docs(request: HttpRequest) -> HttpResponse:
    base_url = request.build_absolute_uri("/v1")
    return render(request, "api/docs.html", {
        "base_url": base_url, "image_model": IMAGE_MODEL_ID, "chat_model": CHAT_MODEL_ID,
    })

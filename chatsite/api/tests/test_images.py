"""Images endpoints without a worker: signed URLs, multipart parsing, the OpenAPI description."""

from __future__ import annotations

from typing import Any, cast

import pytest
import time_machine
from django.test import Client, RequestFactory

from chatsite.accounts.models import User
from chatsite.accounts.services import api_key_create
from chatsite.api.images import signed_image_url
from chatsite.api.tests.conftest import png_bytes
from imaging.models import Image, ImageJob, ModerationState
from imaging.tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_a_signed_url_serves_the_image_without_credentials(user: User) -> None:
    image = ImageFactory.create(owner=user)
    url = signed_image_url(RequestFactory().get("/"), image)
    response = Client().get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(cast(Any, response).streaming_content).startswith(b"\x89PNG")


def test_an_expired_image_url_is_refused(user: User) -> None:
    image = ImageFactory.create(owner=user)
    with time_machine.travel("2026-01-01 12:00:00+00:00", tick=False):
        url = signed_image_url(RequestFactory().get("/"), image)
    with time_machine.travel("2026-01-01 12:59:00+00:00", tick=False):
        assert Client().get(url.removeprefix("http://testserver")).status_code == 200
    with time_machine.travel("2026-01-01 13:00:30+00:00", tick=False):
        response = Client().get(url.removeprefix("http://testserver"))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "url_expired"


def test_a_withheld_image_is_not_served_even_with_a_valid_url(user: User) -> None:
    image = ImageFactory.create(owner=user)
    url = signed_image_url(RequestFactory().get("/"), image)
    Image.objects.filter(pk=image.pk).update(moderation_state=ModerationState.WITHHELD)
    assert Client().get(url.removeprefix("http://testserver")).status_code == 404


def test_an_edit_sent_as_json_is_a_400(client: Client, user: User) -> None:
    key = api_key_create(user=user, name="k").raw
    response = client.post("/v1/images/edits", data={"prompt": "x"}, content_type="application/json",
                           headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_an_edit_without_image_names_the_missing_param(client: Client, user: User) -> None:
    key = api_key_create(user=user, name="k").raw
    response = client.post("/v1/images/edits", data={"prompt": "x"}, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "image"


def test_an_upload_that_is_not_an_image_is_a_400_and_stores_nothing(client: Client, user: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    key = api_key_create(user=user, name="k").raw
    response = client.post("/v1/images/variations", data={"image": SimpleUploadedFile("a.png", b"not an image")},
                           headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_image"
    assert not Image.objects.exists()


def test_a_mask_of_another_size_is_refused(client: Client, user: User) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chatsite.api.tests.conftest import half_transparent_mask

    key = api_key_create(user=user, name="k").raw
    response = client.post("/v1/images/edits", data={
        "image": SimpleUploadedFile("a.png", png_bytes(64)),
        "mask": SimpleUploadedFile("m.png", half_transparent_mask(32)), "prompt": "a sun"},
        headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 400
    assert response.json()["error"]["param"] == "mask"
    assert not ImageJob.objects.exists() and not Image.objects.exists()


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"prompt": "a\\u0000b"}', b'{"prompt": "\\ud800"}',
                                  b'{"prompt": 5}', b'{"prompt": "x", "n": "many"}'])
def test_malformed_generation_bodies_are_400(client: Client, user: User, body: bytes) -> None:
    key = api_key_create(user=user, name="k").raw
    response = client.post("/v1/images/generations", data=body, content_type="application/json",
                           headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 400, response.content
    assert set(response.json()["error"]) == {"message", "type", "param", "code"}
    assert not ImageJob.objects.exists()


def test_the_openapi_document_describes_the_images_endpoints(client: Client) -> None:
    document = client.get("/v1/openapi.json").json()
    paths = document["paths"]
    generate = paths["/v1/images/generations"]["post"]
    assert {"200", "400", "401", "413", "429"} <= set(generate["responses"])
    assert "text/event-stream" in generate["responses"]["200"]["content"]
    edit_body = paths["/v1/images/edits"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert {"image", "mask", "prompt", "n", "size", "response_format"} <= set(edit_body["properties"])
    assert {"image", "prompt"} <= set(edit_body["required"])
    assert "mask" not in paths["/v1/images/variations"]["post"]["requestBody"]["content"]["multipart/form-data"][
        "schema"]["properties"]
    assert "security" not in document  # each operation names its own: the signed file URL needs no key
    assert "security" not in paths["/v1/images/files/{token}"]["get"]
    assert generate["security"] == [{"ApiKeyAuth": []}]

"""The models the API offers, by public id: GET /v1/models and GET /v1/models/{model}. Ids are stable names,
never the server's paths or weights (IMAGE_MODEL may be a folder)."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from chatsite.api.errors import ApiError
from chatsite.api.schemas import error_openapi, error_responses

IMAGE_MODEL_ID = "atelier-image"
CHAT_MODEL_ID = "atelier-chat"
MODEL_IDS = (IMAGE_MODEL_ID, CHAT_MODEL_ID)
# A fixed creation time (Atelier 0.1): the ids stay the same whatever weights are loaded.
CREATED = 1_764_547_200
OWNER = "atelier"

router = Router(tags=["models"])


class ModelOut(Schema):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str


class ModelListOut(Schema):
    object: Literal["list"] = "list"
    data: list[ModelOut]


def model_out(model_id: str) -> ModelOut:
    return ModelOut(id=model_id, created=CREATED, owned_by=OWNER)


@router.get("", response={200: ModelListOut, **error_responses(401)}, summary="List models",
            operation_id="listModels", openapi_extra=error_openapi(401))
def model_list(request: HttpRequest) -> ModelListOut:
    """The image model (images endpoints) and the chat model (chat completions)."""
    return ModelListOut(data=[model_out(model_id) for model_id in MODEL_IDS])


@router.get("/{model}", response={200: ModelOut, **error_responses(401, 404)}, summary="Retrieve a model",
            operation_id="retrieveModel", openapi_extra=error_openapi(401, 404))
def model_detail(request: HttpRequest, model: str) -> ModelOut:
    if model not in MODEL_IDS:
        raise ApiError(404, _("The model '%(model)s' does not exist.") % {"model": model[:100]},
                       code="model_not_found", param="model")
    return model_out(model)

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chatsite.accounts.auth import authenticated_user
from chatsite.accounts.models import ImageSize
from chatsite.accounts.quotas import quota_status
from conversations.errors import ConversationNotFound, InvalidMessage
from conversations.models import MAX_MESSAGE_CHARS, Conversation
from conversations.selectors import conversation_get_for_user, conversation_list_for_user, message_list
from conversations.services import (
    conversation_create,
    conversation_delete,
    conversation_rename,
    conversation_start,
)


def _own(request: HttpRequest, conversation_id: uuid.UUID) -> Conversation:
    try:
        return conversation_get_for_user(user=authenticated_user(request), conversation_id=conversation_id)
    except ConversationNotFound:
        raise Http404 from None


@login_required
def chat(request: HttpRequest, conversation_id: uuid.UUID | None = None) -> HttpResponse:
    user = authenticated_user(request)
    conversation = _own(request, conversation_id) if conversation_id else None
    sizes = [size for size in ImageSize if size.value <= user.plan.max_size]
    context = {
        "quota": quota_status(user=user),
        "chat_strings": {
            "disconnected": _("Connection lost. Reconnecting…"),
            "empty": _("The message is empty."),
            "thinking": _("The assistant is writing…"),
            "making_image": _("Making your image…"),
            "failed": _("The assistant could not answer. Please try again."),
            "quota_left": _("%(remaining)s of %(limit)s images left today · resets at %(time)s"),
        },
        "image_sizes": [(f"{s.value}x{s.value}", s.label) for s in sizes],
        "image_counts": range(1, user.plan.max_images_per_request + 1),
        "conversations": conversation_list_for_user(user=user)[:200],
        "conversation": conversation,
        "messages": message_list(conversation=conversation) if conversation else [],
        "max_message_chars": MAX_MESSAGE_CHARS,
    }
    return render(request, "conversations/chat.html", context)


def _form_options(request: HttpRequest) -> dict[str, object]:
    """The composer's image options when the page posts without JavaScript (the service re-checks them)."""
    options: dict[str, object] = {"size": request.POST.get("size", ""),
                                  "negative_prompt": request.POST.get("negative_prompt", "")}
    for key in ("n", "seed"):
        value = request.POST.get(key, "")
        if value.isdigit():
            options[key] = int(value)
    return options


@login_required
@require_POST
def new(request: HttpRequest) -> HttpResponse:
    """The sidebar's "New conversation" button, or the first message typed on the empty chat page."""
    if "text" not in request.POST:
        conversation = conversation_create(user=authenticated_user(request))
        return redirect("conversations:conversation", conversation_id=conversation.pk)
    try:
        conversation = conversation_start(
            user=authenticated_user(request), text=request.POST["text"], options=_form_options(request)
        )
    except InvalidMessage as exc:
        messages.error(request, str(exc))
        return redirect("conversations:chat")
    return redirect("conversations:conversation", conversation_id=conversation.pk)


@login_required
@require_POST
def rename(request: HttpRequest, conversation_id: uuid.UUID) -> HttpResponse:
    conversation = _own(request, conversation_id)
    conversation_rename(conversation=conversation, title=request.POST.get("title", ""))
    return redirect("conversations:conversation", conversation_id=conversation.pk)


@login_required
@require_POST
def delete(request: HttpRequest, conversation_id: uuid.UUID) -> HttpResponse:
    conversation_delete(conversation=_own(request, conversation_id))
    return redirect("conversations:chat")

"""Entry points of a chat completion: `completion_check` (web process, before anything is queued) and
`completion_execute` (llm worker, from the task's plain JSON)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pydantic
from celery.exceptions import SoftTimeLimitExceeded
from django.utils.translation import gettext as _

from chatsite.accounts.models import User
from conversations.completions.engine import CompletionSink, completion_run
from conversations.completions.request import ChatCompletionRequest, last_user_text
from conversations.errors import CompletionRefused
from conversations.llm.base import BackendError, ChatBackend

logger = logging.getLogger(__name__)


def completion_check(*, user: User, request: ChatCompletionRequest) -> None:
    """Moderate the latest user message like a chat message (the decision is recorded). Raises
    CompletionRefused with the policy area in plain words. Every image prompt the model writes later is checked
    again before anything is queued."""
    from moderation.services import Stage, prompt_moderate

    text = last_user_text(request)
    if not text.strip():
        return
    verdict = prompt_moderate(user=user, text=text, stage=Stage.MESSAGE)
    if not verdict.allowed:
        raise CompletionRefused(verdict.user_message or _("This request goes against the content policy."))


def completion_execute(
    *,
    user_id: int,
    request: dict[str, Any],
    sink: CompletionSink,
    backend: Callable[[], ChatBackend],
    should_stop: Callable[[], bool],
) -> None:
    """Run a queued completion. Always ends the sink with `done` or `error`, unless the web side already gave
    up (then nothing runs)."""
    if should_stop():
        return
    try:
        user = User.objects.select_related("plan").filter(pk=user_id, is_active=True).first()
        if user is None:
            sink.error(_("The API key's owner no longer exists or was suspended."))
            return
        parsed = ChatCompletionRequest.model_validate(request)
        completion_run(user=user, request=parsed, backend=backend(), sink=sink, should_stop=should_stop)
    except BackendError as exc:  # the model could not be loaded
        logger.warning("chat completion failed: %s", exc)
        sink.error(str(exc))
    except SoftTimeLimitExceeded:
        sink.error(_("The assistant did not answer in time."))
    except pydantic.ValidationError:  # the web side validated it: only a version skew gets here
        logger.exception("a queued chat completion did not validate")
        sink.error(_("The request could not be read."))
    except Exception:
        logger.exception("chat completion failed")
        sink.error(_("The assistant could not answer."))
        raise

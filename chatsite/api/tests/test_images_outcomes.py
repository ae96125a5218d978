"""How an images request ends when its job does not succeed: withheld by output moderation, failed in the worker,
or not finished in time. Each answers in OpenAI's shape and leaves nothing charged or
running. Each test starts its own server (and worker) with the settings that provoke the outcome."""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

from chatsite.accounts.models import DailyUsage, User
from chatsite.accounts.services import api_key_create
from chatsite.accounts.tests.factories import UserFactory
from chatsite.api.tests.conftest import WORKER_ENV, openai_client, running_daphne
from conftest import running_celery_worker
from imaging.models import ImageJob, JobStatus, ModerationState

pytestmark = [pytest.mark.slow]


@pytest.fixture
def account(transactional_db: None) -> tuple[User, str]:
    user = UserFactory.create(plan="paid")
    return user, api_key_create(user=user, name="tests").raw


def used_today(user: User) -> int:
    return sum(DailyUsage.objects.filter(user=user).values_list("used", flat=True))


def test_an_image_withheld_by_output_moderation_is_refused_and_refunded(account: tuple[User, str],
                                                                         tmp_path: Path) -> None:
    user, key = account
    with running_daphne(tmp_path / "daphne.log") as url, running_celery_worker(
        tmp_path / "worker.log", {**WORKER_ENV, "MODERATION_NSFW_THRESHOLD": "0"}
    ):
        with pytest.raises(openai.BadRequestError) as caught:
            openai_client(url, key).images.generate(prompt="a bowl of fruit", size="256x256")
    assert caught.value.code == "content_policy_violation"
    job = ImageJob.objects.get(user=user)
    assert job.status == JobStatus.BLOCKED
    assert job.images.get().moderation_state == ModerationState.WITHHELD
    assert used_today(user) == 0


def test_a_job_that_fails_in_the_worker_is_a_server_error_and_refunded(account: tuple[User, str],
                                                                        tmp_path: Path) -> None:
    user, key = account
    with running_daphne(tmp_path / "daphne.log") as url, running_celery_worker(
        tmp_path / "worker.log", {**WORKER_ENV, "IMAGE_MODEL": str(tmp_path / "no-such-model")}
    ):
        with pytest.raises(openai.InternalServerError) as caught:
            openai_client(url, key).images.generate(prompt="a bowl of fruit", size="256x256")
    assert caught.value.status_code == 500
    assert caught.value.type == "server_error"
    assert caught.value.code == "internal_error"
    assert ImageJob.objects.get(user=user).status == JobStatus.FAILED
    assert used_today(user) == 0


def test_a_job_not_finished_in_time_is_cancelled_and_refunded(account: tuple[User, str], tmp_path: Path) -> None:
    user, key = account
    with running_daphne(tmp_path / "daphne.log", {"API_IMAGE_WAIT_SECONDS": "1"}) as url:  # no worker: it waits
        with pytest.raises(openai.APIStatusError) as caught:
            openai_client(url, key).images.generate(prompt="a bowl of fruit", size="256x256")
    assert caught.value.status_code == 504
    assert caught.value.code == "timeout"
    assert ImageJob.objects.get(user=user).status == JobStatus.CANCELLED
    assert used_today(user) == 0


from __future__ import annotations

from typing import Any

import factory

from chatsite.accounts.models import Plan, User

PASSWORD = "correct-horse-battery-staple"


def ensure_plans() -> None:
    """The seed migrations' plans and prices; transactional tests flush tables, so recreate them when absent."""
    from importlib import import_module

    from chatsite.accounts.models import ImagePrice

    seed = import_module("chatsite.accounts.migrations.0002_seed_plans")
    for values in seed.PLANS:
        Plan.objects.get_or_create(slug=values["slug"], defaults=values)
    prices = import_module("chatsite.accounts.migrations.0005_seed_prices")
    for size, usd in prices.PRICES.items():
        ImagePrice.objects.get_or_create(size=size, defaults={"usd": usd})


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        ensure_plans()
        plan = kwargs.pop("plan", None)
        if isinstance(plan, str):
            plan = Plan.objects.get(slug=plan)
        user = model_class(**kwargs)
        if plan is not None:
            user.plan = plan
        user.save()
        return user

    @factory.post_generation
    def _save_password(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            obj.save(update_fields=["password"])

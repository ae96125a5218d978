"""`manage.py create_account EMAIL --password PW [--plan free|paid] [--staff] [--api-key]`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from chatsite.accounts.errors import AccountError
from chatsite.accounts.services import api_key_create, user_upsert


class Command(BaseCommand):
    help = "Create an account or update an existing one; --api-key prints a new API key on the last line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--password", required=True)
        parser.add_argument("--plan", choices=["free", "paid"], default=None)
        parser.add_argument("--staff", action="store_true", help="Give access to the admin and moderation pages.")
        parser.add_argument("--api-key", action="store_true", help="Create an API key and print it last.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user, created = user_upsert(
                email=options["email"],
                password=options["password"],
                plan_slug=options["plan"],
                is_staff=True if options["staff"] else None,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except AccountError as exc:
            raise CommandError(str(exc)) from exc
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {user.email} (plan {user.plan.slug}{', staff' if user.is_staff else ''})")
        if options["api_key"]:
            new = api_key_create(user=user, name="create_account")
            self.stdout.write(new.raw)

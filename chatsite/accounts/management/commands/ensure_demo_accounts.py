"""Create the demo and staff accounts of the embedded setup, once; print their passwords that one time."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand

from chatsite.accounts.selectors import user_get_by_email
from chatsite.accounts.services import user_create

ACCOUNTS = [("demo@atelier.local", False), ("staff@atelier.local", True)]


class Command(BaseCommand):
    help = "Create demo@atelier.local and staff@atelier.local if they do not exist, printing their passwords."

    def handle(self, *args: Any, **options: Any) -> None:
        for email, is_staff in ACCOUNTS:
            if user_get_by_email(email=email) is not None:
                self.stdout.write(f"  {email} exists (its password was printed when it was created)")
                continue
            password = secrets.token_urlsafe(12)
            user = user_create(email=email, password=password, is_staff=is_staff)
            if is_staff:
                user.is_superuser = True
                user.save(update_fields=["is_superuser"])
            role = "staff (admin and moderation)" if is_staff else "demo"
            self.stdout.write(self.style.SUCCESS(f"  {role} account: {email}  password: {password}"))

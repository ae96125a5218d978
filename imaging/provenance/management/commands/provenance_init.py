"""`manage.py provenance_init`: create the development CA and ES256 signing certificate (idempotent)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from imaging.provenance.credentials import missing_credentials, provenance_credentials_ensure, uses_dev_ca


class Command(BaseCommand):
    help = "Create a local development CA and a signing certificate it issues, under PROVENANCE_DIR, once."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.PROVENANCE_SIGNING:
            self.stdout.write("Provenance signing is off (PROVENANCE_SIGNING=false): nothing to do.")
            return
        if not uses_dev_ca():
            if missing_credentials():
                raise CommandError("The configured provenance certificate or key is missing; provenance_init "
                                   "only creates the development CA in PROVENANCE_DIR (see the README).")
            self.stdout.write("Provenance uses the configured certificate chain: nothing to do.")
            return
        try:
            paths, created = provenance_credentials_ensure()
        except FileExistsError as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(f"Created a development CA ({paths.trust_anchors}) and a signing certificate "
                              f"({paths.cert_chain}).")
        elif options["verbosity"] > 1:
            self.stdout.write(f"Provenance credentials already in {paths.cert_chain.parent}.")

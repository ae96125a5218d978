from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProvenanceConfig(AppConfig):
    name = "imaging.provenance"
    label = "provenance"
    verbose_name = _("Provenance")

    def ready(self) -> None:
        from imaging.provenance import checks

        checks.register()
        checks.refuse_to_start_without_credentials()

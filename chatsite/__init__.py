from __future__ import annotations

# Celery's app must be loaded when Django starts so that shared tasks bind to it.
from chatsite.celery import app as celery_app

__all__ = ["celery_app"]

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def one_torch_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers started by these tests use one CPU thread for torch: on a shared, busy machine several
    OpenMP threads per process oversubscribe the cores and make every step many times slower."""
    monkeypatch.setenv("IMAGE_TORCH_THREADS", "1")

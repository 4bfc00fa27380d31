"""Shared pytest plugins: the localnet fixture (in-process validator on a free port) and the
integrators' plugin (anchor_localnet / anchor_provider / anchor_workspace)."""

from collections.abc import Iterator

import pytest

from tests.x87 import empty_x87_stack

pytest_plugins = ["kairos_localnet.testing", "kairos_localnet.pytest_plugin"]


@pytest.fixture(autouse=True)
def _empty_x87_stack() -> Iterator[None]:
    """See tests/x87.py: LiteSVM can leave the x87 stack full, which breaks numpy."""
    if empty_x87_stack is not None:
        empty_x87_stack()
    yield

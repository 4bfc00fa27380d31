"""Shared pytest plugins: the localnet fixture (in-process validator on a free port)."""

pytest_plugins = ["kairos.localnet.testing"]

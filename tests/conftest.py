"""Shared pytest plugins: the localnet fixture (in-process validator on a free port) and the
integrators' plugin (anchor_localnet / anchor_provider / anchor_workspace)."""

pytest_plugins = ["kairos_localnet.testing", "kairos_localnet.pytest_plugin"]

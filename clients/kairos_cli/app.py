"""The ``kairos`` command: the root app with every command group registered.

Each group lives in its own module of this package and registers its commands on the
shared apps of :mod:`kairos_cli.common` when imported; this module imports them all, so
``kairos_cli.app:app`` (the console script) is the whole CLI.
"""

from kairos_cli import (  # noqa: F401 - each module registers its commands on import
    account,
    api_keys,
    auctions,
    borrow,
    crank,
    demo,
    exchange,
    execution,
    funding,
    liquidation,
    market,
    orders,
    risk,
    scheduled,
    service,
    token,
    toolchain,
    wallet,
    webhooks,
)
from kairos_cli.common import app

__all__ = ["app"]

if __name__ == "__main__":
    app()

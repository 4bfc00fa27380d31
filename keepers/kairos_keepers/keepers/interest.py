"""The ``interest`` keeper: cranks ``accrue_borrow_interest``.

Borrow interest (docs/ARCHITECTURE.md, "Borrow interest") accrues lazily: the
program charges it at checkpoints, and health counts what is owed in between, so
no keeper is needed for safety. This one makes the lazy parts happen on time:

- an account that borrowed through fees alone (negative balance, no recorded
  principal) starts to accrue only at its first checkpoint;
- an account back at a non-negative balance keeps a recorded principal (in the
  quote asset's ``total_borrows``, hence in the utilization, and blocking
  ``close_margin_account``) until checkpointed;
- interest owed becomes the insurance fund's claim (``borrow_interest_pending``)
  only when charged.

Every ``scan_seconds`` (a minute by default: interest moves slowly, and the scan
reads every margin account) it reads the margin accounts (``getProgramAccounts``),
the quote asset and the clock, picks the accounts of its shard in one of the first two cases or
owing at least ``min_interest`` native units, and checkpoints them in batches. A
second keeper checkpointing the same account right after charges nothing and
fails nothing: the race costs a transaction fee, which sharding avoids.
"""

from __future__ import annotations

import dataclasses
import math
import time

from kairos import instructions as ix
from kairos.accounts import CollateralAsset, Exchange, MarginAccount
from kairos.clock import clock_unix_timestamp
from kairos.math.borrow import borrow_index_at, pending_interest
from kairos.pda import collateral_asset_address, exchange_address
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.config import setting
from kairos_keepers.lifecycle import Keeper, KeeperRuntime
from kairos_keepers.registry import register
from kairos_keepers.rpc import account_filters


@dataclasses.dataclass(frozen=True)
class InterestSettings:
    """``[keepers.interest]`` settings."""

    min_interest: int = setting(
        1_000, "Checkpoint a borrower once it owes this much interest (quote native).", ge=1
    )
    batch_size: int = setting(
        20, "Margin accounts per accrue_borrow_interest transaction.", ge=1, le=30
    )
    scan_seconds: float = setting(
        60.0,
        "Read every margin account at most this often (interest is slow; the scan is not).",
        gt=0,
    )


@dataclasses.dataclass(frozen=True)
class Due:
    """An account to checkpoint, and why."""

    address: Pubkey
    reason: str  # "fee_borrow", "repaid" or "interest"
    interest: int


def due_accounts(
    accounts: list[tuple[Pubkey, MarginAccount]], index: int, min_interest: int
) -> list[Due]:
    """The accounts a checkpoint would change usefully, largest interest first."""
    due: list[Due] = []
    for address, account in accounts:
        if account.quote_balance < 0 and account.borrow_principal == 0:
            due.append(Due(address, "fee_borrow", 0))
        elif account.quote_balance >= 0 and account.borrow_principal != 0:
            due.append(Due(address, "repaid", 0))
        elif (owed := pending_interest(account, index)) >= min_interest:
            due.append(Due(address, "interest", owed))
    due.sort(key=lambda item: -item.interest)
    return due


@register
class InterestKeeper(Keeper):
    """Checkpoints borrow interest of borrowers (and of repaid or fee-only borrowers)."""

    name = "interest"
    description = "Cranks accrue_borrow_interest for borrowers (interest to the insurance fund)."
    Settings = InterestSettings

    def __init__(self, runtime: KeeperRuntime) -> None:
        super().__init__(runtime)
        self.due_gauge = self.metrics.gauge(
            "interest_due_accounts", "Accounts of this shard due a checkpoint at the last poll."
        )
        self.checkpointed = self.metrics.counter(
            "interest_checkpointed_accounts",
            "Accounts checkpointed by landed transactions, by reason.",
            ("reason",),
        )
        self.charged = self.metrics.counter(
            "interest_charged_quote",
            "Interest the landed checkpoints charged (quote native, as estimated at send).",
        )
        self.quote_asset: Pubkey | None = None
        self.last_scan = -math.inf

    async def _quote_asset(self) -> Pubkey:
        if self.quote_asset is None:
            _, account = await self.rpc.get_account_info(exchange_address(self.config.program_id))
            if account is None:
                raise LookupError("no Kairos exchange on this cluster")
            exchange = Exchange.decode(bytes(account.data))
            self.quote_asset = collateral_asset_address(exchange.quote_mint, self.config.program_id)
        return self.quote_asset

    async def tick(self) -> None:
        """Every ``scan_seconds``: find the accounts due a checkpoint, checkpoint them."""
        settings: InterestSettings = self.settings
        if time.monotonic() - self.last_scan < settings.scan_seconds:
            return
        started = time.monotonic()
        quote_key = await self._quote_asset()
        quote_account, clock = await self.rpc.get_multiple_accounts([quote_key, CLOCK_SYSVAR])
        if quote_account is None or clock is None:
            raise LookupError("the quote collateral asset or the Clock sysvar is missing")
        quote = CollateralAsset.decode(bytes(quote_account.data))
        index = borrow_index_at(quote, clock_unix_timestamp(bytes(clock.data)))
        _, pairs = await self.rpc.get_program_accounts(
            self.config.program_id, account_filters(MarginAccount)
        )
        accounts = [
            (key, MarginAccount.decode(bytes(account.data)))
            for key, account in self.shard.filter(pairs, key=lambda pair: pair[0])
        ]
        due = due_accounts(accounts, index, settings.min_interest)
        self.due_gauge.labels(self.metrics.keeper).set(len(due))
        for start in range(0, len(due), settings.batch_size):
            if self.stopping:
                return
            batch = due[start : start + settings.batch_size]
            instruction = ix.accrue_borrow_interest(
                quote_mint=quote.mint,
                margin_accounts=[item.address for item in batch],
                program_id=self.config.program_id,
            )
            outcome = await self.execute("accrue_borrow_interest", [instruction])
            if outcome.landed:
                for item in batch:
                    self.checkpointed.labels(self.metrics.keeper, item.reason).inc()
                self.charged.labels(self.metrics.keeper).inc(sum(item.interest for item in batch))
        # Only a scan that got through counts: a failed one (RPC error) is retried at
        # the runtime's next tick rather than a whole interval later.
        self.last_scan = started

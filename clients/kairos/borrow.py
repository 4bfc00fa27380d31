"""``client.borrow``: the interest checkpoint crank and the quote asset's borrowing now."""

from __future__ import annotations

from solders.instruction import Instruction
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos import instructions as ix
from kairos.accounts import AccountNotFoundError, CollateralAsset
from kairos.clock import clock_unix_timestamp
from kairos.core import Namespace
from kairos.math.borrow import BorrowState
from kairos.params import AccrueBorrowInterestParams


class BorrowNamespace(Namespace):
    """Quote borrowing (the rate curve is the admin's: ``client.admin``)."""

    async def accrue_interest(self, params: AccrueBorrowInterestParams) -> Instruction:
        """Checkpoint the borrow interest of ``params.margin_accounts`` (permissionless)."""
        return ix.accrue_borrow_interest(
            quote_mint=await self.client.quote_mint(),
            margin_accounts=params.margin_accounts,
            program_id=self.program_id,
        )

    async def state(self) -> BorrowState:
        """The quote asset's borrowing now: index rolled to the cluster clock, rate, totals."""
        client = self.client
        quote_key = client.collateral_asset_address(await client.quote_mint())
        response = await client.connection.get_multiple_accounts(
            [quote_key, CLOCK_SYSVAR], commitment=client.commitment, encoding="base64"
        )
        quote_info, clock_info = response.value
        if quote_info is None or clock_info is None:
            raise AccountNotFoundError("the quote collateral asset or the Clock sysvar is missing")
        quote = CollateralAsset.decode(bytes(quote_info.data))
        return BorrowState.of(quote, clock_unix_timestamp(bytes(clock_info.data)))

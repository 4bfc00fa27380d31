"""The cluster's Clock: what order expiries, funding and borrow interest compare with."""

from __future__ import annotations

from solana.rpc.async_api import AsyncClient
from solders.sysvar import CLOCK as CLOCK_SYSVAR

# Clock sysvar layout: slot, epoch_start_timestamp, epoch, leader_schedule_epoch,
# unix_timestamp (each 8 bytes, little-endian).
_CLOCK_UNIX_TIMESTAMP_OFFSET = 32


async def chain_unix_timestamp(connection: AsyncClient) -> int:
    """The cluster's Clock ``unix_timestamp``: what order and trigger expiries compare with.

    Use it rather than the local wall clock (a localnet may be warped).
    """
    info = await connection.get_account_info(CLOCK_SYSVAR)
    if info.value is None:
        raise LookupError("the cluster has no Clock sysvar")
    return clock_unix_timestamp(bytes(info.value.data))


def clock_unix_timestamp(data: bytes) -> int:
    """``unix_timestamp`` of raw Clock sysvar data."""
    return int.from_bytes(
        data[_CLOCK_UNIX_TIMESTAMP_OFFSET : _CLOCK_UNIX_TIMESTAMP_OFFSET + 8], "little", signed=True
    )

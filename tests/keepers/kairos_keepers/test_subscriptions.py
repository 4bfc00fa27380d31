"""Subscriptions: websocket updates, reconnect after a dropped socket, polling meanwhile."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from typing import Any

from kairos_keepers.metrics import KeeperMetrics
from kairos_keepers.retry import RetryPolicy
from kairos_keepers.rpc import RateLimitedRpc
from kairos_keepers.sharding import Shard, shard_of
from kairos_keepers.subscriptions import (
    AccountUpdate,
    LogsUpdate,
    SlotUpdate,
    Subscriptions,
    Update,
)
from kairos_keepers.testing.faultproxy import FaultProxy, Faults
from kairos_localnet.testing import Cluster
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import CloseAccountParams, close_account

from .conftest import airdrop, create_token_accounts, make_rpc, make_sender

Fund = Callable[..., Awaitable[Keypair]]
TIMEOUT = 5.0


_backlog: dict[int, list[Update]] = {}


async def next_matching(subs: Subscriptions, want: Callable[[Update], bool]) -> Update:
    """The first update (kept back earlier, or new) matching ``want``; others are kept."""
    backlog = _backlog.setdefault(id(subs), [])
    for i, update in enumerate(backlog):
        if want(update):
            return backlog.pop(i)

    async def find() -> Update:
        while True:
            update = await subs.get()
            assert update is not None, "subscriptions closed"
            if want(update):
                return update
            if not isinstance(update, SlotUpdate):  # slots come 10 a second: don't hoard
                backlog.append(update)

    return await asyncio.wait_for(find(), TIMEOUT)


def account_of(key: Pubkey) -> Callable[[Update], bool]:
    return lambda u: isinstance(u, AccountUpdate) and u.pubkey == key


def logs_of(signature: object) -> Callable[[Update], bool]:
    return lambda u: isinstance(u, LogsUpdate) and u.signature == signature


async def pay(rpc: RateLimitedRpc, payer: Keypair, to: Pubkey, lamports: int) -> object:
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=to, lamports=lamports))
    outcome = await make_sender(rpc, payer).send([ix])
    assert outcome.landed, outcome
    return outcome.signature


async def test_reconnects_after_drop_and_polls_meanwhile(
    localnet: Cluster, rpc: RateLimitedRpc, fund: Fund
) -> None:
    payer = await fund()
    watched = Keypair().pubkey()
    await airdrop(rpc, watched, 1_000_000)
    metrics = KeeperMetrics("subs")
    async with FaultProxy(localnet.rpc_url) as proxy:
        proxy_rpc = make_rpc(proxy.rpc_url, metrics=metrics)
        subs = Subscriptions(
            proxy_rpc,
            proxy.ws_url,
            poll_interval=0.1,
            reconnect=RetryPolicy(max_attempts=1, base_delay=0.05, max_delay=0.1),
            metrics=metrics,
            rng=random.Random(1),
        )
        subs.account(watched)
        subs.slots()
        subs.logs(watched)
        async with subs:
            assert await subs.wait_connected(TIMEOUT)
            # The current state comes first, without a separate fetch.
            first = await next_matching(subs, account_of(watched))
            assert isinstance(first, AccountUpdate) and first.account is not None
            assert first.account.lamports == 1_000_000

            signature = await pay(rpc, payer, watched, 1)
            update = await next_matching(subs, account_of(watched))
            assert isinstance(update, AccountUpdate) and update.source == "ws"
            assert update.account is not None and update.account.lamports == 1_000_001
            logs = await next_matching(subs, logs_of(signature))
            assert logs.source == "ws"
            assert isinstance(logs, LogsUpdate)
            assert any("11111111111111111111111111111111 invoke" in line for line in logs.logs)

            # The socket drops and cannot come back for now.
            proxy.faults = Faults(ws_refuse=True)
            assert await proxy.drop_websockets() == 1
            while subs.connected:
                await asyncio.sleep(0.01)
            signature = await pay(rpc, payer, watched, 2)
            update = await next_matching(subs, account_of(watched))
            assert isinstance(update, AccountUpdate) and update.source == "poll"
            assert update.account is not None and update.account.lamports == 1_000_003
            logs = await next_matching(subs, logs_of(signature))
            assert logs.source == "poll"
            slot = await next_matching(subs, lambda u: isinstance(u, SlotUpdate))
            assert slot.source == "poll"
            assert proxy.stats.ws_refused >= 1  # it did try to reconnect meanwhile

            # The socket may come back: resubscribed, updates flow over it again.
            proxy.faults = Faults()
            assert await subs.wait_connected(TIMEOUT)
            signature = await pay(rpc, payer, watched, 4)
            update = await next_matching(subs, account_of(watched))
            assert isinstance(update, AccountUpdate) and update.source == "ws"
            assert update.account is not None and update.account.lamports == 1_000_007
            assert (await next_matching(subs, logs_of(signature))).source == "ws"
        await proxy_rpc.close()
    assert subs.connections == 2
    assert metrics.total("kairos_keeper_ws_reconnects_total") == 1
    assert metrics.total("kairos_keeper_ws_disconnects_total") >= 1
    assert metrics.total("kairos_keeper_subscription_updates_total", source="poll") >= 3
    assert await subs.get(0.01) is None  # closed: iteration ends


async def test_polls_when_the_websocket_never_connects(rpc: RateLimitedRpc, fund: Fund) -> None:
    payer = await fund()
    watched = Keypair().pubkey()
    subs = Subscriptions(
        rpc,
        "ws://127.0.0.1:9",  # nothing listens there
        poll_interval=0.05,
        reconnect=RetryPolicy(max_attempts=1, base_delay=0.05, max_delay=0.1),
    )
    subs.account(watched)
    async with subs:
        await pay(rpc, payer, watched, 5_000_000)
        update = await next_matching(subs, account_of(watched))
        assert isinstance(update, AccountUpdate) and update.source == "poll"
        assert update.account is not None and update.account.lamports == 5_000_000
        assert not subs.connected


async def test_program_subscription_keeps_this_shard_and_sees_closed_accounts(
    localnet: Cluster, rpc: RateLimitedRpc, fund: Fund
) -> None:
    owner = await fund()
    setup, extras = await create_token_accounts(rpc, owner, amount=0, extra_accounts=10)
    accounts = [setup.source, setup.destination, *extras]
    shard = Shard(0, 2)
    mine = {k for k in accounts if shard_of(k, 2) == 0}
    assert 0 < len(mine) < len(accounts)  # the test needs both kinds
    filters: list[dict[str, Any]] = [
        {"dataSize": 165},
        {"memcmp": {"offset": 0, "bytes": str(setup.mint)}},
    ]
    async with FaultProxy(localnet.rpc_url) as proxy:
        subs = Subscriptions(
            rpc,
            proxy.ws_url,
            poll_interval=0.05,
            shard=shard,
            reconnect=RetryPolicy(max_attempts=1, base_delay=0.05, max_delay=0.1),
        )
        subs.program(TOKEN_PROGRAM_ID, filters)
        async with subs:
            assert await subs.wait_connected(TIMEOUT)
            seen: set[Pubkey] = set()
            while seen != mine:
                update = await next_matching(subs, lambda u: isinstance(u, AccountUpdate))
                assert isinstance(update, AccountUpdate)
                assert update.pubkey in mine, "an account of the other shard was delivered"
                seen.add(update.pubkey)
            # Disconnected, an account of ours is closed: the poll notices it is gone.
            proxy.faults = Faults(ws_refuse=True)
            await proxy.drop_websockets()
            victim = sorted(mine, key=str)[0]
            close = close_account(
                CloseAccountParams(
                    program_id=TOKEN_PROGRAM_ID,
                    account=victim,
                    dest=owner.pubkey(),
                    owner=owner.pubkey(),
                )
            )
            outcome = await make_sender(rpc, owner).send([close])
            assert outcome.landed, outcome
            gone = await next_matching(subs, account_of(victim))
            assert isinstance(gone, AccountUpdate) and gone.account is None
            assert gone.source == "poll"


async def test_accounts_added_while_running_are_delivered(
    localnet: Cluster, rpc: RateLimitedRpc, fund: Fund
) -> None:
    payer = await fund()
    later = Keypair().pubkey()
    await airdrop(rpc, later, 2_000_000)
    subs = Subscriptions(rpc, localnet.ws_url, poll_interval=0.05)
    subs.slots()
    async with subs:
        assert await subs.wait_connected(TIMEOUT)
        subs.account(later)
        first = await next_matching(subs, account_of(later))
        assert isinstance(first, AccountUpdate) and first.account is not None
        await pay(rpc, payer, later, 1)
        update = await next_matching(subs, account_of(later))
        assert isinstance(update, AccountUpdate) and update.source == "ws"
        assert update.account is not None and update.account.lamports == 2_000_001


async def test_a_poll_of_a_notified_slot_never_brings_back_an_older_value() -> None:
    """Several writes can share one slot: a poll that read it before the last write
    (answered after its notification) must not replace the newer value; while the
    websocket is down polls are the only source and are taken in order."""
    from kairos_keepers.subscriptions import POLL, WS
    from solders.account import Account

    def value(lamports: int) -> Account:
        return Account(lamports, b"", Pubkey.default(), False, 0)

    subs = Subscriptions(make_rpc("http://127.0.0.1:9"), "ws://127.0.0.1:9")
    key = Pubkey.new_unique()
    subs.connections = 1
    subs._connected.set()
    await subs._offer_account(key, value(1), 5, WS)
    await subs._offer_account(key, value(2), 5, WS)  # a second write in slot 5
    await subs._offer_account(key, value(1), 5, POLL)  # read before it: stale
    await subs._offer_account(key, value(3), 6, POLL)  # a later slot: newer
    delivered = []
    while (update := await subs.get(timeout=0)) is not None:
        assert isinstance(update, AccountUpdate) and update.account is not None
        delivered.append((update.account.lamports, update.slot, update.source))
    assert delivered == [(1, 5, WS), (2, 5, WS), (3, 6, POLL)]
    # A notification of an earlier connection is not the live stream: a poll may follow.
    await subs._offer_account(key, value(4), 6, WS)
    subs.connections = 2
    await subs._offer_account(key, value(5), 6, POLL)
    later = []
    while (update := await subs.get(timeout=0)) is not None:
        assert isinstance(update, AccountUpdate) and update.account is not None
        later.append(update.account.lamports)
    assert later == [4, 5]


async def test_close_as_a_subscription_is_answered_still_stops(
    localnet: Cluster, rpc: RateLimitedRpc
) -> None:
    """close() landing in the event-loop turn that answers a subscribe request.

    Python 3.11's asyncio.wait_for returns the awaited result when its task is
    cancelled in that turn, dropping the cancellation: the connection loop went on
    to await its reader, which nothing cancels, and close() (a keeper's shutdown)
    waited forever. Seen as the trigger keeper's chaos test hanging at shutdown.
    """
    for _ in range(3):
        await _close_when_first_answered(Subscriptions(rpc, localnet.ws_url, poll_interval=0.05))


async def _close_when_first_answered(subs: Subscriptions) -> None:
    subs.slots()
    subs.accounts([Pubkey.new_unique() for _ in range(3)])
    closing: list[asyncio.Task[None]] = []
    answer = subs._handle

    async def handle(item: dict[str, Any]) -> None:
        answered = "id" in item and item.get("id") in subs._pending
        await answer(item)
        if answered and not closing:
            # Scheduled now, so it runs before the connection loop resumes.
            closing.append(asyncio.ensure_future(subs.close()))

    subs._handle = handle  # type: ignore[method-assign]
    await subs.start()
    while not closing:
        await asyncio.sleep(0.01)
    # Not asyncio.wait_for: cancelling a close() at its timeout would end it.
    done, _ = await asyncio.wait({closing[0]}, timeout=TIMEOUT)
    assert done, "close() did not return"
    assert not subs._tasks

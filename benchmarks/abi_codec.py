"""Decode and encode cost of the generated ABI (kairos.abi) against AnchorPy's coder.

The generated classes decode account data with one ``struct.Struct`` per type straight
into typed dataclasses; AnchorPy's construct-based coder returns untyped containers
(which the SDK used to convert a second time into its dataclasses, not counted here, so
the AnchorPy column is a lower bound of the old cost). Both run in the same process on
the same bytes; the ratio is what to read, not the absolute times.

    python benchmarks/abi_codec.py [--rounds N]
"""

from __future__ import annotations

import argparse
import timeit
from functools import partial

from kairos.abi.accounts import EventQueue, MarginAccount, Orderbook, PerpMarket
from kairos.abi.types import BookOrder, CollateralPosition, FillEvent, PerpPosition
from kairos.accounts import coder
from solders.pubkey import Pubkey


def samples() -> dict[str, bytes]:
    key = Pubkey.new_unique()
    book = [BookOrder(order_id=i, price=1000 + i, base_lots=5, owner=key) for i in range(128)]
    return {
        "MarginAccount": MarginAccount(
            owner=key,
            quote_balance=10**9,
            collateral=tuple(CollateralPosition(amount=i, active=1) for i in range(8)),
            perp_positions=tuple(PerpPosition(base_lots=-i, active=1) for i in range(4)),
        ).encode(),
        "PerpMarket": PerpMarket(oracle=key, name=b"SOL-PERP".ljust(16, b"\0")).encode(),
        "Orderbook": Orderbook(
            market=key, bid_count=128, ask_count=128, bids=tuple(book), asks=tuple(book)
        ).encode(),
        "EventQueue": EventQueue(
            market=key, events=tuple(FillEvent(maker=key, seq=i) for i in range(256))
        ).encode(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=200)
    rounds = parser.parse_args().rounds
    classes = {
        "MarginAccount": MarginAccount,
        "PerpMarket": PerpMarket,
        "Orderbook": Orderbook,
        "EventQueue": EventQueue,
    }
    anchor = coder().accounts
    print(
        f"{'account':<14} {'bytes':>7} {'anchorpy µs':>12} {'generated µs':>13} {'ratio':>6}"
        f" {'encode µs':>10}"
    )
    for name, data in samples().items():
        cls = classes[name]
        decoded = cls.decode(data)
        assert decoded.encode() == data
        old = timeit.timeit(partial(anchor.decode, data), number=rounds) / rounds * 1e6
        new = timeit.timeit(partial(cls.decode, data), number=rounds) / rounds * 1e6
        enc = timeit.timeit(decoded.encode, number=rounds) / rounds * 1e6
        print(f"{name:<14} {len(data):>7} {old:>12.1f} {new:>13.1f} {old / new:>6.1f} {enc:>10.1f}")


if __name__ == "__main__":
    main()

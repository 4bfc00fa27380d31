"""Sharding: stable, uniform, and every key in exactly one shard."""

from __future__ import annotations

import hashlib
import random

import pytest
from kairos.program import PROGRAM_ID
from kairos_keepers.sharding import Shard, shard_of
from solders.pubkey import Pubkey


def keys(n: int, seed: int = 1) -> list[Pubkey]:
    rng = random.Random(seed)
    return [Pubkey(rng.randbytes(32)) for _ in range(n)]


def test_definition_is_first_8_bytes_of_sha256_mod_n() -> None:
    key = Pubkey.from_string("11111111111111111111111111111111")
    expected = int.from_bytes(hashlib.sha256(bytes(32)).digest()[:8], "big") % 7
    assert shard_of(key, 7) == expected
    # A fixed vector, so another implementation (or a refactor) can be checked against it.
    assert [shard_of(key, n) for n in (1, 2, 3, 4, 5)] == [
        int.from_bytes(bytes.fromhex("66687aadf862bd77"), "big") % n for n in (1, 2, 3, 4, 5)
    ]


@pytest.mark.parametrize("count", [2, 3, 4, 8])
def test_distribution_is_uniform(count: int) -> None:
    n = 20_000
    counts = [0] * count
    for key in keys(n):
        counts[shard_of(key, count)] += 1
    expected = n / count
    chi2 = sum((c - expected) ** 2 / expected for c in counts)
    # 99.9th percentile of chi-square with count-1 degrees of freedom is below 25 for df <= 7.
    assert chi2 < 25, counts


def test_every_key_has_exactly_one_owner() -> None:
    shards = [Shard(i, 5) for i in range(5)]
    for key in keys(500):
        assert sum(s.owns(key) for s in shards) == 1


def test_pdas_spread_too() -> None:
    pdas = [
        Pubkey.find_program_address([b"margin", i.to_bytes(2, "little")], PROGRAM_ID)[0]
        for i in range(2000)
    ]
    counts = [0, 0]
    for key in pdas:
        counts[shard_of(key, 2)] += 1
    assert abs(counts[0] - counts[1]) < 200


def test_shard_helpers_and_validation() -> None:
    whole = Shard()
    assert whole.is_whole and whole.label == "0/1"
    assert all(whole.owns(k) for k in keys(10))
    half = Shard(1, 2)
    sample = keys(100)
    owned = half.filter_keys(sample)
    assert owned == [k for k in sample if shard_of(k, 2) == 1]
    assert list(half.filter(sample, key=lambda k: k)) == owned
    for bad in ((2, 2), (-1, 2), (0, 0)):
        with pytest.raises(ValueError):
            Shard(*bad)
    with pytest.raises(ValueError):
        shard_of(Pubkey.new_unique(), 0)

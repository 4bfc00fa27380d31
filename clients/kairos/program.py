"""The Kairos program's identity: its IDL, program id and PDA derivations.

The IDL file shipped in this package is a link to idl/kairos.json, the single
source of truth for the ABI, so the SDK can never disagree with the program.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from anchorpy_core.idl import Idl
from solders.pubkey import Pubkey

EXCHANGE_SEED = b"exchange"


@lru_cache(maxsize=1)
def idl_json() -> dict[str, Any]:
    """The program's IDL as a JSON document."""
    text = resources.files("kairos").joinpath("kairos_idl.json").read_text()
    document: dict[str, Any] = json.loads(text)
    return document


@lru_cache(maxsize=1)
def load_idl() -> Idl:
    """The program's IDL parsed by AnchorPy."""
    return Idl.from_json(json.dumps(idl_json()))


PROGRAM_ID = Pubkey.from_string(idl_json()["metadata"]["address"])


def find_exchange_address(program_id: Pubkey = PROGRAM_ID) -> tuple[Pubkey, int]:
    """The Exchange config PDA and its canonical bump."""
    return Pubkey.find_program_address([EXCHANGE_SEED], program_id)

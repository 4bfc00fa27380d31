"""The Kairos program's identity: its IDL document and program id.

The IDL file shipped in this package is a link to idl/kairos.json, the single source of
truth for the ABI. The program id and every derivation are generated from it
(:mod:`kairos.abi.constants`, :mod:`kairos.abi.pda`); this module keeps the document
itself for tools that read it (AnchorPy's ``Program``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from anchorpy_core.idl import Idl

from kairos.abi.constants import PROGRAM_ID as PROGRAM_ID
from kairos.abi.pda import EXCHANGE_SEED as EXCHANGE_SEED
from kairos.abi.pda import find_exchange_address as find_exchange_address


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

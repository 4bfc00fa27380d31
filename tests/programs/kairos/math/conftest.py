"""Fixtures for the math/ tests: the shim library built once per session."""

from __future__ import annotations

import ctypes

import pytest

from .shim_library import MathLib, compile_shim


@pytest.fixture(scope="session")
def math_lib(tmp_path_factory: pytest.TempPathFactory) -> MathLib:
    library = compile_shim(tmp_path_factory.mktemp("math_shim") / "libkairos_math.so")
    return MathLib(ctypes.CDLL(str(library)))

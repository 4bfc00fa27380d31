"""Fixtures for the host tests of the order book and matching: the library built once."""

from __future__ import annotations

import ctypes

import pytest

from .book_library import BookLib, compile_library


@pytest.fixture(scope="session")
def book_lib(tmp_path_factory: pytest.TempPathFactory) -> BookLib:
    library = compile_library(tmp_path_factory.mktemp("matching") / "libkairos_book.so")
    lib = BookLib(ctypes.CDLL(str(library)))
    lib.check_layouts()
    return lib

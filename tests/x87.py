"""Empty the x87 register stack between tests.

Executing the program in LiteSVM (native code we do not control) can leave values on
the x87 register stack: after `initialize_risk_parameters` the x87 tag word reads
0x4556 instead of 0xffff (all empty). Code that later uses x87 instructions in the
same process, such as OpenBLAS's nrm2 kernel inside numpy.linalg.eigvalsh, then
overflows the stack and gets NaN ("Eigenvalues did not converge"). Production
processes never run LiteSVM and numpy together; test processes do, so the tests reset
the state with one `emms` (empties the tag word) before each test.

Python cannot execute `emms` itself and no library exposes it, so the two bytes are
placed in an executable page and called through ctypes (x86-64 Linux only; elsewhere
this does nothing).
"""

from __future__ import annotations

import ctypes
import mmap
import platform
from collections.abc import Callable

EMMS_RET = bytes([0x0F, 0x77, 0xC3])  # emms; ret


def _make_emms() -> Callable[[], None] | None:
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        return None
    page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    page.write(EMMS_RET)
    address = ctypes.addressof(ctypes.c_char.from_buffer(page))
    function = ctypes.CFUNCTYPE(None)(address)
    _keep.append(page)
    return function


_keep: list[mmap.mmap] = []
empty_x87_stack = _make_emms()

"""Pausing Python's cyclic garbage collector while a note's model is built or read.

Parsing, encoding and decoding a model make many objects that form a tree, not
cycles; the collector's passes over them find nothing and cost 7-40% of the time
(most for large notes).  Reference counting still frees everything; a cycle
made meanwhile is collected after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

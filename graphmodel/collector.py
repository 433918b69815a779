"""Pausing the cyclic garbage collector around bulk allocation -- only for a program that
owns its process (the command line, the benchmark), never for a library caller.

Validating a plan or building its graph allocates hundreds of thousands of small objects
and frees almost none of them; the collector's generational passes then scan the growing
heap again and again for nothing. Measured at 100 synthetic plans (docs/performance.md),
validation ran about 3x and graph building about 2x faster with it paused. Reference
counting still frees everything as usual, and the collector resumes at the end of the block.

Inside :func:`collector_owned`, what a :func:`gc_paused` block built is also frozen
(:func:`gc.freeze`) before the collector resumes: the plans and graphs a program holds are
then not scanned again by every later collection, which made loading many plans grow faster
than linearly (measured: 240 plans 2.78 -> 2.10 s CPU, docs/performance.md). The outermost
:func:`collector_owned` block unfreezes them again when it ends, if nothing was frozen
before it began, so a process that runs commands in turn (a test run) keeps nothing frozen.

The collector's state is the whole process's: a notebook or a web server that imports the
library keeps its own settings. So :func:`gc_paused` does nothing unless the program has
said, with :func:`collector_owned`, that the process is its own; the command line does so
around each command, the benchmark around each stage.

>>> import gc
>>> with gc_paused():  # a library caller: the collector is left alone
...     gc.isenabled()
True
>>> with collector_owned():
...     with gc_paused():
...         gc.isenabled()
...     gc.get_freeze_count() > 0
False
True
>>> gc.isenabled(), gc.get_freeze_count()
(True, 0)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_owned", "gc_paused"]

_owned = 0
"""How many :func:`collector_owned` blocks are open (they may nest)."""


@contextmanager
def collector_owned() -> Iterator[None]:
    """Inside this block the program owns the process's collector, and :func:`gc_paused`
    blocks pause it. For the command line and the benchmark, not for library code."""
    global _owned
    frozen_before = gc.get_freeze_count()
    _owned += 1
    try:
        yield
    finally:
        _owned -= 1
        if not _owned and not frozen_before and gc.get_freeze_count():
            gc.unfreeze()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block, freeze what it built and restore the
    collector's previous state after, when inside :func:`collector_owned`; otherwise leave it
    alone."""
    if not _owned:
        yield
        return
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()

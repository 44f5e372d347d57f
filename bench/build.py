"""Run `mkdocs build` once, recording how long each builder stage takes inside that very build.

    python bench/build.py TIMINGS_JSON -- build --strict -f mkdocs.yml -d site

The plugin calls `newstracker.check_content` and `newstracker.each_page`, which look the stage
functions up as globals of the package (`newstracker`, the `builder/` folder as MkDocs imports
it through the plugin's entry point); every one of its modules that holds a stage function
gets a timed one in its place, so the build itself is the real one. The JSON written records, per
stage, its CPU seconds and how often it ran, the stages it could not find to time (a builder that
renamed one), and the peak memory of this process and, apart from it, of the largest of the
programs it waited for (Pagefind, which the plugin runs).
"""

from __future__ import annotations

import importlib
import inspect
import json
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

# Loaded before install(), so that the plugin's own names of the stages are timed too.
import newstracker.plugin  # noqa: F401

PACKAGE = "newstracker"
"""The package as MkDocs loads it; `python -m builder` in this repository is the same code under another name."""
STAGES = {
    "load_content": f"{PACKAGE}.load",
    "validate_content": f"{PACKAGE}.validate",
    "build_index": f"{PACKAGE}.index",
    "render_each": f"{PACKAGE}.render",
}
"""Each stage function and the module that defines it."""
CHILD_STEP = "run_pagefind"
"""The step that runs another program, Pagefind, to index the built site for search."""


class StageClock:
    """CPU seconds and calls per stage, counted once even when one timed stage calls through another."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._running: set[str] = set()

    def timed(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        # CPU time of this process: the stages are single-threaded, and CPU time barely moves when
        # other work on the machine competes for the cores, which wall time does a lot.
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if name in self._running:
                return function(*args, **kwargs)
            self.calls[name] = self.calls.get(name, 0) + 1  # however many steps a yielding stage then takes
            result = self._run(name, function, *args, **kwargs)
            return self._each_timed(name, result) if inspect.isgenerator(result) else result

        return wrapper

    def _run(self, name: str, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self._running.add(name)
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            self._add_seconds(name, time.process_time() - start)
            self._running.discard(name)

    def _each_timed(self, name: str, items: Iterator[Any]) -> Iterator[Any]:
        """A stage that yields its results (render_each): only the time spent making each counts.

        What the caller does with each result meanwhile, such as writing a page, is not the stage's.
        """
        while True:
            try:
                item = self._run(name, next, items)
            except StopIteration:
                return
            yield item

    def timed_children(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        """For a step that runs another program: the CPU time of the children it waited for."""

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            before = _children_cpu()
            self.calls[name] = self.calls.get(name, 0) + 1
            try:
                return function(*args, **kwargs)
            finally:
                self._add_seconds(name, _children_cpu() - before)

        return wrapper

    def _add_seconds(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _builder_modules() -> list[ModuleType]:
    return [module for name, module in sorted(sys.modules.items()) if name.split(".")[0] == PACKAGE and module]


def install(clock: StageClock) -> list[str]:
    """Put a timed stage wherever a builder module holds the original, whatever way it was imported.

    Returns the stages it found nowhere: the build still runs, and the benchmark says they were not timed.
    """
    missing = []
    for name, home in STAGES.items():
        original = _find(home, name)
        if original is None:
            missing.append(name)
            continue
        timed = clock.timed(name, original)
        for module in _builder_modules():
            if getattr(module, name, None) is original:
                setattr(module, name, timed)
    step = _find(f"{PACKAGE}.search", CHILD_STEP)
    if step is None:
        missing.append(CHILD_STEP)
    else:
        setattr(sys.modules[f"{PACKAGE}.search"], CHILD_STEP, clock.timed_children(CHILD_STEP, step))
    return missing


def _find(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def _peak_mib() -> float:
    """This process's own peak resident memory since it started.

    Not getrusage: on Linux a new program inherits the peak of the process that started it, so
    every build would report at least the benchmark's own size. VmHWM counts from exec on.
    """
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _children_peak_mib() -> float:
    """The largest peak of the programs this process waited for (Pagefind).

    Each started as a copy of this process, so the figure may be this process's own peak at the
    time instead, which is never more than `_peak_mib`: the larger of the two is the largest
    resident set of any one process of the build.
    """
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    timings_file, arguments = Path(argv[0]), argv[argv.index("--") + 1 :]
    clock = StageClock()
    missing = install(clock)
    from mkdocs.__main__ import cli

    start = time.perf_counter()
    try:
        cli.main(args=arguments, prog_name="mkdocs")  # exits, with MkDocs' own status and messages
    finally:
        report = {
            "stages": clock.seconds,
            "calls": clock.calls,
            "missing": missing,
            "wall": time.perf_counter() - start,
            "peak_self_mib": _peak_mib(),
            "peak_children_mib": _children_peak_mib(),
        }
        timings_file.write_text(json.dumps(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

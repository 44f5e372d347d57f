"""Run `mkdocs build` once, recording how long each builder stage takes inside that very build.

    python bench/build.py TIMINGS_JSON -- build --strict -f mkdocs.yml -d site

The plugin calls `builder.check_content` and `builder.generate_pages`, which look the stage
functions up as globals of the `builder` package; every builder module that holds a stage function
gets a timed one in its place, so the build itself is the real one. The JSON written records, per
stage, its CPU seconds and how often it ran, and the peak memory of this process and, apart from
it, of the children it waited for (a search indexer the plugin may run).
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

import builder
import builder.plugin
import builder.search

STAGES = {
    "load_content": "builder.load",
    "validate_content": "builder.validate",
    "build_index": "builder.index",
    "render_each": "builder.render",
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
    return [module for name, module in sorted(sys.modules.items()) if name.split(".")[0] == "builder" and module]


def install(clock: StageClock) -> None:
    """Put a timed stage wherever a builder module holds the original, whatever way it was imported."""
    for name, home in STAGES.items():
        original = getattr(importlib.import_module(home), name)
        timed = clock.timed(name, original)
        for module in _builder_modules():
            if getattr(module, name, None) is original:
                setattr(module, name, timed)
    setattr(builder.search, CHILD_STEP, clock.timed_children(CHILD_STEP, getattr(builder.search, CHILD_STEP)))


def _peak_mib() -> float:
    """This process's own peak resident memory since it started.

    Not getrusage: on Linux a new program inherits the peak of the process that started it, so
    every build would report at least the benchmark's own size. VmHWM counts from exec on.
    """
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str]) -> int:
    timings_file, arguments = Path(argv[0]), argv[argv.index("--") + 1 :]
    clock = StageClock()
    install(clock)
    from mkdocs.__main__ import cli

    start = time.perf_counter()
    try:
        cli.main(args=arguments, prog_name="mkdocs")  # exits, with MkDocs' own status and messages
    finally:
        report = {
            "stages": clock.seconds,
            "calls": clock.calls,
            "wall": time.perf_counter() - start,
            "peak_self_mib": _peak_mib(),
        }
        timings_file.write_text(json.dumps(report), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The benchmark's stage clock: what it counts as a stage's time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bench import build


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """A CPU clock that moves only when a test moves it."""
    clock = [0.0]
    monkeypatch.setattr(build.time, "process_time", lambda: clock[0])
    return clock


def test_a_stage_that_yields_counts_only_the_making_of_each_item(now: list[float]) -> None:
    def render_each() -> Iterator[int]:
        for item in range(3):
            now[0] += 1.0  # rendering one page
            yield item

    clock = build.StageClock()
    for _ in clock.timed("render_each", render_each)():
        now[0] += 10.0  # the caller writing it: not the stage's time
    assert clock.seconds == {"render_each": 3.0}
    assert clock.calls == {"render_each": 1}


def test_a_stage_called_through_another_is_counted_once(now: list[float]) -> None:
    clock = build.StageClock()

    def inner() -> str:
        now[0] += 2.0
        return "done"

    timed_inner = clock.timed("stage", inner)

    def outer() -> str:
        now[0] += 1.0
        return timed_inner()

    assert clock.timed("stage", outer)() == "done"
    assert clock.seconds == {"stage": 3.0}
    assert clock.calls == {"stage": 1}

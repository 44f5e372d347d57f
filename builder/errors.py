"""Problems found in contributor content, reported all at once."""

from __future__ import annotations

import re
from dataclasses import dataclass

COMMAND = "python -m builder" if __package__ == "builder" else "newstracker"
"""The command line as messages name it: `python -m builder` when this repository's checkout runs it
from its folder, and `newstracker` when the package is imported by its installed name, as MkDocs
and the console script do (in this checkout too, where the editable install provides it)."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a position a contributor can jump to."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{self.column}:{field} {self.message}"

    def as_warning(self) -> str:
        """The same line for something allowed that deserves a second look."""
        field = f" {self.field}:" if self.field else ""
        return f"{self.path}:{self.line}:{self.column}: warning:{field} {self.message}"

    def github(self, level: str = "error") -> str:
        """The problem as a GitHub Actions annotation (`error` or `warning`) beside the line in a pull request."""
        title = self.field or "content"
        where = f"file={_property(self.path)},line={self.line},col={self.column},title={_property(title)}"
        return f"::{level} {where}::{_data(self.message)}"


def _data(text: str) -> str:
    # GitHub's escapes for workflow commands: contributor text cannot end the line or start a command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def field_name(path: tuple[str | int, ...], root: str = "") -> str:
    """`claims[0].status` in an article; `actors[3].kind` in the actor registry (`root`)."""
    name = root
    for step in path:
        if isinstance(step, int):
            name += f"[{step}]"
        else:
            # A key that is not a plain name is quoted, so that a problem stays on one line.
            label = step if re.fullmatch(r"[\w-]+", step) else repr(step)
            name += f".{label}" if name else label
    return name


class ContentError(Exception):
    """Raised once, after every problem in the content has been collected."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in the content:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)

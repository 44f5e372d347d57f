"""A site's own words: the kinds of source, the types of event and the stances its content may use.

Another team tracks other negotiations, or another corpus, and needs other words. They are set in
mkdocs.yml, under the plugin's options; the schemas, the checker, the skeleton that `new` writes
and the pages all follow the vocabulary in use. One vocabulary is in use at a time, in a process
that builds one site: the plugin and the command line set it before they read any content.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .site import PLUGIN_NAME, mkdocs_settings, plugin_options

__all__ = ["PLUGIN_NAME", "Vocabulary", "current", "read_vocabulary", "use", "vocabulary_from"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DEFAULT_SOURCE_KINDS = {
    "wire": "Wire service",
    "newspaper": "Newspaper",
    "broadcaster": "Broadcaster",
    "state-media": "State media",
    "analysis": "Analysis",
    "aggregator": "Aggregator",
    "ai-generated": "AI-generated",
    "opinion": "Opinion",
    "unidentified": "Unidentified source",
}

DEFAULT_EVENT_TYPES = (
    "talks",
    "meeting",
    "statement",
    "proposal",
    "agreement",
    "rejection",
    "attack",
    "military",
    "sanctions",
    "aid",
    "prisoner-exchange",
    "deadline",
    "other",
)

DEFAULT_STANCES = {
    "demand": "Demand",
    "offer": "Offer",
    "red-line": "Red line",
    "concession": "Concession",
    "rejection": "Rejection",
    "acceptance": "Acceptance",
}

LEGEND_SECTIONS = ("grades", "statuses", "stances")
"""What the grading legend (grading.md) can explain, in the order it explains them."""


@dataclass(frozen=True)
class Vocabulary:
    """The words content may use where a site needs its own, each id with the label pages show."""

    source_kinds: tuple[tuple[str, str], ...] = tuple(DEFAULT_SOURCE_KINDS.items())
    event_types: tuple[str, ...] = DEFAULT_EVENT_TYPES
    stances: tuple[tuple[str, str], ...] = tuple(DEFAULT_STANCES.items())
    legend: tuple[str, ...] = LEGEND_SECTIONS
    """The sections of the grading legend."""

    def __post_init__(self) -> None:
        for field, ids in (
            ("source_kinds", [kind for kind, _ in self.source_kinds]),
            ("event_types", list(self.event_types)),
            ("stances", [stance for stance, _ in self.stances]),
        ):
            _check_ids(field, ids)
        for field, pairs in (("source_kinds", self.source_kinds), ("stances", self.stances)):
            for key, label in pairs:
                if not label.strip():
                    raise ValueError(f"{field}: {key!r} needs a label, the name pages show for it")
        if unknown := sorted(set(self.legend) - set(LEGEND_SECTIONS)):
            raise ValueError(f"legend: unknown section {unknown[0]!r}; use some of: {', '.join(LEGEND_SECTIONS)}")
        if "grades" not in self.legend:
            raise ValueError("legend: list grades: every article page links to the grades it explains")

    @functools.cached_property
    def source_kind_labels(self) -> dict[str, str]:
        return dict(self.source_kinds)

    @functools.cached_property
    def stance_labels(self) -> dict[str, str]:
        return dict(self.stances)

    def schema_text(self, name: str, text: str) -> str:
        """The text of schema file `name` with this vocabulary's lists in place of the default ones.

        Only the lists change, in place, so that the default vocabulary gives the file as it is.
        """
        lists = {
            "definitions": [
                (list(DEFAULT_SOURCE_KINDS), [kind for kind, _ in self.source_kinds]),
                (list(DEFAULT_STANCES), [stance for stance, _ in self.stances]),
            ],
            "article": [(list(DEFAULT_EVENT_TYPES), list(self.event_types))],
        }
        for default, wanted in lists.get(name, []):
            old, new = f'"enum": {json.dumps(default)}', f'"enum": {json.dumps(wanted, ensure_ascii=False)}'
            if text.count(old) != 1:
                raise ValueError(f"{name}.schema.json no longer lists {default} once; update vocabulary.py")
            text = text.replace(old, new)
        return text


def _check_ids(field: str, ids: list[str]) -> None:
    if not ids:
        raise ValueError(f"{field}: list at least one")
    for value in ids:
        if not _ID.fullmatch(value):
            raise ValueError(f"{field}: {value!r} is not a valid id; use lowercase letters a-z, digits and hyphens")
    if len(set(ids)) != len(ids):
        raise ValueError(f"{field}: {next(v for v in ids if ids.count(v) > 1)!r} is listed twice")


DEFAULT = Vocabulary()

_current = DEFAULT


def current() -> Vocabulary:
    """The vocabulary in use."""
    return _current


def use(vocabulary: Vocabulary) -> None:
    """Make `vocabulary` the one in use, for the schemas, the checker and the pages."""
    global _current
    _current = vocabulary


class Labels(Mapping[str, str]):
    """The labels of one of the vocabulary's lists, of whichever vocabulary is in use when read."""

    def __init__(self, of: Callable[[Vocabulary], Mapping[str, str]]) -> None:
        self._of = of

    def __getitem__(self, key: str) -> str:
        return self._of(_current)[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._of(_current))

    def __len__(self) -> int:
        return len(self._of(_current))


def vocabulary_from(options: Mapping[str, Any]) -> Vocabulary:
    """The vocabulary the plugin's options in mkdocs.yml set; an option left out keeps its default.

    Raises ValueError with a message that names the option.
    """
    return Vocabulary(
        source_kinds=_labelled(options, "source_kinds", DEFAULT_SOURCE_KINDS),
        event_types=tuple(_texts(options, "event_types", DEFAULT_EVENT_TYPES)),
        stances=_labelled(options, "stances", DEFAULT_STANCES),
        legend=tuple(_texts(options, "legend", LEGEND_SECTIONS)),
    )


def _labelled(options: Mapping[str, Any], field: str, default: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    value = options.get(field)
    if value is None:
        return tuple(default.items())
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ValueError(f"{field}: write one `id: label` line for each")
    return tuple(value.items())


def _texts(options: Mapping[str, Any], field: str, default: tuple[str, ...]) -> Iterator[str]:
    value = options.get(field)
    if value is None:
        return iter(default)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{field}: write a list of ids")
    return iter(value)


def read_vocabulary(config_file: Path) -> Vocabulary:
    """The vocabulary an MkDocs configuration file sets for the plugin, for the command line.

    Without the file, or without the plugin's options in it, the default vocabulary.
    """
    if not config_file.is_file():
        return DEFAULT
    return vocabulary_from(plugin_options(mkdocs_settings(config_file)))

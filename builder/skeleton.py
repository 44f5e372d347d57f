"""`python -m builder new`: start a summary from a skeleton that names every field.

The skeleton is valid YAML in which every value still to be written is a TODO
placeholder. `check` reports each one as unfinished, and nothing else, so the
list of problems is the list of what is left to do.
"""

from __future__ import annotations

import datetime
import json
import math
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from slugify import slugify

from .article_names import MAX_ID_LENGTH, file_name
from .dates import PartialDate
from .errors import COMMAND
from .load import ARTICLES_DIR, LoadedContent, load_content
from .schema import check_url, schema_text
from .validate import SCHEMA_LINE, comparable_url, match_entry

MAX_SLUG_LENGTH = MAX_ID_LENGTH - len("2026-01-05-")


class SkeletonError(Exception):
    """Why no file was written, in words for the contributor."""


@dataclass(frozen=True)
class Request:
    """What the contributor knows when starting a summary."""

    url: str
    headline: str = ""
    published: PartialDate | None = None
    """As precise as the source gives it; `create_summary` refuses to start without it."""
    outlet: str = ""
    """The outlet's id, name or alias in content/outlets.yaml."""


def create_summary(content_dir: Path, request: Request, today: datetime.date) -> Path:
    """Write a new skeleton under `content_dir`/articles and return its path; never overwrites a file."""
    published = _check_request(content_dir, request, today)
    loaded = load_content(content_dir)
    if first := already_summarised(loaded, request.url):
        raise SkeletonError(f"{request.url} is already summarised in {first}")
    request = replace(request, outlet=_outlet_id(loaded, request.outlet))
    articles = content_dir / ARTICLES_DIR
    articles.mkdir(exist_ok=True)
    path = articles / file_name(published, article_slug(request.headline, request.url))
    try:
        # Exclusive creation: an existing summary is never replaced, even by a race.
        with path.open("x", encoding="utf-8", newline="\n") as file:
            file.write(_pointing_as_the_others(skeleton_text(request, today), loaded))
    except FileExistsError:
        raise SkeletonError(
            f"{path} already exists and is never overwritten; edit it, or give another --headline for a new file"
        ) from None
    return path


def _pointing_as_the_others(text: str, loaded: LoadedContent) -> str:
    """The skeleton pointing editors at the schema the project's summaries name by its address, if they do.

    A site started with `init` has no builder/ folder: its summaries point at the schemas it publishes.
    """
    lines = Counter(
        line
        for document in loaded.articles
        if (line := document.first_line.strip()).startswith(SCHEMA_LINE) and "://" in line
    )
    if not lines:
        return text
    line = min(lines, key=lambda line: (-lines[line], line))
    return line + text[text.index("\n") :]


def _check_request(content_dir: Path, request: Request, today: datetime.date) -> PartialDate:
    try:
        check_url(request.url)
    except ValueError as error:
        raise SkeletonError(str(error)) from None
    if request.published is None:
        raise SkeletonError(
            "give --date: the publication date as precisely as the page gives it, 2026-01-05, 2026-01 or 2026; "
            "the file name starts with it, so no day is ever guessed. A page without a date: see "
            "'An unknown headline or date' in CONTRIBUTING.md"
        )
    if request.published.first_day() > today:
        raise SkeletonError(f"--date {request.published} is in the future")
    if not content_dir.is_dir():
        raise SkeletonError(f"no content folder at {content_dir}; run this in the repository or pass --content")
    return request.published


def _outlet_id(loaded: LoadedContent, given: str) -> str:
    """The id of the outlet that `given` names by id, name or alias; '' when none was given."""
    if not given.strip():
        return ""
    outlet_id, guesses = match_entry(loaded.outlets, "outlet", given)
    if outlet_id:
        return outlet_id
    hint = f"did you mean {' or '.join(repr(guess) for guess in guesses)}? " if guesses else ""
    raise SkeletonError(
        f"--outlet {given!r} is no outlet's id, name or alias in content/outlets.yaml; {hint}"
        "Add a new outlet there first (CONTRIBUTING.md, 'An outlet'), or leave --outlet out and fill it in later"
    )


def already_summarised(loaded: LoadedContent, url: str) -> str:
    """The file that already summarises the page at `url`, or ''."""
    wanted = comparable_url(url)
    for document in loaded.articles:
        source = document.data.get("source") if isinstance(document.data, dict) else None
        found = source.get("url") if isinstance(source, dict) else None
        if isinstance(found, str) and comparable_url(found) == wanted:
            return document.path
    return ""


def article_slug(headline: str, url: str) -> str:
    """A file-name slug from the headline, else from the address; always a valid id part."""
    for text in (headline, _words_of(url)):
        slug = slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)
        if slug:
            return slug
    return "article"


def _words_of(url: str) -> str:
    """The most telling part of an address: its last path segment with letters in it, else its host."""
    parts = urlsplit(url)
    segments = [segment.rsplit(".", 1)[0] for segment in parts.path.split("/") if segment]
    worded = [segment for segment in segments if any(char.isalpha() for char in segment)]
    return worded[-1] if worded else (parts.hostname or "").removeprefix("www.")


def skeleton_text(request: Request, today: datetime.date) -> str:
    """The new file's text; its summary is dated `today`, the day it is started."""
    host = (urlsplit(request.url).hostname or "").removeprefix("www.")
    values = {
        "headline": _folded(request.headline) or "TODO: the headline as published",
        "outlet": request.outlet or f"TODO: the id of the outlet ({host}) in content/outlets.yaml",
        "url": request.url,
        "published": request.published.iso() if request.published else "TODO: the publication date",
        "summarised": today.isoformat(),
    }
    return _TEMPLATE.format(
        **{key: _quoted(value) for key, value in values.items()},
        kinds=", ".join(_enum("source", "kind")),
        types=", ".join(_enum("event", "type")),
        roles=", ".join(_enum("actorRef", "role")),
        statuses=", ".join(_enum("claim", "status")),
        stances=", ".join(_enum("quote", "stance")),
        reliability_grades=", ".join(_enum("grade", "source")),
        command=COMMAND,
    )


def _folded(text: str) -> str:
    """One line, as a headline is shown: runs of whitespace and line breaks become one space."""
    return " ".join(text.split())


def _quoted(text: str) -> str:
    """`text` as one double-quoted YAML scalar; the emitter escapes what YAML would read differently."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=math.inf).rstrip("\n")


def _enum(definition: str, field: str) -> list[str]:
    entry = _definitions(definition)[field]
    if "$ref" in entry:  # a shared definition, such as sourceKind
        entry = _schema("definitions")["definitions"][entry["$ref"].rsplit("/", 1)[-1]]
    return list(entry["enum"])


def _schema(name: str) -> dict[str, Any]:
    # Not cached: the schemas follow the vocabulary in use (see vocabulary.py), and `new` reads few.
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema


def _article_schema() -> dict[str, Any]:
    return _schema("article")


def _definitions(name: str) -> dict[str, Any]:
    definition = _article_schema()["definitions"][name]
    properties: dict[str, Any] = definition.get("properties") or definition["oneOf"][1]["properties"]
    return properties


_TEMPLATE = """\
# yaml-language-server: $schema=../../builder/schemas/article.schema.json
# One news article, summarised. Replace every TODO and delete the optional lines
# you do not need; `{command} check` lists what is still unfinished.
# CONTRIBUTING.md explains every field and has a worked example.

# The article's headline, as published.
headline: {headline}
source:
  # The outlet's id in content/outlets.yaml, e.g. reuters (add the outlet there first).
  outlet: {outlet}
  # Link to the original article.
  url: {url}
  # Publication date: 2026-01-05, or 2026-01 or 2026 when that is all the page says.
  # The file name starts with it.
  published: {published}
  # Date of the latest update, when the page gives one.
  updated: "TODO: the date of the latest update, or delete this line"
  # Author or authors, when known.
  author: "TODO: the author's name, or delete this line"
  # ISO 639 code of the language of the original: en, uk, ru, de, fr, ...
  language: "TODO: the language code, such as en"
  # What kind of source this is: {kinds}.
  kind: "TODO: one of the kinds listed above"
# Our grade, Admiralty style (the site's grading page): the source's reliability, {reliability_grades},
# and the credibility of this article's information, 1 (confirmed) to 6 (cannot be judged).
grade:
  source: "TODO: a letter from A to F"
  information: "TODO: a number from 1 to 6"
# Our note on how far the source as a whole can be trusted, and why.
reliability: "TODO: a sentence on how reliable the source is"
# A summary in your own words, never copied; a blank line starts a new paragraph.
summary: |
  TODO: a summary in your own words
# The main points, one sentence each.
key_points:
  - "TODO: one main point in one sentence"
# Ids of the actors the article is about, from content/actors.yaml (add new ones there first).
actors:
  - "TODO: an actor id"
# Ids of the topics the article covers, from content/topics.yaml.
topics:
  - "TODO: a topic id"
# When you wrote this summary; change it whenever you revise the summary. Citations of it carry this date.
summarised: {summarised}
# Places the article mentions, by name, e.g. [Geneva, Kyiv].
places: []
# Dated events the article reports. To add one, replace [] with entries like this:
#   - id: "TODO: the event's id in other summaries ({command} ids events WORDS), or delete this line"
#     date: "TODO: when it happened: 2026-01-05, 2026-01 or 2026"
#     what: "TODO: what happened, in one sentence"
#     type: "TODO: one of {types}"
#     actors:
#       - id: "TODO: an actor id"
#         role: "TODO: one of {roles}, or delete this line"
#     topics:
#       - "TODO: a topic id"
#     place: "TODO: where it happened, or delete this line"
#     claim: "TODO: the id of the claim below that alone attests it, or delete this line"
events: []
# Quotes as the source reports them. To add one, replace [] with entries like this:
#   - speaker: "TODO: the speaker's actor id"
#     text: "TODO: the words as reported"
#     date: "TODO: when it was said, or delete this line"
#     place: "TODO: where it was said, or delete this line"
#     context: "TODO: a few words of context, or delete this line"
#     topic: "TODO: the topic id it is about, or delete this line"
#     stance: "TODO: one of {stances} (needs the topic), or delete this line"
#     status: "TODO: one of {statuses} (reported unless in doubt), or delete this line"
#     note: "TODO: why it has that status (needed unless reported or confirmed), or delete this line"
quotes: []
# Claims the article makes or reports, each with what we know of it. To add one:
#   - id: "TODO: a short id, unique across all summaries, e.g. kremlin-denies-strike"
#     by: "TODO: the claimant's actor id, or outlet when the source itself claims it"
#     text: "TODO: the claim, in our own words"
#     topic: "TODO: a topic id, or delete this line"
#     status: "TODO: one of {statuses}"
#     credibility: "TODO: 1 to 6 (1 for a confirmed claim, 5 for a false one)"
#     stance: "TODO: one of {stances} (needs the topic), or delete this line"
#     note: "TODO: why it has that status: what confirms, disputes or refutes it"
#     contradicts:
#       - "TODO: the id of a claim this one contradicts ({command} ids claims WORDS), or delete these two lines"
#     supports:
#       - "TODO: the id of a claim this one supports ({command} ids claims WORDS), or delete these two lines"
#     about:
#       - "TODO: the id of an actor the claim speaks of, or delete these two lines"
claims: []
"""

"""Stage 1: read the content folder into plain data that remembers where each value came from.

YAML 1.1 surprises are switched off: `NO`, `yes`, `false` and unquoted dates
stay strings. A duplicate key, an alias (or an anchor defined twice), a tag
that cannot make its value, deep nesting or an unreadable file is a problem to
report, not an exception. An anchor that nothing refers to is harmless and accepted.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError, SafeConstructor

from .errors import Problem, field_name

MAX_FILE_BYTES = 256 * 1024
"""Largest article file accepted; a summary is a few kilobytes."""
MAX_REGISTRY_BYTES = 8 * 1024 * 1024
"""Largest registry (actors.yaml, topics.yaml, outlets.yaml): 10,000 summaries name some 2,000 actors."""

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted; the article schema needs five levels."""

ACTORS_FILE = "actors.yaml"
TOPICS_FILE = "topics.yaml"
OUTLETS_FILE = "outlets.yaml"
ARTICLES_DIR = "articles"
REGISTRY_FILES = frozenset({ACTORS_FILE, TOPICS_FILE, OUTLETS_FILE})
EDITOR_SCHEMAS = PurePosixPath("build/schemas")
"""Where `python -m builder ids --editor-schemas` writes the schemas with the current ids, from the folder
above the content; build/ is never committed, so a file's first line points there only while it is written."""
YAML_SUFFIXES = (".yaml", ".yml")
"""What an article file's name ends in, in any case: `.yml` and `.YAML` are read and told to be renamed."""

_KEPT_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:null"})
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_SET_TAG = "tag:yaml.org,2002:set"
_PAIR_LIST_TAGS = {"tag:yaml.org,2002:omap": "an ordered map", "tag:yaml.org,2002:pairs": "pairs"}
_ALIAS_MESSAGE = "anchors and aliases (& and *) are not allowed; write the value out"

# No content field is a boolean, float or timestamp, so plain scalars stay text:
# `status: false`, `language: no` and `date: 2026-01-05` mean what they say. Only
# integers (bare years) and null keep their YAML meaning. Keyed by first character,
# as in PyYAML's resolver.
_IMPLICIT_TAGS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# Only the parser's events are used: libyaml's fast parser when PyYAML has it. Values
# are built from the events here rather than by PyYAML's composer and constructor:
# libyaml's composer recurses in C and crashes the whole process on input nested a
# few thousand levels deep, and PyYAML's Python composer is most of the load time. Measured
# on the 10,000-summary benchmark corpus: 6.8–8.7 s from the events here, 21.9–24.9 s for
# libyaml's composer alone, before any value is built: over a tenth of a whole build.
_Parser: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_PythonParser: type = yaml.BaseLoader
"""PyYAML's own parser, which sets no nesting limit of its own."""

_PARSER_DEPTH_LIMIT = "exceeded maximum nesting depth"
"""What libyaml 0.2.6 and later (in PyYAML 6.0.4's wheels) say at their own limit, 1,000 levels."""


class _TooDeepError(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.mark = mark


@dataclass(frozen=True, slots=True)
class Mark:
    # Every value of every file keeps one: slots halve their memory at 10,000 summaries.
    line: int
    column: int


class MarkedDict(dict[str, Any]):
    """A mapping that knows where it and each of its values start."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class MarkedList(list[Any]):
    """A sequence that knows where it and each of its items start."""

    mark: Mark
    value_marks: list[Mark]


def _mark_of(mark: yaml.Mark) -> Mark:
    return _shared_mark(mark.line + 1, mark.column + 1)


@functools.lru_cache(maxsize=1 << 14)
def _shared_mark(line: int, column: int) -> Mark:
    # Marks are immutable, and the same thousand or so positions recur in every summary:
    # sharing them saves a fifth of the load time (a frozen dataclass is slow to build)
    # and a fifth of the memory the loaded content takes.
    return Mark(line, column)


def _marked_dict(mark: Mark) -> MarkedDict:
    mapping = MarkedDict()
    mapping.mark, mapping.key_marks, mapping.value_marks = mark, {}, {}
    return mapping


def _marked_list(mark: Mark) -> MarkedList:
    sequence = MarkedList()
    sequence.mark, sequence.value_marks = mark, []
    return sequence


class _Builder:
    """Builds one file's values straight from the parser's events, with an explicit stack.

    It reports what PyYAML's safe loader reports, in its order. That loader composes the
    whole document before it builds any value, so problems with aliases come first, then
    duplicate and non-text keys in document order. A value the safe constructor cannot
    build (most tags) fails the whole file with the first such error, but only after the
    last event: a syntax error, deep nesting or a duplicate anchor anywhere wins over it.
    """

    def __init__(self, text: str, path: str, parser: type) -> None:
        self.parser = parser(text)
        self.path = path
        self.stack: list[_Frame] = []
        self.anchors: dict[str, yaml.Mark] = {}
        self.alias_problems: list[Problem] = []
        self.problems: list[Problem] = []
        self.errors: list[yaml.MarkedYAMLError] = []

    @property
    def has_aliases(self) -> bool:
        return bool(self.alias_problems)

    def read(self) -> Any:
        """The file's one document, or None for an empty file."""
        parser = self.parser
        parser.get_event()  # stream start
        data = None
        if not parser.check_event(yaml.StreamEndEvent):
            parser.get_event()  # document start
            root = parser.peek_event().start_mark  # where a second document's error points back to
            data = self.build()
            parser.get_event()  # document end
            if not parser.check_event(yaml.StreamEndEvent):
                extra = parser.get_event().start_mark
                raise ComposerError(
                    "expected a single document in the stream", root, "but found another document", extra
                )
        parser.get_event()  # stream end
        if self.errors:
            raise self.errors[0]
        return data

    def build(self) -> Any:
        """The document's root value: each event adds to the innermost open collection."""
        get_event, stack = self.parser.get_event, self.stack
        while True:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                value, mark = self.scalar(event), _mark_of(event.start_mark)
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                value, mark = frame.close(), frame.mark
            elif kind is yaml.AliasEvent:
                value, mark = self.alias(event), _mark_of(event.start_mark)
            else:
                value = self.open(event)
                if value is _OPENED:
                    continue
                mark = _mark_of(event.start_mark)
            if not stack:
                return value
            stack[-1].add(value, mark)

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        if event.anchor is not None:
            self.anchor(event)
        tag, value = event.tag, event.value
        if tag is None or tag == "!":
            # `!` asks for the usual resolution; libyaml flags such a scalar plain even when quoted.
            if not event.implicit[0] or value[:1] not in _IMPLICIT_TAGS:
                return value
            for tag, regexp in _IMPLICIT_TAGS[value[:1]]:
                if regexp.match(value):
                    return None if tag == "tag:yaml.org,2002:null" else self.construct(tag, event)
            return value
        return self.construct(tag, event)

    def open(self, event: yaml.CollectionStartEvent) -> Any:
        """Start a mapping or sequence; or, if its tag makes it something else, the whole value."""
        self.check_depth(len(self.stack), event)
        self.anchor(event)
        is_mapping = type(event) is yaml.MappingStartEvent
        tag, mark = event.tag, _mark_of(event.start_mark)
        if tag is None or tag == "!" or tag == (_MAP_TAG if is_mapping else _SEQ_TAG):
            self.stack.append(_Mapping(self, mark) if is_mapping else _Sequence(mark))
        elif is_mapping and tag == _SET_TAG:
            self.stack.append(_Set(self, mark, event.start_mark))
        elif not is_mapping and tag in _PAIR_LIST_TAGS:
            pairs = _PairList(self, mark, event.start_mark, _PAIR_LIST_TAGS[tag])
            self.stack.append(pairs)
            pairs.expect_item()
        else:
            # Any other tag refuses a collection, except that a scalar tag takes the value of
            # a `!!value` key: PyYAML's safe constructor decides, from the composed node.
            return self.construct(tag, event, self.compose_collection(event))
        return _OPENED

    def construct(self, tag: str, event: yaml.NodeEvent, node: yaml.Node | None = None) -> Any:
        """A tagged value or an implicit integer, as PyYAML's safe constructor builds it; None if it cannot."""
        if node is None:
            node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return SafeConstructor().construct_document(node)
        except yaml.MarkedYAMLError as error:
            self.errors.append(error)
        except (ArithmeticError, LookupError, AttributeError, TypeError, ValueError):
            # PyYAML's constructors fail with a bare exception on `!!int x`, `!!bool maybe`, `0b_`.
            shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else f"this {node.id}"
            message = f"{shown} cannot be read as {tag}"
            self.errors.append(ConstructorError(None, None, message, event.start_mark))
        return None

    def alias(self, event: yaml.AliasEvent) -> None:
        # An alias would share one value between places; refusing them rules out
        # "billion laughs" expansion in every later stage.
        self.alias_problems.append(self.problem_at(_mark_of(event.start_mark), _ALIAS_MESSAGE))

    def anchor(self, event: yaml.NodeEvent) -> None:
        # An anchor alone is harmless, but PyYAML refuses two values of the same name.
        anchor = event.anchor
        if anchor is None:
            return
        if anchor in self.anchors:
            first = self.anchors[anchor]
            message = f"found duplicate anchor {anchor!r}; first occurrence"
            raise ComposerError(message, first, "second occurrence", event.start_mark)
        self.anchors[anchor] = event.start_mark

    def check_depth(self, depth: int, event: yaml.Event) -> None:
        if depth >= MAX_DEPTH:
            raise _TooDeepError(event.start_mark)

    def compose(self, event: yaml.Event) -> yaml.Node:
        """The node PyYAML composed for a value that is not built here, with the same checks on the way."""
        if type(event) is yaml.MappingStartEvent or type(event) is yaml.SequenceStartEvent:
            self.check_depth(len(self.stack), event)
            self.anchor(event)
            return self.compose_collection(event)
        return self.compose_leaf(event)

    def compose_collection(self, start: yaml.CollectionStartEvent) -> yaml.Node:
        """The node of a collection whose start is read and checked, with everything inside it."""
        get_event = self.parser.get_event
        open_nodes: list[tuple[yaml.CollectionNode, list[yaml.Node]]] = []
        event: yaml.Event = start
        while True:
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if open_nodes:
                    self.check_depth(len(self.stack) + len(open_nodes), event)
                    self.anchor(event)
                node_type = yaml.MappingNode if kind is yaml.MappingStartEvent else yaml.SequenceNode
                open_nodes.append((node_type(event.tag, [], event.start_mark, event.end_mark), []))
                event = get_event()
                continue
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                node, children = open_nodes.pop()
                paired = isinstance(node, yaml.MappingNode)
                node.value = list(zip(children[::2], children[1::2], strict=True)) if paired else children
            else:
                node = self.compose_leaf(event)
            if not open_nodes:
                return node
            open_nodes[-1][1].append(node)
            event = get_event()

    def compose_leaf(self, event: yaml.NodeEvent) -> yaml.ScalarNode:
        if type(event) is yaml.AliasEvent:
            self.alias(event)  # and it stands for nothing
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.start_mark)
        self.anchor(event)
        return yaml.ScalarNode(event.tag, event.value, event.start_mark, event.end_mark, event.style)

    def problem_at(self, mark: Mark, message: str, field: str = "") -> Problem:
        return Problem(self.path, mark.line, mark.column, field, message)


_OPENED = object()
"""What `_Builder.open` gives for a collection whose values are still to come."""


class _Frame:
    """A collection being built: it takes each of its values, with its mark, as it is read."""

    __slots__ = ()
    mark: Mark

    def add(self, value: Any, mark: Mark) -> None:
        raise NotImplementedError

    def close(self) -> Any:
        raise NotImplementedError


class _Sequence(_Frame):
    __slots__ = ("mark", "sequence")

    def __init__(self, mark: Mark) -> None:
        self.mark = mark
        self.sequence = _marked_list(mark)

    def add(self, value: Any, mark: Mark) -> None:
        self.sequence.append(value)
        self.sequence.value_marks.append(mark)

    def close(self) -> MarkedList:
        return self.sequence


_NO_KEY = object()


class _Mapping(_Frame):
    __slots__ = ("builder", "key", "key_mark", "mapping", "mark")

    def __init__(self, builder: _Builder, mark: Mark) -> None:
        self.builder, self.mark = builder, mark
        self.mapping = _marked_dict(mark)
        self.key: Any = _NO_KEY
        self.key_mark = mark

    def add(self, value: Any, mark: Mark) -> None:
        key, mapping = self.key, self.mapping
        if key is not _NO_KEY:
            mapping[key] = value
            mapping.key_marks[key] = self.key_mark
            mapping.value_marks[key] = mark
            self.key = _NO_KEY
        elif self.accepts_key(value, mark):
            self.key, self.key_mark = value, mark
        else:
            # PyYAML never builds the value of a refused key: only its aliases, anchors and depth count.
            builder = self.builder
            builder.compose(builder.parser.get_event())

    def accepts_key(self, key: Any, mark: Mark) -> bool:
        builder, mapping = self.builder, self.mapping
        if not isinstance(key, str):
            builder.problems.append(builder.problem_at(mark, f"keys must be field names, not {key!r}"))
            return False
        if key in mapping:
            message = f"duplicate key {key!r} (first at line {mapping.value_marks[key].line})"
            builder.problems.append(builder.problem_at(mark, message, field_name((key,))))
            return False
        return True

    def close(self) -> MarkedDict:
        return self.mapping


class _Set(_Frame):
    """A mapping tagged `!!set`: the set of its keys, any of them, as PyYAML builds it."""

    __slots__ = ("builder", "is_key", "keys", "mark", "start")

    def __init__(self, builder: _Builder, mark: Mark, start: yaml.Mark) -> None:
        self.builder, self.mark, self.start = builder, mark, start
        self.keys: set[Any] = set()
        self.is_key = True

    def add(self, value: Any, mark: Mark) -> None:
        if self.is_key and isinstance(value, Hashable):
            self.keys.add(value)
        elif self.is_key:
            # The error points at the key, in PyYAML's zero-based terms.
            where = yaml.Mark(self.builder.path, -1, mark.line - 1, mark.column - 1, None, None)
            error = ConstructorError("while constructing a mapping", self.start, "found unhashable key", where)
            self.builder.errors.append(error)
        self.is_key = not self.is_key

    def close(self) -> set[Any]:
        return self.keys


class _PairList(_Frame):
    """A sequence tagged `!!omap` or `!!pairs`: a list of (key, value), each item a one-key mapping."""

    __slots__ = ("builder", "context", "mark", "pairs", "start")

    def __init__(self, builder: _Builder, mark: Mark, start: yaml.Mark, name: str) -> None:
        self.builder, self.mark, self.start = builder, mark, start
        self.context = f"while constructing {name}"
        self.pairs: list[tuple[Any, Any]] = []

    def expect_item(self) -> None:
        """Open the next item; items that are not mappings are refused unread, whatever their tag."""
        builder, parser = self.builder, self.builder.parser
        while not parser.check_event(yaml.SequenceEndEvent):
            event = parser.get_event()
            if type(event) is yaml.MappingStartEvent:
                builder.check_depth(len(builder.stack), event)
                builder.anchor(event)
                builder.stack.append(_Pair(builder, self, _mark_of(event.start_mark), event.start_mark))
                return
            found = "sequence" if type(event) is yaml.SequenceStartEvent else "scalar"
            message = f"expected a mapping of length 1, but found {found}"
            builder.errors.append(ConstructorError(self.context, self.start, message, event.start_mark))
            builder.compose(event)

    def add(self, value: Any, mark: Mark) -> None:
        self.pairs.append(value)
        self.expect_item()

    def close(self) -> list[tuple[Any, Any]]:
        return self.pairs


class _Pair(_Frame):
    """One item of a `_PairList`: its keys and values are built as they come, but only one of each is allowed."""

    __slots__ = ("builder", "errors_before", "items", "mark", "owner", "start")

    def __init__(self, builder: _Builder, owner: _PairList, mark: Mark, start: yaml.Mark) -> None:
        self.builder, self.owner, self.mark, self.start = builder, owner, mark, start
        self.items: list[Any] = []
        self.errors_before = len(builder.errors)

    def add(self, value: Any, mark: Mark) -> None:
        self.items.append(value)

    def close(self) -> tuple[Any, Any] | None:
        if len(self.items) == 2:
            return self.items[0], self.items[1]
        # PyYAML counted the keys before building any of them, so this error comes
        # before any found inside the item.
        message = f"expected a single mapping item, but found {len(self.items) // 2} items"
        error = ConstructorError(self.owner.context, self.owner.start, message, self.start)
        self.builder.errors[self.errors_before :] = [error]
        return None


@dataclass
class Document:
    """One content file: its display path, its id (file stem), its data and its first line."""

    path: str
    stem: str
    data: Any
    first_line: str = ""


@dataclass
class LoadedContent:
    actors: Document | None
    topics: Document | None
    outlets: Document | None
    articles: list[Document]
    problems: list[Problem] = field(default_factory=list)
    unreadable_articles: list[str] = field(default_factory=list)
    """Article files that could not be read at all, so whatever they define is unknown."""


ReadDocument = Callable[[Path, str], tuple["Document | None", list[Problem]]]


def load_content(content_dir: Path, reader: ReadDocument | None = None) -> LoadedContent:
    """Read the registries and every article file under `content_dir`.

    Only files whose real path is inside `content_dir` are read: a link that leads out of it, or
    to nothing, is a problem, and so is a folder where a file is expected. `reader` replaces
    `read_document`, e.g. by one that remembers the files it has read.
    """
    # Paths are shown from the folder above the content, whatever the working directory.
    content_dir = content_dir.resolve()
    root = content_dir.parent
    problems: list[Problem] = []
    reader = reader or read_document

    def read(path: Path, plain: bool = False) -> Document | None:
        shown = display_path(path, root)
        refusal = None if plain else not_readable(path, content_dir)
        if refusal is not None:
            problems.append(Problem(shown, 1, 1, "", refusal))
            return None
        document, found = reader(path, shown)
        problems.extend(found)
        return document

    actors = _read_required(content_dir / ACTORS_FILE, root, read, problems)
    topics = _read_required(content_dir / TOPICS_FILE, root, read, problems)
    outlets = _read_required(content_dir / OUTLETS_FILE, root, read, problems)
    articles, unreadable = [], []
    for path, plain in _article_files(content_dir):
        document = read(path, plain)
        if document is not None:
            articles.append(document)
        else:
            unreadable.append(display_path(path, root))
    return LoadedContent(actors, topics, outlets, articles, problems, unreadable)


def _article_files(content_dir: Path) -> Iterator[tuple[Path, bool]]:
    """Each file of the articles folder meant as an article, in order of name, and whether it is plainly readable.

    A regular file (not a link) in an articles folder that is itself inside the content needs no
    check of its own: only a link can lead out, and the folder's listing tells which entries are
    links. Checking every file's real path made loading under `mkdocs serve`, where unchanged
    files are not parsed again, 0.45 s at 10,000 summaries instead of 0.19 s (0.044 s, 0.017 s at 1,000).
    """
    articles_dir = content_dir / ARTICLES_DIR
    if not articles_dir.is_dir():
        return
    trusted = articles_dir.resolve().is_relative_to(content_dir)
    with os.scandir(articles_dir) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        path = Path(entry.path)
        if path.suffix.lower() not in YAML_SUFFIXES or entry.name.startswith(".#"):
            continue  # not meant as an article; .#name.yaml is the link Emacs keeps while a file is edited
        yield path, trusted and entry.is_file(follow_symlinks=False)


def _read_required(path: Path, root: Path, read: Any, problems: list[Problem]) -> Document | None:
    if path.exists() or path.is_symlink():
        return read(path)
    problems.append(Problem(display_path(path, root), 1, 1, "", "file is missing"))
    return None


def not_readable(path: Path, content_dir: Path) -> str | None:
    """Why the content file at `path` is not read at all, or None; nothing of a refused file is read.

    `content_dir` is resolved. A link may lead to another file of the content, never out of it: a
    pull request could otherwise have the check print or publish any file of the machine it runs on.
    """
    if path.is_symlink() and not path.exists():
        return "is a link that leads to no file; remove it, or put the file itself here"
    try:
        inside = path.resolve().is_relative_to(content_dir)
    except (OSError, RuntimeError):  # a loop of links
        inside = False
    if not inside:
        folder = content_dir.name
        return (
            f"is reached through a link, and its real path is outside the {folder} folder; only files "
            f"inside {folder}/ are read, so put the file itself here"
        )
    if path.is_dir():
        return "is a folder, not a file; a content file is one YAML file"
    if not path.is_file():
        return "is not a regular file; a content file is one YAML file"
    return None


def display_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_document(path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
    """One content file as a Document, or None with the problems that stop it being read."""
    text, found = read_text(path, shown_as)
    data, parsed = parse_text(text, shown_as) if text is not None else (None, [])
    if text is None or (parsed and data is None):
        return None, found + parsed
    return Document(shown_as, path.stem, data, first_line(text)), found + parsed


def parse_file(path: Path, shown_as: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; never raises for bad content."""
    text, problems = read_text(path, shown_as)
    return (None, problems) if text is None else parse_text(text, shown_as)


def read_text(path: Path, shown_as: str) -> tuple[str | None, list[Problem]]:
    """A file's text, or the reason it cannot be had: unreadable, too large, not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown_as, 1, 1, "", f"cannot be read: {error.strerror}")]
    limit = MAX_REGISTRY_BYTES if path.name in REGISTRY_FILES and path.parent.name != ARTICLES_DIR else MAX_FILE_BYTES
    if len(raw) > limit:
        return None, [Problem(shown_as, 1, 1, "", f"is {len(raw)} bytes; the limit is {limit} bytes")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, error.start) + 1 : error.start].decode("utf-8", "replace")) + 1
        message = f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        return None, [Problem(shown_as, line, column, "", message)]


def first_line(text: str) -> str:
    return text.split("\n", 1)[0].rstrip("\r")


def parse_text(text: str, shown_as: str) -> tuple[Any, list[Problem]]:
    """Parse one file's decoded text; never raises for bad content."""
    return _parse_with(_Parser, text, shown_as)


def _parse_with(parser: type, text: str, shown_as: str) -> tuple[Any, list[Problem]]:
    builder = _Builder(text, shown_as, parser)
    try:
        data = builder.read()
    except yaml.MarkedYAMLError as error:
        if error.problem == _PARSER_DEPTH_LIMIT and parser is not _PythonParser:
            # Newer libyaml reads ahead and can reach its own limit before the builder reaches
            # MAX_DEPTH; the Python parser has none, so the problem is found where it always was.
            return _parse_with(_PythonParser, text, shown_as)
        return None, [_syntax_problem(error, text, shown_as)]
    except yaml.reader.ReaderError as error:
        return None, [_character_problem(error, text, shown_as)]
    except _TooDeepError as error:
        message = f"nests lists and mappings more than {MAX_DEPTH} levels deep"
        return None, [Problem(shown_as, error.mark.line + 1, error.mark.column + 1, "", message)]
    finally:
        builder.parser.dispose()
    # Every alias was read as nothing, so the rest of the data would only echo these problems.
    return (None if builder.has_aliases else data), builder.alias_problems + builder.problems


_YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, shown_as: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(shown_as, line, column, "", _syntax_message(error, _char_at(text, line, column)))


def _syntax_message(error: yaml.MarkedYAMLError, char: str) -> str:
    problem = error.problem or error.context or "unreadable"
    # The parser's own words are right but cryptic for the common slips.
    if char == "\t" or "tab" in problem:
        return "a tab is used for indentation here; YAML is indented with spaces only"
    if problem == "but found another document":
        return "holds more than one YAML document; a content file is one document, so remove the extra '---'"
    if problem == _PARSER_DEPTH_LIMIT:
        return f"nests lists and mappings more than {MAX_DEPTH} levels deep"
    if problem.startswith("could not determine a constructor for the tag"):
        return f"YAML tags are not allowed ({problem.rsplit(' ', 1)[-1]}); remove the tag and write the plain value"
    return f"is not valid YAML: {problem}"


def _char_at(text: str, line: int, column: int) -> str:
    lines = _YAML_LINE_BREAK.split(text)
    row = lines[line - 1] if 0 < line <= len(lines) else ""
    return row[column - 1] if 0 < column <= len(row) else ""


def _character_problem(error: yaml.reader.ReaderError, text: str, shown_as: str) -> Problem:
    char = chr(error.character) if isinstance(error.character, int) else str(error.character)
    offset = max(text.find(char), 0)
    line = len(_YAML_LINE_BREAK.findall(text, 0, offset)) + 1
    column = offset - max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset))
    message = f"contains the control character U+{ord(char):04X}, which YAML does not allow; delete it"
    return Problem(shown_as, line, column, "", message)

"""Stage 1: read the content folder into plain data that remembers where each value came from.

YAML 1.1 surprises are switched off: `NO`, `yes`, `false` and unquoted dates
stay strings. A duplicate key, an anchor/alias, deep nesting or an unreadable
file is a problem to report, not an exception.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError

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

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_KEPT_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:null"})


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


def _mark_of(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _ContentLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that records positions, duplicate keys and aliases."""

    # No content field is a boolean, float or timestamp, so plain scalars stay
    # text: `status: false`, `language: no` and `date: 2026-01-05` mean what
    # they say. Only integers (bare years) and null keep their YAML meaning.
    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    # Nodes are composed by PyYAML's Python composer, bounded in depth: libyaml's
    # composer recurses in C and crashes the whole process on input nested a few
    # thousand levels deep. Events still come from the fast C parser when present.
    get_single_node = Composer.get_single_node
    compose_document = Composer.compose_document
    compose_scalar_node = Composer.compose_scalar_node
    compose_sequence_node = Composer.compose_sequence_node
    compose_mapping_node = Composer.compose_mapping_node

    def __init__(self, stream: str, path: str) -> None:
        super().__init__(stream)
        self.path = path
        self.problems: list[Problem] = []
        self.anchors: dict[str, yaml.Node] = {}
        self.depth = 0
        self.has_aliases = False

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        if self.check_event(yaml.AliasEvent):
            # An alias would share one node between places; refusing them rules
            # out "billion laughs" expansion in every later stage.
            mark = self.get_event().start_mark
            self.problem_at(mark, "anchors and aliases (& and *) are not allowed; write the value out")
            self.has_aliases = True
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", mark, mark)
        if not self.check_event(yaml.SequenceStartEvent, yaml.MappingStartEvent):
            return Composer.compose_node(self, parent, index)
        if self.depth >= MAX_DEPTH:
            raise _TooDeepError(self.peek_event().start_mark)
        self.depth += 1
        try:
            return Composer.compose_node(self, parent, index)
        finally:
            self.depth -= 1

    def problem_at(self, mark: yaml.Mark, message: str, field: str = "") -> None:
        self.problems.append(Problem(self.path, mark.line + 1, mark.column + 1, field, message))

    def problem(self, node: yaml.Node, message: str, field: str = "") -> None:
        self.problem_at(node.start_mark, message, field)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # Deep, so that sets and other lazily built values are whole before validation sees them.
        try:
            return super().construct_object(node, deep=True)
        except (ArithmeticError, LookupError, AttributeError, TypeError, ValueError) as error:
            # PyYAML's constructors fail with a bare exception on `!!int x`, `!!bool maybe`, `0b_`.
            shown = repr(node.value) if isinstance(node, yaml.ScalarNode) else f"this {node.id}"
            message = f"{shown} cannot be read as {node.tag}"
            raise ConstructorError(None, None, message, node.start_mark) from error

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        # Merge keys mean nothing in content (`<<` is an ordinary key): a `!!merge` or
        # `!!value` tag, even inside a `!!set`, is refused like any other tag.
        pass

    def construct_marked_mapping(self, node: yaml.MappingNode) -> MarkedDict:
        if not isinstance(node, yaml.MappingNode):
            raise ConstructorError(None, None, f"expected a mapping node, but found {node.id}", node.start_mark)
        mapping = MarkedDict()
        mapping.mark, mapping.key_marks, mapping.value_marks = _mark_of(node), {}, {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node)
            if not isinstance(key, str):
                self.problem(key_node, f"keys must be field names, not {key!r}")
                continue
            if key in mapping:
                message = f"duplicate key {key!r} (first at line {mapping.value_marks[key].line})"
                self.problem(key_node, message, field_name((key,)))
                continue
            mapping[key] = self.construct_object(value_node)
            mapping.key_marks[key] = _mark_of(key_node)
            mapping.value_marks[key] = _mark_of(value_node)
        return mapping

    def construct_marked_sequence(self, node: yaml.SequenceNode) -> MarkedList:
        if not isinstance(node, yaml.SequenceNode):
            raise ConstructorError(None, None, f"expected a sequence node, but found {node.id}", node.start_mark)
        sequence = MarkedList(self.construct_object(item) for item in node.value)
        sequence.mark, sequence.value_marks = _mark_of(node), [_mark_of(item) for item in node.value]
        return sequence


_ContentLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _ContentLoader.construct_marked_mapping)
_ContentLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _ContentLoader.construct_marked_sequence
)


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

    `reader` replaces `read_document`, e.g. by one that remembers the files it has read.
    """
    # Paths are shown from the folder above the content, whatever the working directory.
    content_dir = content_dir.resolve()
    root = content_dir.parent
    problems: list[Problem] = []
    reader = reader or read_document

    def read(path: Path) -> Document | None:
        document, found = reader(path, display_path(path, root))
        problems.extend(found)
        return document

    actors = _read_required(content_dir / ACTORS_FILE, root, read, problems)
    topics = _read_required(content_dir / TOPICS_FILE, root, read, problems)
    outlets = _read_required(content_dir / OUTLETS_FILE, root, read, problems)
    articles_dir = content_dir / ARTICLES_DIR
    articles, unreadable = [], []
    for path in sorted(articles_dir.glob("*")) if articles_dir.is_dir() else []:
        if path.suffix in (".yaml", ".yml") and path.is_file():
            document = read(path)
            if document is not None:
                articles.append(document)
            else:
                unreadable.append(display_path(path, root))
    return LoadedContent(actors, topics, outlets, articles, problems, unreadable)


def _read_required(path: Path, root: Path, read: Any, problems: list[Problem]) -> Document | None:
    if path.is_file():
        return read(path)
    problems.append(Problem(display_path(path, root), 1, 1, "", "file is missing"))
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
    loader = _ContentLoader(text, shown_as)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, shown_as)]
    except yaml.reader.ReaderError as error:
        return None, [_character_problem(error, text, shown_as)]
    except _TooDeepError as error:
        message = f"nests lists and mappings more than {MAX_DEPTH} levels deep"
        return None, [Problem(shown_as, error.mark.line + 1, error.mark.column + 1, "", message)]
    finally:
        loader.dispose()
    # Every alias was read as nothing, so the rest of the data would only echo these problems.
    return (None if loader.has_aliases else data), loader.problems


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

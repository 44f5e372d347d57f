"""Rebuilding after an edit without redoing the work for what did not change.

Under `mkdocs serve` the plugin keeps one `Caches` between builds:

- a file is parsed again only when its bytes changed, and checked and built again only then
  (checks that look across files always run: see validate.FileMemo);
- the index is reused when the edit touched only what an article's own page shows;
- a page is rendered again only when something it read from the index changed. Pages are
  rendered through `RecordingIndex`, which notes every entry a page reads, so what a page
  depends on is recorded as it renders rather than listed by hand.

Other pages see an article through its face: the article without the fields only its own page
shows. A field not known to be own-page-only is compared everywhere; forgetting one in
`_OWN_PAGE_ONLY` costs time, never correctness. A clean build starts with empty caches and
renders everything, so its output never depends on them.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import operator
import typing
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from .errors import Problem
from .exports import DownloadSizes, RowMemo
from .feeds import FeedMemo
from .index import Index, build_index, related_articles
from .load import Document, read_document
from .model import Actor, Article, Content, Outlet
from .paths import DATA_FOLDER
from .render import (
    ArticleView,
    DataView,
    Generated,
    GeneratedFile,
    GeneratedPage,
    View,
    plan_views,
    render_files,
    render_view,
    template_environment,
)
from .site import Site
from .text import inline
from .validate import FileMemo

# Shown on an article's own page only (article.html.j2, its head and its JSON-LD), and in the
# feeds and data files, which are written again after every edit.
_OWN_PAGE_ONLY = {"summary": "", "key_points": (), "reliability": "", "places": ()}
_OWN_PAGE_ONLY_SOURCE = {"url": "", "author": "", "language": "", "updated": None}


def face(article: Article) -> Article:
    """The article as pages other than its own can show it."""
    source = dataclasses.replace(article.source, **_OWN_PAGE_ONLY_SOURCE)
    return dataclasses.replace(article, source=source, **_OWN_PAGE_ONLY)


class DocumentCache:
    """`load.read_document`, handing back the same Document while a file's bytes stay the same."""

    def __init__(self) -> None:
        self._read: dict[Path, tuple[bytes, tuple[Document | None, list[Problem]]]] = {}

    def __call__(self, path: Path, shown_as: str) -> tuple[Document | None, list[Problem]]:
        try:
            raw = path.read_bytes()
        except OSError:
            return read_document(path, shown_as)
        # Bytes, not modification times: two saves within one clock tick must not look alike.
        remembered = self._read.get(path)
        if remembered is None or remembered[0] != raw or _shown_as(remembered[1]) not in (None, shown_as):
            remembered = (raw, read_document(path, shown_as))
            self._read[path] = remembered
        return remembered[1]


def _shown_as(read: tuple[Document | None, list[Problem]]) -> str | None:
    document, problems = read
    return document.path if document else (problems[0].path if problems else None)


class Faces:
    """Each article's face, computed once per article object."""

    def __init__(self) -> None:
        self._faces: dict[int, tuple[Article, Article]] = {}

    def __call__(self, article: Article) -> Article:
        remembered = self._faces.get(id(article))
        if remembered is None or remembered[0] is not article:
            remembered = (article, face(article))
            self._faces[id(article)] = remembered
        return remembered[1]

    def keep_only(self, *contents: Content) -> None:
        kept = {id(article) for content in contents for article in content.articles.values()}
        self._faces = {key: value for key, value in self._faces.items() if key in kept}


def same(old: Any, new: Any, faces: Faces) -> bool:
    """Equal as any page but an article's own shows them: articles compare by their faces."""
    if old is new:
        return True
    if type(old) is not type(new):
        return False
    if isinstance(old, Article):
        return faces(old) == faces(new)
    if (own_page_only := _REGISTRY_OWN_PAGE_ONLY.get(type(old))) is not None:
        return all(
            getattr(old, f.name) == getattr(new, f.name) for f in dataclasses.fields(old) if f.name not in own_page_only
        )
    if isinstance(old, list | tuple):
        return len(old) == len(new) and all(same(a, b, faces) for a, b in zip(old, new, strict=True))
    if isinstance(old, dict):
        return list(old) == list(new) and all(same(old[key], new[key], faces) for key in old)
    if dataclasses.is_dataclass(old) and not _opaque(type(old)):
        return all(same(getattr(old, f.name), getattr(new, f.name), faces) for f in dataclasses.fields(old))
    return old == new


_REGISTRY_OWN_PAGE_ONLY = {Actor: {"description"}, Outlet: {"description"}}
"""Registry fields that only the entry's own page shows; its view holds them too, so that page is
rendered again when they change (see plan_views), and none of the hundreds that show its name."""


@functools.cache
def _opaque(kind: type) -> bool:
    """Types that can hold no Article: plain values and the model's parts of an article.

    Asked once per type: the index holds some hundred thousand such values to pass over."""
    if kind in (str, int, float, bool, type(None)):
        return True
    return kind.__module__ in ("builder.model", "builder.dates") and not issubclass(kind, Article | Content)


class IndexMemo:
    """The last index, reused when an edit changed only fields that articles' own pages show."""

    def __init__(self, faces: Faces) -> None:
        self._faces = faces
        self._index: Index | None = None
        self._related = RelatedMemo()

    def build_index(self, content: Content) -> Index:
        previous = self._index
        if previous is not None and _only_own_page_fields_changed(previous.content, content, self._faces):
            self._index = _with_articles_of(previous, content)
        else:
            self._index = build_index(content, self._related)
        return self._index


class RelatedMemo:
    """`index.related_articles`, worked out again only when an article's id, date, topics or actors change.

    Those are all it ranks by. A quote, claim or registry edit needs a new index but seldom new
    related articles: at 10,000 summaries ranking them takes 1.0 s, handing back the last
    ranking 0.1 s at most.
    """

    def __init__(self) -> None:
        self._ranked_by: list[tuple[Any, ...]] = []
        self._related: dict[str, list[str]] = {}

    def __call__(self, articles: list[Article]) -> dict[str, list[Article]]:
        ranked_by = [(a.id, a.published, a.topics, a.mentioned_actors) for a in articles]
        if ranked_by != self._ranked_by:
            related = related_articles(articles)
            self._ranked_by = ranked_by
            self._related = {article_id: [other.id for other in listed] for article_id, listed in related.items()}
            return related
        # The same articles by id, as this build's objects: pages compare them with the last build's.
        by_id = {article.id: article for article in articles}
        return {article_id: [by_id[other] for other in listed] for article_id, listed in self._related.items()}


def _only_own_page_fields_changed(old: Content, new: Content, faces: Faces) -> bool:
    # The index keeps registry entries by id and derives nothing from what only their own pages
    # show: an edited description keeps it (at 10,000 summaries, 1.2 s of such a rebuild otherwise).
    registries = ("actors", "topics", "outlets", "claims", "actors_file", "topics_file", "outlets_file")
    if not all(same(getattr(old, name), getattr(new, name), faces) for name in registries):
        return False
    return list(old.articles) == list(new.articles) and same(old.articles, new.articles, faces)


def _with_articles_of(index: Index, content: Content) -> Index:
    """The index with every article object replaced by the new one of the same id.

    The index derives nothing from own-page-only fields, so this is the index that
    `build_index(content)` would give; containers without a replaced article stay the same objects.
    """
    replaced = {
        id(old): content.articles[article_id]
        for article_id, old in index.content.articles.items()
        if old is not content.articles[article_id]
    }
    fields = {name: _swap(getattr(index, name), replaced) for name in _fields_holding_articles()}
    return dataclasses.replace(index, **{**fields, "content": content})


@functools.cache
def _fields_holding_articles() -> tuple[str, ...]:
    """The index's fields whose declared type can hold an Article; the others need no pass at all.

    The content is left out: the new content replaces it whole."""
    return tuple(name for name in _fields_of(Index) if name != "content")


def _can_hold_article(hint: Any) -> bool:
    if hint is Article or hint is Any or hint is object:
        return True
    if typing.get_origin(hint) is not None:  # list[...], dict[...], tuple[...], X | Y
        return any(_can_hold_article(arg) for arg in typing.get_args(hint) if arg is not Ellipsis)
    if dataclasses.is_dataclass(hint):
        return any(_can_hold_article(field_hint) for field_hint in typing.get_type_hints(hint).values())
    return False


def _swap(value: Any, replaced: dict[int, Article]) -> Any:
    if _opaque(type(value)):
        return value
    if isinstance(value, Article):
        return replaced.get(id(value), value)
    if isinstance(value, list | tuple):
        # Most lists are of articles: those are looked up here rather than in a call each.
        items = [replaced.get(id(item), item) if type(item) is Article else _swap(item, replaced) for item in value]
        changed = any(map(operator.is_not, items, value))
        return (items if isinstance(value, list) else tuple(items)) if changed else value
    if isinstance(value, dict):
        swapped = {key: _swap(item, replaced) for key, item in value.items()}
        if not any(map(operator.is_not, swapped.values(), value.values())):
            return value
        copy = value.copy()  # keeps a defaultdict a defaultdict
        copy.update(swapped)
        return copy
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = {name: _swap(getattr(value, name), replaced) for name in _fields_of(type(value))}
        changed = any(parts[name] is not getattr(value, name) for name in parts)
        return dataclasses.replace(value, **parts) if changed else value
    return value


@functools.cache
def _fields_of(kind: type) -> tuple[str, ...]:
    """A dataclass's fields whose declared type can hold an Article, read once per type."""
    hints = typing.get_type_hints(kind)
    return tuple(f.name for f in dataclasses.fields(kind) if f.init and _can_hold_article(hints[f.name]))


# What a page read from one dict of the index: one entry, the keys in order, or everything.
KEYS = "<keys>"
ALL = "<all>"
Read = tuple[tuple[str, ...], Any]


class RecordingMapping(Mapping):
    """A read-only view of one dict of the index that notes what is read from it."""

    def __init__(self, name: tuple[str, ...], real: dict, reads: set[Read]) -> None:
        self._name, self._real, self._reads = name, real, reads

    def __getitem__(self, key: Any) -> Any:
        self._reads.add((self._name, key))
        return self._real[key]

    def get(self, key: Any, default: Any = None) -> Any:
        self._reads.add((self._name, key))
        return self._real.get(key, default)

    def __contains__(self, key: object) -> bool:
        self._reads.add((self._name, key))
        return key in self._real

    def __iter__(self) -> Iterator[Any]:
        self._reads.add((self._name, KEYS))
        return iter(self._real)

    def __len__(self) -> int:
        self._reads.add((self._name, KEYS))
        return len(self._real)

    def keys(self) -> Any:
        self._reads.add((self._name, KEYS))
        return self._real.keys()

    def values(self) -> Any:
        self._reads.add((self._name, ALL))
        return self._real.values()

    def items(self) -> Any:
        self._reads.add((self._name, ALL))
        return self._real.items()


class _Recording:
    """Attribute access that notes what is read: dicts entry by entry, anything else whole."""

    def __init__(self, prefix: tuple[str, ...], real: Any, reads: set[Read]) -> None:
        self._prefix, self._real, self._reads = prefix, real, reads

    def __getattr__(self, name: str) -> Any:
        declared = _declared(type(self._real), name)
        # Methods and properties read through `self`: run them on this object so their reads are noted too.
        if isinstance(declared, property):
            return declared.fget(self)  # type: ignore[misc]
        if inspect.isfunction(declared):
            return declared.__get__(self)
        value = getattr(self._real, name)
        if isinstance(value, dict):
            return RecordingMapping((*self._prefix, name), value, self._reads)
        if isinstance(value, Content):
            return _Recording((*self._prefix, name), value, self._reads)
        self._reads.add(((*self._prefix, name), ALL))
        return value


@functools.cache
def _declared(kind: type, name: str) -> Any:
    """What a class declares under `name`; asked for every attribute a page reads, so asked once."""
    return inspect.getattr_static(kind, name, None)


class RecordingIndex(_Recording):
    """The index as pages see it while rendering; `reads` is what the page being rendered read."""

    def __init__(self) -> None:
        super().__init__((), None, set())

    def record(self, index: Index) -> set[Read]:
        """Start a page: reads from now on go to a new set, returned."""
        self._real, self._reads = index, set()
        return self._reads


def _parts(index: Index) -> dict[tuple[str, ...], Any]:
    """Everything `RecordingIndex` can hand out, by name: the index's attributes and the content's."""
    parts = {(name,): value for name, value in vars(index).items() if name != "content"}
    parts.update({("content", name): value for name, value in vars(index.content).items()})
    return parts


@dataclasses.dataclass
class Changes:
    """What differs between two indexes, as pages other than an article's own can see it."""

    entries: dict[tuple[str, ...], set[Any]]
    """For each dict: the keys whose value changed, appeared or disappeared."""
    orders: set[tuple[str, ...]]
    """Dicts whose keys changed, in membership or order."""
    wholes: set[tuple[str, ...]]
    """Anything else that changed."""
    articles: set[str]
    """Articles that changed in any field: their own pages show every field."""

    @classmethod
    def between(cls, old: Index, new: Index, faces: Faces) -> Changes:
        changes = cls({}, set(), set(), set())
        before, after = _parts(old), _parts(new)
        for name in before.keys() | after.keys():
            first, second = before.get(name), after.get(name)
            if isinstance(first, dict) and isinstance(second, dict):
                changes.compare_dicts(name, first, second, faces)
            elif not same(first, second, faces):
                changes.wholes.add(name)
        changes.articles = {
            article_id
            for article_id, article in new.content.articles.items()
            if old.content.articles.get(article_id) is not article and old.content.articles.get(article_id) != article
        }
        return changes

    def compare_dicts(self, name: tuple[str, ...], old: dict, new: dict, faces: Faces) -> None:
        if old is new:
            return
        if list(old) != list(new):
            self.orders.add(name)
        changed = {key for key in old.keys() ^ new.keys()}
        changed |= {key for key in old.keys() & new.keys() if not same(old[key], new[key], faces)}
        if changed:
            self.entries[name] = changed

    def touch(self, reads: set[Read]) -> bool:
        if not (self.wholes or self.orders or self.entries):
            return False  # an edit of what only its article's own page shows
        for name, key in reads:
            if name in self.wholes:
                return True
            if key is KEYS:
                if name in self.orders:
                    return True
            elif key is ALL:
                if name in self.orders or name in self.entries:
                    return True
            elif key in self.entries.get(name, ()):
                return True
        return False


@dataclasses.dataclass(frozen=True)
class _Rendered:
    view: View
    reads: set[Read]
    page: GeneratedPage
    entries: Any = None
    """A part of a long list: the count and the entries it showed, compared in place of its reads of the list."""


class RenderMemo:
    """The pages of the last build, each with what it read while rendering."""

    def __init__(self, faces: Faces) -> None:
        self._faces = faces
        self._recorder = RecordingIndex()
        self._compiled = CompiledTemplates()
        self._site: Site | None = None
        self._index: Index | None = None
        self._environment_reads: set[Read] = set()
        self._pages: dict[str, _Rendered] = {}
        self._files = (FeedMemo(), RowMemo())
        self._download_sizes: dict[str, str] = {}
        """Each download's size as the codebook last showed it."""
        self.rendered = 0
        """How many pages the last build rendered, for tests and measurements."""

    def render_pages(self, index: Index, site: Site) -> dict[str, Generated]:
        """Every page and file, as `render.render_pages` gives them, rendering only pages whose reads changed."""
        changes = Changes.between(self._index, index, self._faces) if self._index is not None else None
        if changes is None or site != self._site or changes.touch(self._environment_reads):
            self._pages = {}  # what every page is rendered with changed: render them all
        # Feeds and data files show every article in full: after an edit, only feeds whose entries
        # changed are written again, and downloads are joined from the kept rows of the others.
        files = render_files(index, site, self._files)
        sizes = self._sizes_of(files)
        environment = self._environment(index, site)
        environment.globals["download_size"] = sizes.label
        pages: dict[str, Generated] = {}
        kept: dict[str, _Rendered] = {}
        self.rendered = 0
        for view in plan_views(index):
            before = self._pages.get(view.path)
            entries = view.shown(index) if view.shows_only_its_entries else None
            if before is None or self._stale(before, view, changes) or not self._same(before.entries, entries):
                reads = self._recorder.record(index)
                page = render_view(view, self._recorder, site, environment)  # type: ignore[arg-type]
                if entries is not None:
                    reads -= self._list_reads(view, index)
                before = _Rendered(view, reads, page, entries)
                self.rendered += 1
            pages[view.path], kept[view.path] = before.page, before
        self._recorder.record(index)  # let go of the last page's read set
        self._site, self._index, self._pages = site, index, kept
        pages.update(files)
        inline.cache_clear()  # as render_each does: a session would otherwise keep every text it ever showed
        return pages

    def _sizes_of(self, files: dict[str, GeneratedFile]) -> DownloadSizes:
        """The downloads' sizes; the codebook, which shows them, is rendered again when one shows differently.

        Any field of any entry can change a download's size, so no read of the index tells.
        """
        downloads = f"{DATA_FOLDER}/"
        sizes = DownloadSizes.of({path: file.data for path, file in files.items() if path.startswith(downloads)})
        labels = sizes.labels()
        if labels != self._download_sizes:
            self._pages = {path: kept for path, kept in self._pages.items() if not isinstance(kept.view, DataView)}
            self._download_sizes = labels
        return sizes

    def _environment(self, index: Index, site: Site) -> jinja2.Environment:
        """A new environment per build, so nothing it holds is from an older index; templates compiled once."""
        self._environment_reads = self._recorder.record(index)
        environment = template_environment(self._recorder, site)  # type: ignore[arg-type]
        environment.bytecode_cache = self._compiled
        return environment

    def _list_reads(self, view: View, index: Index) -> set[Read]:
        """What reading a part's list and count reads: every entry of the list's source.

        A quote edit changes one entry of the speaker's statements; each part of that list then
        compares the entries it shows instead (`_same`), so one part is rendered again, not all
        of them: at 1,000 summaries a quote edit rendered 312 pages, most of them parts.
        """
        reads = self._recorder.record(index)
        view.shown(self._recorder)  # type: ignore[arg-type]
        return reads

    def _same(self, before: Any, now: Any) -> bool:
        return before is None if now is None else before is not None and same(before, now, self._faces)

    @staticmethod
    def _stale(before: _Rendered, view: View, changes: Changes | None) -> bool:
        if changes is None or before.view != view:
            return True
        if isinstance(view, ArticleView) and view.article_id in changes.articles:
            return True
        return changes.touch(before.reads)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja bytecode kept in memory for the whole session."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class Caches:
    """What one `mkdocs serve` session keeps from build to build."""

    def __init__(self) -> None:
        self.faces = Faces()
        self.documents = DocumentCache()
        self.files = FileMemo()
        self.index = IndexMemo(self.faces)
        self.render = RenderMemo(self.faces)
        self.theme_templates = CompiledTemplates()
        """MkDocs makes a new theme environment for every rebuild; its templates need compiling once."""
        self._content: Content | None = None

    def generate(self, content: Content, site: Site) -> dict[str, Generated]:
        pages = self.render.render_pages(self.index.build_index(content), site)
        # Faces of the articles of this build and the last are what the next comparison needs.
        self.faces.keep_only(content, *([self._content] if self._content else []))
        self._content = content
        return pages

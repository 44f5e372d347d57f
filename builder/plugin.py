"""The MkDocs plugin: a thin shell that wires MkDocs events to the builder's stages."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import posixpath
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import Caches, ContentError, Generated, GeneratedPage, Site, check_content, chrome, each_page
from .links import BrokenLinks, LinkCheck
from .output import PageFolder, PageMemory, Written
from .paths import page_url
from .schema import SCHEMA_FILES, schema_file_name, schema_text
from .search import SearchIndexError, SiteSearch, mark_for_search, search_scope
from .site import home_intro
from .vocabulary import (
    DEFAULT_EVENT_TYPES,
    DEFAULT_SOURCE_KINDS,
    DEFAULT_STANCES,
    LEGEND_SECTIONS,
    PLUGIN_NAME,
    Vocabulary,
    vocabulary_from,
)
from .vocabulary import use as use_vocabulary

log = get_plugin_logger(__name__)

SCHEMAS_DIR = "schemas"
"""Where the site serves the JSON Schemas, so that anyone can validate content against the published ones."""

THEME_DIR = Path(__file__).parent / "theme"
"""The templates, partials, stylesheet and script the pages need, on top of Material's."""

PAGES_DIR = Path(__file__).parent / "pages"
"""Hand-written pages every site gets: the search page and the grading legend."""

STYLESHEET = "stylesheets/tracker.css"
SEARCH_PAGE = "search.md"


class TrackerConfig(base.Config):
    content_dir = options.Dir(exists=True, default="content")
    """The folder holding actors.yaml, topics.yaml and articles/, relative to mkdocs.yml."""
    title = options.Optional(options.Type(str))
    """The home page's heading; by default the site's name."""
    intro = options.Optional(options.Type(str))
    """The home page's opening, as HTML, as written (like `copyright`); by default the site's description."""
    source_kinds = options.DictOfItems(options.Type(str), default=dict(DEFAULT_SOURCE_KINDS))
    """Every kind of source (`source.kind`, an outlet's `kind`) as `id: label`, the label as pages show it."""
    event_types = options.ListOfItems(options.Type(str), default=list(DEFAULT_EVENT_TYPES))
    """Every type of event (`events[].type`)."""
    stances = options.DictOfItems(options.Type(str), default=dict(DEFAULT_STANCES))
    """Every stance a quote or claim can take (`stance`) as `id: label`."""
    legend = options.ListOfItems(options.Choice(LEGEND_SECTIONS), default=list(LEGEND_SECTIONS))
    """What the grading legend (grading.md) explains: grades (always: article pages link to them), statuses, stances."""


class TrackerPlugin(BasePlugin[TrackerConfig]):
    """Adds the generated pages to the site as files of a temporary folder; nothing is written to the project."""

    def __init__(self) -> None:
        self.serving = False
        self.sigterm: Any = _NOT_INSTALLED
        """SIGTERM's handler from before `mkdocs serve` started, while the plugin's own is installed."""
        self.search = SiteSearch()
        self.caches: Caches | None = None
        self.folder: PageFolder | PageMemory | None = None
        self.gone: list[str] = []
        self.indexed: set[str] = set()
        """Where the pages that search indexes are written in the site."""
        self.held: dict[str, str] = {}
        """Each hand-written page's HTML, from its conversion until its template needs it."""
        self.links = LinkCheck()
        self.metas: dict[str, dict[str, Any]] = {}
        """Each generated page's front matter but its title, by path (see _slimmed)."""
        self._slimmed_pages: dict[str, tuple[GeneratedPage, GeneratedPage]] = {}
        self._files: dict[str, tuple[Written, File]] = {}
        """Under `mkdocs serve`, the File made for each page, with what was written for it (see _page_files)."""
        self._files_made_for: tuple[Any, ...] = ()
        self.vocabulary = Vocabulary()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps one plugin instance for a whole `mkdocs serve` session.
        self.serving = command == "serve"
        self.caches = Caches() if self.serving else None
        if self.serving:
            self._stop_on_sigterm()

    def on_shutdown(self) -> None:
        self._restore_sigterm()
        # MkDocs may hand this very instance to a later build in the same process: it starts afresh.
        if self.folder is not None:
            self.folder.remove()
            self.folder = None
        self._files = {}
        self.held.clear()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.vocabulary = vocabulary_from(self.config)
        except ValueError as error:
            raise PluginError(f"plugins: {PLUGIN_NAME}: {error}") from None
        # Before any content is read: the schemas and the pages follow it.
        use_vocabulary(self.vocabulary)
        add_theme(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Runs before MkDocs cleans the site folder: bad content never destroys the last good site.
        self.indexed = set()
        self.held.clear()
        try:
            self._write_pages(config)
        except ContentError as error:
            if not (self.serving and self.folder is not None):
                raise PluginError(error.report()) from None
            # MkDocs' server stalls every request after a failed rebuild; building the
            # last good pages instead keeps the site readable while the file is fixed.
            log.error("%s\nStill serving the last good version; fix the file and save it again.", error.report())
        except Exception as error:
            # A bug, or a failure no check foresaw: `mkdocs build` fails, before MkDocs touches
            # the site folder. A server keeps the last good pages, as for bad content, and starts
            # its caches afresh, since the build that failed may have left them half updated.
            if not (self.serving and self.folder is not None):
                raise
            self.caches = Caches()
            reason = str(error) if isinstance(error, PluginError) else _traceback(error)
            log.error("%s\nStill serving the last good version; save a file again to rebuild.", reason)

    def _write_pages(self, config: MkDocsConfig) -> None:
        content = check_content(Path(self.config.content_dir), caches=self.caches)
        pages = each_page(content, _site(config, self), self.caches)
        self.folder = self.folder or (PageFolder() if self.serving else PageMemory())
        # Rewritten only when they change, so that `mkdocs serve --dirty` converts only the pages
        # an edit changed. A dirty build leaves the output of a deleted article behind:
        # on_post_build removes it.
        # Under `mkdocs serve`, the last rebuild's check lets an unchanged set of links pass at once.
        last = self.links if self.serving else None
        self.links = LinkCheck()
        try:
            self.gone = self.folder.update(self._slimmed(self.links.checked(pages, last)))
        except BrokenLinks as error:
            raise PluginError(str(error)) from None

    def _slimmed(self, pages: Iterable[Generated]) -> Iterator[Generated]:
        """Each page with only its title in its front matter; the rest of its metadata is kept here.

        MkDocs parses front matter with PyYAML's pure-Python loader, which took a tenth of a whole
        build at 1,000 summaries for the tables of contents and JSON-LD; on_page_markdown puts
        the metadata back. Under `mkdocs serve` a digest of it stays in the file, so that a change
        rewrites the page.
        """
        self.metas = {}
        slimmed: dict[str, tuple[GeneratedPage, GeneratedPage]] = {}
        for page in pages:
            if isinstance(page, GeneratedPage) and page.meta:
                self.metas[page.path] = page.meta
                # A rebuild gets the very same object for a page it did not render again: its
                # slimmed copy is kept, so that it stays unchanged for PageFolder too.
                known = self._slimmed_pages.get(page.path)
                slim = known[1] if known and known[0] is page else self._slim(page)
                if self.serving:
                    slimmed[page.path] = (page, slim)
                page = slim
            yield page
        self._slimmed_pages = slimmed

    def _slim(self, page: GeneratedPage) -> GeneratedPage:
        front: dict[str, Any] = {"title": page.meta["title"]}
        if self.serving:
            front["digest"] = hashlib.blake2b(repr(page.meta).encode(), digest_size=8).hexdigest()
        return dataclasses.replace(page, meta=front)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.folder is not None, "on_pre_build has written the pages"
        in_nav = nav_paths(config.nav)
        # Edit links point at the content files, which sit beside docs/, not in it.
        project_root = Path(config.config_file_path).parent
        to_project = Path(os.path.relpath(project_root, config.docs_dir)).as_posix()
        generated = self._page_files(config, in_nav, to_project)
        generated += [
            File.generated(config, f"{SCHEMAS_DIR}/{schema_file_name(name)}", content=schema_text(name))
            for name in SCHEMA_FILES
        ]
        # A page of the site's own docs folder replaces the package's.
        for file in package_pages(config, in_nav, self.vocabulary):
            if files.get_file_from_path(file.src_uri) is None:
                files.append(file)
        for file in generated:
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(f"docs/{file.src_uri} clashes with a generated file; remove it from the docs folder")
            files.append(file)
        return files

    def _page_files(self, config: MkDocsConfig, in_nav: frozenset[str], to_project: str) -> list[File]:
        """A File for each page written; under `mkdocs serve`, the same File as before for a page unchanged.

        MkDocs makes a Page for each file that has none, every rebuild, before it knows which ones
        changed; a File kept from the last rebuild brings its Page with it. Measured in process,
        rebuilds after a summary edit (medians): at 1,000 summaries 0.73 s against 0.79 s, with 6
        runs of the cycle collector instead of 31; at 10,000, 4.75 s against 4.83 s, with 29 runs
        instead of 189. Fewer objects made, fewer full passes of the collector, which take 0.5 s
        at 1,000 and 3 s at 10,000 each (one in every few rebuilds without this).
        """
        assert self.folder is not None
        # What a File and its Page take from the config; mkdocs.yml may change between rebuilds.
        settings = (
            config.site_dir,
            config.site_url,
            config.use_directory_urls,
            config.repo_url,
            config.edit_uri,
            config.edit_uri_template,
            in_nav,
            to_project,
        )
        kept = self._files if self.serving and settings == self._files_made_for else {}
        files = {}
        for written in self.folder.listing.values():
            before = kept.get(written.path)
            if before is not None and before[0] is written:
                files[written.path] = before
            else:
                files[written.path] = (written, self._virtual_file(written, self.folder, config, in_nav, to_project))
        if self.serving:
            self._files, self._files_made_for = files, settings
        return [file for _, file in files.values()]

    @staticmethod
    def _virtual_file(
        page: Written, folder: PageFolder | PageMemory, config: MkDocsConfig, in_nav: frozenset[str], to_project: str
    ) -> File:
        source = folder.source_of(page.path)
        if not page.is_page:
            return File.generated(config, page.path, **source)
        # Leaf pages stay out of the nav: every page renders the whole nav, so listing them there
        # would make the build quadratic. Index pages named in mkdocs.yml's nav stay in it.
        inclusion = InclusionLevel.UNDEFINED if page.path in in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.path, inclusion=inclusion, **source)
        if page.source:
            file.edit_uri = posixpath.normpath(f"{to_project}/{page.source}")
        return file

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # Every page's content is made by now: links from generated pages to hand-written ones
        # are checked as MkDocs checks links, a warning each (which fails a strict build).
        by_url = {file.url: file for file in files}
        for url, anchor, source in self.links.outside():
            target = by_url.get(url)
            if target is None:
                log.warning("%s links to %s, which is not in the site", source, url)
            elif anchor and target.page is not None and _lacks(target.page, anchor):
                log.warning("%s links to %s#%s, which that page does not define", source, url, anchor)
        # The theme's templates indent every tag they nest: at 1,000 summaries 151 MB of site,
        # 143 MB without the blank lines and indentation their block tags leave (the text every
        # page shows unchanged). Each page's body is finished HTML and never goes through them.
        env.trim_blocks = env.lstrip_blocks = True
        dirs = config.theme.dirs
        chrome.install(env, dirs[dirs.index(str(THEME_DIR)) + 1 :])
        # A live-reload rebuild would otherwise compile the theme's templates again: a third of its time.
        if self.caches is not None:
            env.bytecode_cache = self.caches.theme_templates
        return env

    # First, so that other plugins reading a page's content here (a search plugin) find it in place.
    @event_priority(100)
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        # The theme would name the public address in a canonical link on every page; the site
        # must not point outside itself. The sitemap falls back to site-relative addresses.
        page.canonical_url = None
        # MkDocs converts every page before it writes any: each page's text is kept out of it
        # until now (the generated ones compressed), or it would hold the whole site at once.
        src = page.file.src_uri
        scope = search_scope(page.meta)
        if self._generated(page):
            page.content = mark_for_search(self.folder.body(src), scope)  # type: ignore[union-attr]
        elif src in self.held:
            page.content = mark_for_search(self.held.pop(src), scope)
        return context

    # First, so that other plugins (Material's meta and tags) see a generated page's whole metadata.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # A generated page's body is finished HTML with its links resolved: Python-Markdown
        # would only parse it back at about 1 MB/s. It gets an empty text to convert instead.
        if not self._generated(page):
            return markdown
        page.meta.update(self.metas[page.file.src_uri])
        return ""

    # Last, so that other plugins change a hand-written page's HTML before it is held until on_page_context.
    @event_priority(-100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._generated(page):
            # What MkDocs would have read off the converted HTML: the theme shows the first,
            # and MkDocs checks links from hand-written pages against the second.
            page.toc = get_toc(page.meta.get("toc", []))
            page.present_anchor_ids = set(self.links.anchors[page_url(page.file.src_uri)])
        else:
            self.held[page.file.src_uri] = html
            # Not None, which MkDocs reads as "not read yet" and would then give the page no title.
            page.markdown = ""
        if search_scope(page.meta) != "none":
            self.indexed.add(page.file.dest_uri)
        return ""

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Once written, a page's HTML is needed no more: other pages show only its title.
        page.content = ""
        return output

    def _generated(self, page: Page) -> bool:
        return self.folder is not None and page.file.src_uri in self.folder.listing

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # A dirty build leaves the output of a deleted article behind.
        for path in self.gone:
            output = Path(File.generated(config, path, content="").abs_dest_path)
            output.unlink(missing_ok=True)
        self.gone = []
        # Indexing reads every page: seconds for thousands of summaries. `mkdocs serve` indexes
        # its first build only and puts that index back after each rebuild.
        try:
            self.search.index(Path(config.site_dir), self.indexed, reuse=self.serving)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(self.config.content_dir)
        self._stop_on_sigterm()  # `mkdocs serve --clean` starts up as a build
        return server

    def _stop_on_sigterm(self) -> None:
        """Stop on SIGTERM as on Ctrl-C: MkDocs then shuts its plugins down, which removes the pages folder.

        Otherwise SIGTERM (from `kill`, a container or a process manager) ends the process at once.
        """
        if self.sigterm is not _NOT_INSTALLED or threading.current_thread() is not threading.main_thread():
            return
        previous = signal.getsignal(signal.SIGTERM)
        if previous == signal.SIG_IGN:
            return  # started by a process that means its children to outlive SIGTERM
        self.sigterm = previous
        signal.signal(signal.SIGTERM, _interrupt)

    def _restore_sigterm(self) -> None:
        if self.sigterm is _NOT_INSTALLED:
            return
        previous, self.sigterm = self.sigterm, _NOT_INSTALLED
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _traceback(error: BaseException) -> str:
    """An unexpected error as a report to file: what failed, and where, from the plugin down."""
    return "The builder failed unexpectedly, a bug to report:\n" + "".join(traceback.format_exception(error)).rstrip()


_NOT_INSTALLED = object()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _lacks(page: Page, anchor: str) -> bool:
    """Whether a page read in this build lacks the id; a dirty rebuild does not read unchanged pages."""
    return page.present_anchor_ids is not None and anchor not in page.present_anchor_ids


def _site(config: MkDocsConfig, plugin: TrackerPlugin) -> Site:
    """The site's name and address; pictures, feeds and citations also assume directory URLs."""
    if not config.site_url:
        raise PluginError("set site_url in mkdocs.yml: feeds and citations need the site's public address")
    if not config.use_directory_urls:
        raise PluginError("use_directory_urls must stay true: links in pictures are computed for directory URLs")
    options = plugin.config
    intro = home_intro(options.intro, config.site_description)
    return Site(config.site_name, config.site_url, config.repo_url or "", options.title or "", intro)


def add_theme(config: MkDocsConfig) -> None:
    """Put the package's templates after the site's custom_dir, so that its overrides still win, and before Material's.

    Theme folders also give the static files: MkDocs copies the stylesheet and the script unless
    the docs folder has a file of the same name.
    """
    theme = config.theme
    theme_dir = str(THEME_DIR)
    if theme_dir not in theme.dirs:
        theme.dirs.insert(1 if theme.custom_dir else 0, theme_dir)
    if STYLESHEET not in config.extra_css:
        # First, so that a site's own stylesheets come after it and win.
        config.extra_css.insert(0, STYLESHEET)


def package_pages(config: MkDocsConfig, in_nav: frozenset[str], vocabulary: Vocabulary) -> list[File]:
    """The package's own pages; the search page stays out of the nav, and the others out of an explicit one.

    A page ending in .md.j2 is a template of the grading legend's sections and the vocabulary.
    """
    pages = []
    for source in sorted(PAGES_DIR.glob("*.md*")):
        name = source.name.removesuffix(".j2")
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".j2":
            text = _page_template(text).render(legend=vocabulary.legend, stances=_listed(vocabulary.stances))
        listed = name != SEARCH_PAGE and (config.nav is None or name in in_nav)
        inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
        pages.append(File.generated(config, name, content=text, inclusion=inclusion))
    return pages


def _page_template(text: str) -> jinja2.Template:
    environment = jinja2.Environment(
        trim_blocks=True, keep_trailing_newline=True, undefined=jinja2.StrictUndefined, autoescape=False
    )
    return environment.from_string(text)


def _listed(labelled: Iterable[tuple[str, str]]) -> str:
    """'a **demand**, an **offer** or an **acceptance**': each label in bold, lowercase, with its article."""
    items = [f"{'an' if label[:1].lower() in 'aeiou' else 'a'} **{label.lower()}**" for _, label in labelled]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def nav_paths(nav: Any) -> frozenset[str]:
    """Every page path named in a `nav:` setting, at any depth."""
    if isinstance(nav, str):
        return frozenset({nav})
    if isinstance(nav, dict):
        return frozenset().union(*(nav_paths(item) for item in nav.values()))
    if isinstance(nav, list):
        return frozenset().union(*(nav_paths(item) for item in nav))
    return frozenset()

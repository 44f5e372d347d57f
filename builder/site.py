"""What the site says about itself in feeds, citations and structured data: its name and address."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import paths

PLUGIN_NAME = "tracker"
"""The plugin's name in mkdocs.yml's `plugins:`."""


@dataclass(frozen=True)
class Site:
    """The site's name, public address and repository (`site_name`, `site_url`, `repo_url` in mkdocs.yml)."""

    name: str
    url: str
    repository: str = ""
    """Where readers report errors; without it, pages offer no correction link."""
    title: str = ""
    """The home page's heading, when it is not the site's name."""
    intro: str = ""
    """The home page's opening, as HTML: what the site follows."""

    def __post_init__(self) -> None:
        if not self.url.startswith(("http://", "https://")):
            raise ValueError(f"site_url must be an absolute http(s) address, not {self.url!r}")
        if self.repository and not self.repository.startswith(("http://", "https://")):
            raise ValueError(f"repo_url must be an absolute http(s) address, not {self.repository!r}")

    @property
    def home_title(self) -> str:
        return self.title or self.name

    def url_of(self, path: str, anchor: str = "") -> str:
        """The public address of a page or file of the site."""
        return paths.absolute_url(self.url, path, anchor)


def read_site(config_file: Path) -> Site:
    """The name, address and repository set in an MkDocs configuration file, for the command line."""
    settings = mkdocs_settings(config_file)
    options = plugin_options(settings)
    return Site(
        str(settings.get("site_name", "")),
        str(settings.get("site_url") or ""),
        str(settings.get("repo_url") or ""),
        str(options.get("title") or ""),
        home_intro(options.get("intro"), settings.get("site_description")),
    )


def home_intro(intro: object, description: object) -> str:
    """The home page's opening: the plugin's `intro`, as written, or else the site's description, escaped."""
    if isinstance(intro, str):
        return intro
    return html.escape(description, quote=False) if isinstance(description, str) else ""


def plugin_options(settings: dict[str, Any]) -> dict[str, Any]:
    """The tracker plugin's options in an MkDocs configuration, whether `plugins` is a list or a mapping."""
    plugins = settings.get("plugins")
    entries = plugins if isinstance(plugins, list) else [plugins]
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get(PLUGIN_NAME), dict):
            return entry[PLUGIN_NAME]
    return {}


def mkdocs_settings(config_file: Path) -> dict[str, Any]:
    """An MkDocs configuration file's settings, read without MkDocs, for the command line."""
    # mkdocs.yml may hold tags such as !ENV that only MkDocs understands; the keys read from it never do.
    settings = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    return settings if isinstance(settings, dict) else {}


class _TolerantLoader(yaml.SafeLoader):
    """A safe loader that reads any tag as plain data instead of failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)

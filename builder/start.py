"""`newstracker init DIR`: a new site that builds as it is, for another team to make its own.

The project it writes (the `starter/` folder of the package) has an mkdocs.yml that names every
option of the plugin, example registries and one summary, an about page, a README and a CI
workflow; `mkdocs build --strict` builds it straight away.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from .schema import check_url
from .site import Site

STARTER = Path(__file__).parent / "starter"

DISTRIBUTION = "newstracker"

DEFAULT_NAME = "Research tracker"
DEFAULT_URL = "https://example.org/tracker/"

_RENAMED = {"gitignore": ".gitignore", "github": ".github"}
"""Files the package cannot carry under their own names: package data leaves out dotfiles."""


class StartError(Exception):
    """Why no site was started."""


def start_site(folder: Path, name: str = DEFAULT_NAME, url: str = DEFAULT_URL) -> list[Path]:
    """Write a new project into `folder`, which must be empty or not exist yet; return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StartError(f"{folder} is not an empty folder; start a site in a new or empty one")
    try:
        Site(name, url)
        check_url(url)
    except ValueError as error:
        raise StartError(f"--url: {error}") from None
    if not url.endswith("/"):
        raise StartError(f"--url: {url!r} must end with '/', as the address of a folder")
    written = []
    for source in sorted(path for path in STARTER.rglob("*") if path.is_file()):
        relative = source.relative_to(STARTER)
        target = folder.joinpath(*(_RENAMED.get(part, part) for part in relative.parts))
        text = _filled(source.read_text(encoding="utf-8"), name, url, in_mkdocs_yml=relative.name == "mkdocs.yml")
        written.append(_write(target, text))
    written.append(_write(folder / "requirements.txt", f"{_requirement()}\n"))
    return sorted(written)


def _filled(text: str, name: str, url: str, *, in_mkdocs_yml: bool) -> str:
    """The text with the site's name and address; content files point editors at the site's schemas."""
    # JSON strings are YAML's double-quoted scalars: any name is safe in mkdocs.yml.
    quote = (lambda value: json.dumps(value, ensure_ascii=False)) if in_mkdocs_yml else str
    return text.replace("__SITE_NAME__", quote(name)).replace("__SITE_URL__", quote(url))


def _write(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def _requirement() -> str:
    """The generator at the version that started the site, so that the site builds the same later."""
    try:
        return f"{DISTRIBUTION}=={metadata.version(DISTRIBUTION)}"
    except metadata.PackageNotFoundError:  # run from a checkout without installing it
        return DISTRIBUTION

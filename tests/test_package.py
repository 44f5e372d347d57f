"""The generator as another team gets it: the wheel installed outside this repository, a site started
with `newstracker init`, built with `mkdocs build --strict`.

The wheel is built once per session from the working tree and installed into a fresh virtual
environment in a temporary folder, with the versions constraints.txt pins (from the package index
or pip's cache). Nothing from the repository is importable there: each command runs with the
environment's own Python, outside the checkout, without PYTHONPATH.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import subprocess
import sys
import tomllib
import venv
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO

SITE_URL = "https://example.org/river-talks/"
SITE_PATH = urlsplit(SITE_URL).path
WHEEL_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "builder")
LOADING = (("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("link", "href"))
"""Elements whose address the browser loads as soon as the page opens."""


def _clean_environment() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**environment, "NO_MKDOCS_2_WARNING": "1"}


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], cwd=cwd, env=_clean_environment(), capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtual environment with the wheel built from this working tree."""
    root = tmp_path_factory.mktemp("package")
    source = root / "source"
    source.mkdir()
    # A copy of what the wheel is built from, so that the build writes nothing into the checkout.
    for name in WHEEL_SOURCES:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(
            REPO / name,
            source / name,
            **({"ignore": shutil.ignore_patterns("__pycache__")} if name == "builder" else {}),
        )
    wheels = root / "wheels"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source], cwd=root)
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("newstracker-*.whl")
    environment = root / "venv"
    venv.create(environment, with_pip=True)
    bin_dir = environment / "bin"
    install = [bin_dir / "python", "-m", "pip", "install", "-q", "-c", REPO / "constraints.txt", wheel]
    result = _run(install, cwd=root)
    assert result.returncode == 0, result.stderr
    return bin_dir


def start_site(installed: Path, folder: Path) -> Path:
    result = _run(
        [installed / "newstracker", "init", folder, "--name", "River talks", "--url", SITE_URL], cwd=folder.parent
    )
    assert result.returncode == 0, result.stderr
    return folder


def build(installed: Path, project: Path) -> Path:
    result = _run([installed / "mkdocs", "build", "--strict"], cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_the_installed_package_is_the_wheel_alone(installed: Path, tmp_path: Path) -> None:
    script = "import newstracker, importlib.util; print(newstracker.__file__, importlib.util.find_spec('builder'))"
    result = _run([installed / "python", "-c", script], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    location, builder = result.stdout.split()
    assert Path(location).is_relative_to(installed.parent) and builder == "None"


def test_a_started_site_builds_strictly_offline_with_every_link_resolving(installed: Path, tmp_path: Path) -> None:
    project = start_site(installed, tmp_path / "river-talks")
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()) == [
        ".github/workflows/build.yml",
        ".gitignore",
        "README.md",
        "content/actors.yaml",
        "content/articles/2025-03-04-example-talks-open.yaml",
        "content/outlets.yaml",
        "content/topics.yaml",
        "docs/about.md",
        "mkdocs.yml",
        "requirements.txt",
    ]
    assert (project / "requirements.txt").read_text(encoding="utf-8") == "newstracker==0.1.0\n"
    checked = _run([installed / "newstracker", "check"], cwd=project)
    assert checked.returncode == 0 and checked.stdout.startswith("OK: 4 content files checked"), checked.stdout
    site = build(installed, project)

    home = _page(site, "index.html")
    assert home.h1 is not None and home.h1.contents[0] == "River talks"
    for path in ("articles/2025-03-04-example-talks-open/index.html", "search/index.html", "grading/index.html"):
        assert (site / path).is_file(), path
    assert (site / "stylesheets" / "tracker.css").is_file() and (site / "pagefind" / "pagefind.js").is_file()
    assert _broken_links(site) == []
    assert _loaded_from_outside(site) == []


def test_a_site_with_its_own_vocabulary_and_theme_override(installed: Path, tmp_path: Path) -> None:
    project = start_site(installed, tmp_path / "river-talks")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "        unidentified: Unidentified source\n",
        "        unidentified: Unidentified source\n        podcast: Podcast episode\n",
    )
    text = text.replace("        - other\n", "        - other\n        - hearing\n")
    text = text.replace("  # custom_dir: overrides\n", "  custom_dir: overrides\n")
    config.write_text(text, encoding="utf-8")
    article = project / "content" / "articles" / "2025-03-04-example-talks-open.yaml"
    summary = article.read_text(encoding="utf-8").replace("  kind: wire\n", "  kind: podcast\n")
    article.write_text(summary.replace("    type: talks\n", "    type: hearing\n"), encoding="utf-8")
    # The site's partial replaces the package's header search form; its grading page, the package's.
    (project / "overrides" / "partials").mkdir(parents=True)
    form = '<form class="river-search" role="search" action="{{ \'search/\' | url }}"><input name="q" aria-label="Search"></form>\n'
    (project / "overrides" / "partials" / "search.html").write_text(form, encoding="utf-8")
    # Article pages link to two of its sections, which the strict build checks.
    grading = (
        "# How we grade\n\n## Admiralty grades\n\nOur own scale.\n\n### Credibility of the information\n\n1 to 6.\n"
    )
    (project / "docs" / "grading.md").write_text(grading, encoding="utf-8")

    assert _run([installed / "newstracker", "check"], cwd=project).returncode == 0
    site = build(installed, project)

    page = _page(site, "articles/2025-03-04-example-talks-open/index.html")
    text_shown = " ".join(page.get_text(" ").split())
    assert "Podcast episode" in text_shown
    assert any(em.get_text(strip=True) == "hearing" for em in page.find_all("em"))
    assert page.select_one("form.river-search") is not None and page.select_one("form.tracker-search") is None
    assert "Our own scale." in _page(site, "grading/index.html").get_text()
    schema = (site / "schemas" / "definitions.schema.json").read_text(encoding="utf-8")
    assert '"podcast"' in schema
    assert _broken_links(site) == []
    assert _loaded_from_outside(site) == []


def test_content_outside_the_vocabulary_is_refused_with_its_words(installed: Path, tmp_path: Path) -> None:
    project = start_site(installed, tmp_path / "river-talks")
    article = project / "content" / "articles" / "2025-03-04-example-talks-open.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("  kind: wire\n", "  kind: podcast\n"))
    result = _run([installed / "newstracker", "check"], cwd=project)
    assert result.returncode == 1
    assert "source.kind: 'podcast' is not allowed; use one of: wire, newspaper," in result.stdout


def test_init_refuses_a_folder_that_is_not_empty(installed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = _run([installed / "newstracker", "init", folder], cwd=tmp_path)
    assert result.returncode == 1
    assert "is not an empty folder" in result.stderr
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


@cache
def _page_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup(_page_text(site / path), "html.parser")


def _pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [
        (p.relative_to(site).as_posix(), BeautifulSoup(_page_text(p), "html.parser"))
        for p in sorted(site.rglob("*.html"))
    ]


def _broken_links(site: Path) -> list[str]:
    """Every link, stylesheet, script and picture address inside the site that leads to no file or anchor."""
    pages = _pages(site)
    ids = {path: {element["id"] for element in soup.find_all(id=True)} for path, soup in pages}
    broken = []
    for path, soup in pages:
        for tag, attribute in (("a", "href"), *LOADING):
            for element in soup.find_all(tag, attrs={attribute: True}):
                address = element[attribute]
                parts = urlsplit(address)
                if parts.scheme or parts.netloc:
                    continue
                target = _target(site, path, unquote(parts.path))
                if target is None or (
                    parts.fragment
                    and target.suffix == ".html"
                    and parts.fragment not in ids[target.relative_to(site).as_posix()]
                ):
                    broken.append(f"{path}: {address}")
    return broken


def _target(site: Path, page: str, address: str) -> Path | None:
    if not address:
        return site / page
    # The 404 page is served at any depth, so it links from the server's root, under the site's path.
    joined = (
        address.removeprefix(SITE_PATH) if address.startswith("/") else posixpath.join(posixpath.dirname(page), address)
    )
    target = site / posixpath.normpath(joined)
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() and target.resolve().is_relative_to(site.resolve()) else None


def _loaded_from_outside(site: Path) -> list[str]:
    """Every address a page or stylesheet of the site would load from another host."""
    outside = []
    for path, soup in _pages(site):
        for tag, attribute in LOADING:
            for element in soup.find_all(tag, attrs={attribute: True}):
                parts = urlsplit(element[attribute])
                if parts.scheme in ("http", "https") or parts.netloc:
                    outside.append(f"{path}: <{tag} {attribute}={element[attribute]}>")
        for element in soup.find_all(srcset=True):
            outside += [f"{path}: srcset {element['srcset']}" for word in element["srcset"].split() if "//" in word]
    for stylesheet in sorted(site.rglob("*.css")):
        text = stylesheet.read_text(encoding="utf-8")
        for marker in ("url(http", "url(//", "url('http", 'url("http', "@import"):
            if marker in text:
                outside.append(f"{stylesheet.relative_to(site)}: {marker}")
    return outside


def test_every_python_version_the_package_claims_is_tested_in_ci() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    prefix = "Programming Language :: Python :: 3."
    claimed = sorted(f"3.{c.removeprefix(prefix)}" for c in project["classifiers"] if c.startswith(prefix))
    assert claimed == ["3.11", "3.12", "3.13"] and project["requires-python"] == ">=3.11"
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    for job in ("check", "newest"):
        assert workflow["jobs"][job]["strategy"]["matrix"]["python"] == claimed, job
        assert workflow["jobs"][job]["steps"][1]["with"]["python-version"] == "${{ matrix.python }}"
    assert project["scripts"] == {"newstracker": "newstracker.__main__:main"}
    assert project["entry-points"]["mkdocs.plugins"] == {"tracker": "newstracker.plugin:TrackerPlugin"}


def test_the_command_names_itself_as_it_was_started(installed: Path, tmp_path: Path) -> None:
    project = start_site(installed, tmp_path / "river-talks")
    command = [installed / "newstracker", "new", "https://example.org/news/second-round", "--date", "2025-03-10"]
    result = _run([*command, "--outlet", "Example Wire", "--headline", "Second round"], cwd=project)
    assert result.returncode == 0, result.stderr
    assert "then run: newstracker check content/articles/2025-03-10-second-round.yaml" in result.stdout
    # Its first line points editors at the schema as the example's does: at the site's published one.
    written = project / "content" / "articles" / "2025-03-10-second-round.yaml"
    skeleton = written.read_text(encoding="utf-8")
    first_line = skeleton.split("\n", 1)[0]
    assert first_line == f"# yaml-language-server: $schema={SITE_URL}schemas/article.schema.json"
    # The skeleton's hints name the command this team has, not this repository's `python -m builder`.
    assert "`newstracker check` lists what is still unfinished" in skeleton
    assert "(newstracker ids claims WORDS)" in skeleton and "python -m builder" not in skeleton
    again = _run([*command, "--outlet", "Example Wire", "--headline", "Second round"], cwd=project)
    assert again.returncode == 1 and again.stderr.startswith("newstracker new: ")

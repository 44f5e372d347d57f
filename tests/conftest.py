"""Shared fixtures: small sites built in a temporary folder, as a reader would get them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _one_package_under_both_names() -> None:
    """Make `builder`, as the tests import it, the very modules MkDocs loads as `newstracker`.

    The package is installed as `newstracker` from this repository's builder/ folder. Imported
    under both names it would exist twice, and a test that patches `builder.search` would not
    reach the plugin that MkDocs builds with.
    """
    import importlib
    import pkgutil

    package = importlib.import_module("newstracker")
    for module in pkgutil.walk_packages(package.__path__, "newstracker."):
        importlib.import_module(module.name)
    for name, module in list(sys.modules.items()):
        if name == "newstracker" or name.startswith("newstracker."):
            sys.modules["builder" + name.removeprefix("newstracker")] = module


_one_package_under_both_names()
REPO = Path(__file__).resolve().parent.parent
# Commands the tests start elsewhere than in the checkout (`python -m builder` in a project folder)
# find the package there under the folder name too, as `make` targets run from the checkout do.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))

# Property tests assert what happens, not how fast: on a busy machine a slow example is no failure.
settings.register_profile("project", deadline=None)
settings.load_profile("project")

FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "basic" / "content"
SITE_FILES = ("mkdocs.yml", "docs", "overrides")


def make_project(root: Path, content: Path = FIXTURE_CONTENT) -> Path:
    """A copy of the real site configuration around the given content."""
    root.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    shutil.copytree(content, root / "content")
    return root


def build_site(project: Path, site_dir: Path | None = None) -> Path:
    """Build with MkDocs in-process, strictly, the way `mkdocs build --strict` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_dir = site_dir or project / "site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site_dir


def run_mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` in its own process, as a maintainer runs it; output captured."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content built once for every read-only test."""
    project = make_project(tmp_path_factory.mktemp("fixture") / "project")
    return build_site(project)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published content built once, for the real-content and browser tests."""
    return build_site(REPO, tmp_path_factory.mktemp("real") / "site")


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture content."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


@pytest.fixture
def edit_yaml() -> Callable[[Path, str, str], None]:
    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit

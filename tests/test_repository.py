"""Repository conventions: the workflows, the pre-commit hook and the licences do what they say."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

from builder.load import parse_text
from tests.conftest import FIXTURE_CONTENT, REPO


def read_yaml(relative: str) -> Any:
    # The builder's loader keeps `on:` a string, where YAML 1.1 would read it as true.
    data, problems = parse_text((REPO / relative).read_text(encoding="utf-8"), relative)
    assert problems == []
    return data


def pins() -> dict[str, str]:
    lines = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    return {_normal(name): version for name, version in (line.split("==") for line in lines if "==" in line)}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_pull_requests_are_checked_annotated_built_and_tested() -> None:
    workflow = read_yaml(".github/workflows/check.yml")
    assert "pull_request" in workflow["on"]
    steps = workflow["jobs"]["check"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    runs = [step["run"] for step in steps if "run" in step]
    assert uses == ["actions/checkout", "actions/setup-python"]
    assert runs == ["make install", ".venv/bin/python -m builder check --format github", "make build", "make test"]


def test_pull_requests_are_also_tested_with_the_newest_versions_the_ranges_allow() -> None:
    # What `pip install -e ".[test]"` gives a contributor, not the pins of constraints.txt.
    workflow = read_yaml(".github/workflows/check.yml")
    assert set(workflow["jobs"]) == {"check", "newest"}
    steps = workflow["jobs"]["newest"]["steps"]
    uses = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    runs = [step["run"] for step in steps if "run" in step]
    assert uses == ["actions/checkout", "actions/setup-python"]
    assert "cache-dependency-path" not in steps[1].get("with", {})
    (install,) = [run for run in runs if "pip install" in run]
    assert install.endswith('-e ".[test]"') and "--upgrade" in install
    assert "constraints" not in " ".join(runs) and " -c " not in install
    assert runs[-1] == "python -m pytest"


def test_main_is_deployed_to_pages_with_the_official_actions() -> None:
    workflow = read_yaml(".github/workflows/deploy.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert [step.get("uses", step.get("run")).split("@")[0] for step in build["steps"]] == [
        "actions/checkout",
        "actions/setup-python",
        "make build",
        "actions/upload-pages-artifact",
    ]
    mkdocs_config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert build["steps"][-1]["with"]["path"] == "site" and "site_dir:" not in mkdocs_config
    assert deploy["needs"] == "build" and deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_the_pre_commit_hook_runs_check_with_exactly_what_check_imports(tmp_path: Path) -> None:
    (hook,) = read_yaml(".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert (hook["entry"], hook["language"]) == ("python -m builder check", "python")
    listed = dict(requirement.split("==") for requirement in hook["additional_dependencies"])
    assert {_normal(name): version for name, version in listed.items()} == {
        name: pins()[name] for name in _distributions_imported_by_check()
    }
    assert re.fullmatch(hook["files"], "content/articles/2026-01-05-first-round.yaml")
    assert not re.fullmatch(hook["files"], "builder/schemas/article.schema.json")


def _distributions_imported_by_check() -> set[str]:
    """The project's direct dependencies that `python -m builder check` really imports."""
    script = (
        "import runpy, sys\n"
        f"sys.argv = ['builder', 'check', '--content', {str(FIXTURE_CONTENT)!r}]\n"
        "try:\n    runpy.run_module('builder', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(*sorted({name.split('.')[0] for name in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO)
    modules = result.stdout.splitlines()[-1].split()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = {_normal(re.split(r"[<>=!~ ]", requirement)[0]) for requirement in project["dependencies"]}
    owners = packages_distributions()
    return {_normal(dist) for module in modules for dist in owners.get(module, [])} & direct


def test_the_code_and_the_content_carry_their_licences() -> None:
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    notice = (REPO / "content" / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in notice
    assert "https://creativecommons.org/licenses/by/4.0/" in notice


def test_the_pull_request_template_asks_for_a_clean_check() -> None:
    template = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert "`python -m builder check`" in template and "CC BY 4.0" in template


def make_commands(target: str) -> list[str]:
    """What `make TARGET` would run on a fresh clone: every command, none executed."""
    shown = subprocess.run(["make", "-n", "-B", target], cwd=REPO, capture_output=True, text=True, check=True)
    return shown.stdout.splitlines()


def test_a_contributors_set_up_installs_no_test_tools() -> None:
    for target in ("install", "check", "serve", "build"):
        installs = [line for line in make_commands(target) if "pip install" in line]
        assert installs and all('".[test]"' not in line for line in installs), target
    assert any('".[test]"' in line for line in make_commands("test"))

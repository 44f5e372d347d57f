"""`python -m builder generate --out DIR`: the same pages, for any Markdown renderer."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from builder import GeneratedFile, Site, check_content, generate_pages
from builder.__main__ import main
from tests.conftest import REPO

SITE = Site("Tracker", "https://example.org/tracker/")

Edit = Callable[[Path, str, str], None]


def test_generate_writes_every_page(content_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: Tracker\nsite_url: https://example.org/tracker/\ntheme: !ENV THEME\n", encoding="utf-8"
    )
    assert main(["generate", "--content", str(content_dir), "--out", str(out), "--config", str(config)]) == 0
    expected = generate_pages(check_content(content_dir), SITE)
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == {
        path: page.data if isinstance(page, GeneratedFile) else page.markdown.encode("utf-8")
        for path, page in expected.items()
    }
    assert "articles/2026-01-05-first-round.md" in written
    assert b"https://example.org/tracker/articles/2026-01-05-first-round/" in written["feeds/summaries.xml"]


def test_generate_reads_the_site_address_from_mkdocs_yml(content_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    assert (
        main(["generate", "--content", str(content_dir), "--out", str(out), "--config", str(REPO / "mkdocs.yml")]) == 0
    )
    assert b"https://peace-talks-tracker.github.io/peace-talks-tracker/" in (out / "feeds/summaries.xml").read_bytes()
    assert (
        main(["generate", "--content", str(content_dir), "--out", str(out), "--config", str(tmp_path / "no.yml")]) == 1
    )


def test_bad_content_exits_1_with_every_problem_and_keeps_the_old_output(
    content_dir: Path, tmp_path: Path, edit_yaml: Edit
) -> None:
    out = tmp_path / "pages"
    main(["generate", "--content", str(content_dir), "--out", str(out)])
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    edit_yaml(content_dir / "articles/2026-01-05-first-round.yaml", "status: disputed", "status: shaky")
    edit_yaml(content_dir / "actors.yaml", "kind: organisation", "kind: company")
    result = subprocess.run(
        [sys.executable, "-m", "builder", "generate", "--content", str(content_dir), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "2 problems in the content:",
        "  content/actors.yaml:20:9: [3].kind: 'company' is not allowed; use one of: person, state, organisation, group",
        "  content/articles/2026-01-05-first-round.yaml:47:13: claims[0].status: 'shaky' is not allowed; "
        "use one of: reported, confirmed, disputed, false, unverifiable",
    ]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before


def test_pages_are_regenerated_identically(content_dir: Path) -> None:
    first = generate_pages(check_content(content_dir), SITE)
    second = generate_pages(check_content(content_dir), SITE)
    assert first == second

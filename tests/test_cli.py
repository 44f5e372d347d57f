"""The command line: `check` for contributors and CI, `generate --out DIR` for any Markdown renderer."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import GeneratedFile, Problem, Site, check_content, generate_pages
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
        "  content/actors.yaml:20:9: actors[3].kind: 'company' is not allowed; use one of: person, state, organisation, group",
        "  content/articles/2026-01-05-first-round.yaml:47:13: claims[0].status: 'shaky' is not allowed; "
        "use one of: reported, confirmed, disputed, false, unverifiable",
    ]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before


def test_pages_are_regenerated_identically(content_dir: Path) -> None:
    first = generate_pages(check_content(content_dir), SITE)
    second = generate_pages(check_content(content_dir), SITE)
    assert first == second


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder", *args], capture_output=True, text=True, check=False)


def test_check_clean_content_says_ok(content_dir: Path) -> None:
    result = run("check", "--content", str(content_dir))
    # Every article and the three registries.
    assert (result.returncode, result.stdout, result.stderr) == (0, "OK: 6 content files checked, no problems\n", "")


def test_check_lists_every_problem_sorted_and_exits_1(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / "articles/2026-01-10-second-round.yaml", "summary: The", "summery: The")
    edit_yaml(content_dir / "actors.yaml", "kind: organisation", "kind: company")
    result = run("check", "--content", str(content_dir))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/actors.yaml:20:9: actors[3].kind: 'company' is not allowed; use one of: person, state, organisation, group",
        "content/articles/2026-01-10-second-round.yaml:9:1: summery: unknown field 'summery'; did you mean 'summary'?",
    ]
    assert result.stderr == "2 problems in 2 files\n"


def test_check_given_files_reports_only_on_them(content_dir: Path, edit_yaml: Edit) -> None:
    second = content_dir / "articles/2026-01-10-second-round.yaml"
    edit_yaml(second, "summary: The", "summery: The")
    edit_yaml(content_dir / "actors.yaml", "kind: organisation", "kind: company")
    first = content_dir / "articles/2026-01-05-first-round.yaml"
    # The broken actor (actors[3], gamma-league) is not one the first article refers to: it is left out, and said so.
    only_first = run("check", "--content", str(content_dir), str(first))
    assert only_first.stdout == "OK: 1 content file checked, and the 6 registry entries it refers to, no problems\n"
    assert only_first.stderr == (
        "note: content/actors.yaml has 1 problem in entries the files given do not refer to, not shown here; "
        "python -m builder check content/actors.yaml lists them\n"
    )
    only_second = run("check", "--content", str(content_dir), str(second))
    assert only_second.returncode == 1 and len(only_second.stdout.splitlines()) == 1
    with_registry = run("check", "--content", str(content_dir), str(first), str(content_dir / "actors.yaml"))
    assert with_registry.stdout.splitlines() == [
        "content/actors.yaml:20:9: actors[3].kind: 'company' is not allowed; use one of: person, state, organisation, group"
    ]


def test_check_of_a_file_reports_the_registry_entries_it_refers_to(content_dir: Path, edit_yaml: Edit) -> None:
    """A new actor whose alias another actor has, and a bad outlet kind: both break the article's references."""
    first = content_dir / "articles/2026-01-05-first-round.yaml"
    edit_yaml(first, "actors: [alpha-state, beta-state]", "actors: [alpha-state, beta-state, delta-state]")
    with (content_dir / "actors.yaml").open("a", encoding="utf-8") as registry:
        registry.write(
            "- id: delta-state\n  name: Deltania\n  kind: state\n  aliases: [Alphaland]\n  description: D.\n"
        )
    edit_yaml(content_dir / "outlets.yaml", "kind: wire", "kind: newswire")
    result = run("check", "--content", str(content_dir), str(first))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/actors.yaml:25:13: actors[4].aliases[0]: the name 'alphaland' is also used by actor 'alpha-state'; "
        "a name must point to one actor: remove it here, or, if both entries are the same actor, keep only 'alpha-state'",
        "content/outlets.yaml:4:9: outlets[0].kind: 'newswire' is not allowed; use one of: wire, newspaper, "
        "broadcaster, state-media, analysis, aggregator, ai-generated, opinion, unidentified",
    ]
    assert result.stderr == "2 problems in 2 files\n"


def test_check_takes_a_registry_file_and_counts_it(content_dir: Path) -> None:
    result = run("check", "--content", str(content_dir), str(content_dir / "outlets.yaml"))
    assert (result.returncode, result.stdout) == (0, "OK: 1 content file checked, no problems\n")


def test_a_shared_event_dated_to_two_precisions_is_a_warning_in_both_files(content_dir: Path, edit_yaml: Edit) -> None:
    # Both articles give an account of geneva-round-one; the second now knows only its month.
    second = content_dir / "articles/2026-01-10-second-round.yaml"
    edit_yaml(second, "date: 2026-01-03", "date: 2026-01")
    result = run("check", "--content", str(content_dir))
    assert result.returncode == 0
    assert result.stdout.splitlines() == [
        "content/articles/2026-01-05-first-round.yaml:21:11: warning: events[0].date: the shared event "
        "'geneva-round-one' is dated 2026-01-04 here but 2026-01 at "
        "content/articles/2026-01-10-second-round.yaml:18:11; either the sources disagree, which the event's date "
        "page then shows side by side, or one date is a slip: check each against its source",
        "content/articles/2026-01-10-second-round.yaml:18:11: warning: events[1].date: the shared event "
        "'geneva-round-one' is dated 2026-01 here but 2026-01-04 at "
        "content/articles/2026-01-05-first-round.yaml:21:11; either the sources disagree, which the event's date "
        "page then shows side by side, or one date is a slip: check each against its source",
        "OK: 6 content files checked, no problems; 2 warnings",
    ]
    annotations = run("check", "--format", "github", "--content", str(content_dir), str(second)).stdout.splitlines()
    assert [line.split(" ", 1)[0] for line in annotations[:-1]] == ["::warning"]


def test_check_given_files_still_see_the_other_files(content_dir: Path) -> None:
    # A duplicate is only visible across files, so every file is read even when one is named.
    first = content_dir / "articles/2026-01-05-first-round.yaml"
    reprint = content_dir / "articles/2026-01-05-reprint.yaml"
    reprint.write_text(first.read_text(encoding="utf-8").replace("claims:", "ignored:"), encoding="utf-8")
    result = run("check", "--content", str(content_dir), str(reprint))
    assert result.stdout.splitlines() == [
        "content/articles/2026-01-05-reprint.yaml:5:8: source.url: the same source URL is already summarised in content/articles/2026-01-05-first-round.yaml",
        "content/articles/2026-01-05-reprint.yaml:42:1: ignored: unknown field 'ignored'; known fields: actors, claims, events, grade, headline, key_points, places, quotes, reliability, source, summarised, summary, topics",
    ]


def test_check_names_files_the_same_from_inside_the_content_folder(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / "articles/2026-01-05-first-round.yaml", "status: disputed", "status: shaky")
    result = subprocess.run(
        [sys.executable, "-m", "builder", "check", "--content", ".", "articles/2026-01-05-first-round.yaml"],
        capture_output=True,
        text=True,
        check=False,
        cwd=content_dir,
    )
    assert result.stdout.splitlines() == [
        "content/articles/2026-01-05-first-round.yaml:47:13: claims[0].status: 'shaky' is not allowed; "
        "use one of: reported, confirmed, disputed, false, unverifiable"
    ]


def test_check_refuses_paths_it_would_not_read(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run(
        "check", "--content", str(content_dir), str(content_dir / "notes.yaml"), str(content_dir / "gone.yaml")
    )
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/gone.yaml:1:1: no such file",
        f"content/notes.yaml:1:1: is not a content file; check reads actors.yaml, topics.yaml, outlets.yaml and articles/*.yaml in {content_dir}",
    ]


def test_check_of_given_files_names_a_link_and_never_its_target(content_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "secret.yaml").write_text("token: npm_SECRET0123456789\n", encoding="utf-8")
    linked, dangling, folder = (content_dir / "articles" / f"2026-02-0{n}-odd.yaml" for n in (1, 2, 3))
    linked.symlink_to(tmp_path / "secret.yaml")
    dangling.symlink_to("gone.yaml")
    folder.mkdir()
    result = run("check", "--content", str(content_dir), str(linked), str(dangling), str(folder))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/articles/2026-02-01-odd.yaml:1:1: is reached through a link, and its real path is outside the content folder; only files inside content/ are read, so put the file itself here",
        "content/articles/2026-02-02-odd.yaml:1:1: is a link that leads to no file; remove it, or put the file itself here",
        "content/articles/2026-02-03-odd.yaml:1:1: is a folder, not a file; a content file is one YAML file",
    ]
    assert "SECRET" not in result.stdout + result.stderr and str(tmp_path) not in result.stdout


def test_check_of_given_files_takes_every_content_file(content_dir: Path) -> None:
    (content_dir / "articles/2026-01-05-first-round.yaml").rename(content_dir / "articles/2026-01-05-first-round.YAML")
    files = [content_dir / name for name in ("outlets.yaml", "actors.yaml", "articles/2026-01-05-first-round.YAML")]
    result = run("check", "--content", str(content_dir), *map(str, files))
    assert result.stdout.splitlines() == [
        "content/articles/2026-01-05-first-round.YAML:1:1: article files end in .yaml; rename it to 2026-01-05-first-round.yaml"
    ]


def test_check_github_format_annotates_each_problem(content_dir: Path, edit_yaml: Edit) -> None:
    edit_yaml(content_dir / "articles/2026-01-05-first-round.yaml", "status: disputed", "status: shaky")
    result = run("check", "--format", "github", "--content", str(content_dir))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=content/articles/2026-01-05-first-round.yaml,line=47,col=13,title=claims[0].status::"
        "'shaky' is not allowed; use one of: reported, confirmed, disputed, false, unverifiable"
    ]


def test_annotations_cannot_be_broken_by_contributor_text() -> None:
    problem = Problem("content/a,b:c.yaml", 3, 4, "x,y", "bad\n::error::injected 100%")
    assert problem.github() == (
        "::error file=content/a%2Cb%3Ac.yaml,line=3,col=4,title=x%2Cy::bad%0A::error::injected 100%25"
    )


def test_a_failed_write_leaves_the_old_output_and_no_staging_folder(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pages"
    out.mkdir()
    (out / "old.md").write_text("old", encoding="utf-8")

    def full_disk(root: Path, page_path: str) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("builder.output.output_file", full_disk)
    with pytest.raises(OSError):
        main(["generate", "--content", str(content_dir), "--out", str(out)])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "pages"]
    assert [p.name for p in out.iterdir()] == ["old.md"]

"""Command line for contributors, CI and other renderers.

python -m builder check [PATHS]        check all content, or only the files given
python -m builder new URL [OPTIONS]    start a summary from a skeleton that names every field
python -m builder ids [KIND] [WORDS]   look up the ids of actors, topics, outlets, events and claims
python -m builder generate --out DIR   write the pages as Markdown for any renderer
python -m builder init DIR             start a new site in an empty folder

Installed, the same commands run as `newstracker check`, `newstracker init DIR` and so on."""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import yaml

from . import ContentError, Problem, check_content, each_page
from .collector import collector_paused
from .dates import PartialDate, parse_date
from .links import BrokenLinks, LinkCheck
from .load import (
    ACTORS_FILE,
    ARTICLES_DIR,
    EDITOR_SCHEMAS,
    OUTLETS_FILE,
    TOPICS_FILE,
    YAML_SUFFIXES,
    LoadedContent,
    display_path,
    load_content,
)
from .lookup import KINDS, collect, editor_schemas, nearest, search
from .output import write_site
from .site import read_site
from .start import DEFAULT_NAME, DEFAULT_URL, StartError, start_site
from .validate import find_problems, find_warnings, referred_entries
from .vocabulary import PLUGIN_NAME, read_vocabulary
from .vocabulary import use as use_vocabulary


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = arguments.run
    if arguments.command != "init":
        # The kinds of source, event types and stances the site's mkdocs.yml sets, as `mkdocs build` uses them.
        try:
            use_vocabulary(read_vocabulary(arguments.config))
        except (OSError, ValueError, yaml.YAMLError) as error:
            print(f"{arguments.config}: plugins: {PLUGIN_NAME}: {error}", file=sys.stderr)
            return 1
    return command(arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_program(), description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="check the content and report every problem at once")
    check.add_argument("paths", nargs="*", type=Path, help="content files to report on (default: all)")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: workflow annotations")
    check.set_defaults(run=run_check)

    new = commands.add_parser("new", help="start content/articles/DATE-SLUG.yaml from a skeleton")
    new.add_argument("url", help="address of the article to summarise")
    new.add_argument("--headline", default="", help="the headline as published; also names the file")
    new.add_argument(
        "--date",
        type=_publication_date,
        help="publication date as precise as the page gives it: YYYY-MM-DD, YYYY-MM or YYYY",
    )
    new.add_argument("--outlet", default="", help="the outlet's id, name or alias in content/outlets.yaml")
    new.set_defaults(run=run_new)

    ids = commands.add_parser("ids", help="look up the ids of actors, topics, outlets, events and claims")
    ids.add_argument("words", nargs="*", help=f"[{'|'.join(KINDS)}] [WORDS]: a kind, then words to look for")
    ids.add_argument(
        "--editor-schemas",
        action="store_true",
        help=f"write the schemas with the current ids to {EDITOR_SCHEMAS}/, for completion in editors",
    )
    ids.set_defaults(run=run_ids)

    generate = commands.add_parser("generate", help="write the generated Markdown pages to a folder")
    generate.add_argument("--out", type=Path, required=True, help="folder to write the pages to; replaced as a whole")
    generate.set_defaults(run=run_generate)

    init = commands.add_parser("init", help="start a new site, ready to build, in an empty folder")
    init.add_argument("folder", type=Path, help="where to write it: a new or empty folder")
    init.add_argument("--name", default=DEFAULT_NAME, help=f"the site's name (default: {DEFAULT_NAME})")
    init.add_argument("--url", default=DEFAULT_URL, help=f"the site's public address (default: {DEFAULT_URL})")
    init.set_defaults(run=run_init)

    for command in (check, new, ids, generate):
        command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
        command.add_argument(
            "--config",
            type=Path,
            default=Path("mkdocs.yml"),
            help="the site's MkDocs configuration: its vocabulary, and for generate its name and address"
            " (default: mkdocs.yml; without it, the default vocabulary)",
        )
    return parser


def _program() -> str:
    """How the command was started: `newstracker`, or `python -m builder` from a checkout."""
    started = Path(sys.argv[0]).name
    return f"python -m {__package__}" if started in ("__main__.py", "-c", "") else started


def run_init(arguments: argparse.Namespace) -> int:
    try:
        written = start_site(arguments.folder, arguments.name, arguments.url)
    except (StartError, OSError) as error:
        print(f"{_program()} init: {error}", file=sys.stderr)
        return 1
    folder = arguments.folder
    print(f"wrote {len(written)} files to {folder}; to see the site: cd {folder} && mkdocs serve")
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    """Report problems sorted, one per line, then warnings; exit 1 if there are problems."""
    content_dir: Path = arguments.content
    with collector_paused():
        loaded = load_content(content_dir)
        problems = sorted(set(find_problems(loaded, datetime.date.today())))
        warnings = find_warnings(loaded)
    registries = [d for d in (loaded.actors, loaded.topics, loaded.outlets) if d is not None]
    checked = _plural(len(loaded.articles) + len(registries), "content file") + " checked"
    wanted = _wanted_files(content_dir, arguments.paths)
    if wanted is not None:
        entries = referred_entries(loaded, wanted)
        shown = [problem for problem in problems if _concerns(problem, wanted, entries)]
        _note_unshown([problem for problem in problems if problem not in shown], {d.path for d in registries})
        problems = sorted(shown + _not_content(arguments))
        warnings = [warning for warning in warnings if warning.path in wanted]
        checked = _plural(len(wanted), "content file") + " checked" + _entries_phrase(entries, wanted)
    for problem in problems:
        print(problem.github() if arguments.format == "github" else problem)
    for warning in warnings:
        print(warning.github("warning") if arguments.format == "github" else warning.as_warning())
    if problems:
        files = len({problem.path for problem in problems})
        print(f"{_plural(len(problems), 'problem')} in {_plural(files, 'file')}", file=sys.stderr)
        return 1
    print(f"OK: {checked}, no problems" + (f"; {_plural(len(warnings), 'warning')}" if warnings else ""))
    return 0


def _concerns(problem: Problem, wanted: set[str], entries: dict[str, set[int]]) -> bool:
    """Whether a problem is in a given file, or in a registry entry a given file refers to."""
    if problem.path in wanted:
        return True
    if problem.path not in entries:
        return False
    position = re.match(r"^\w+\[(\d+)\]", problem.field)
    # A problem of the registry file as a whole (its first line, its syntax) concerns every entry.
    return position is None or int(position.group(1)) in entries[problem.path]


def _entries_phrase(entries: dict[str, set[int]], wanted: set[str]) -> str:
    count = sum(len(positions) for path, positions in entries.items() if path not in wanted)
    if not count:
        return ""
    refer = "it refers" if len(wanted) == 1 else "they refer"
    return f", and the {count} registry {'entry' if count == 1 else 'entries'} {refer} to"


def _note_unshown(unshown: list[Problem], registry_paths: set[str]) -> None:
    """Say plainly which registry problems a check of given files leaves out, and how to see them."""
    counts = Counter(problem.path for problem in unshown if problem.path in registry_paths)
    for path, count in sorted(counts.items()):
        print(
            f"note: {path} has {_plural(count, 'problem')} in entries the files given do not refer to, "
            f"not shown here; {_program()} check {path} lists them",
            file=sys.stderr,
        )


def _wanted_files(content_dir: Path, paths: list[Path]) -> set[str] | None:
    """The given files as problems name them; None means every file."""
    if not paths:
        return None
    root = content_dir.resolve().parent
    return {display_path(_as_given(path), root) for path in paths}


def _as_given(path: Path) -> Path:
    """The absolute path of a file, as the loader names it: its folder resolved, but not a link it may be."""
    return path.parent.resolve() / path.name


def _not_content(arguments: argparse.Namespace) -> list[Problem]:
    """Given paths that `check` never reads, said as problems so that a typo is not a silent pass."""
    content = arguments.content.resolve()
    problems = []
    for path in arguments.paths:
        given = _as_given(path)
        is_registry = given in (content / ACTORS_FILE, content / TOPICS_FILE, content / OUTLETS_FILE)
        is_article = given.parent == content / ARTICLES_DIR and given.suffix.lower() in YAML_SUFFIXES
        shown = display_path(given, content.parent)
        if not (given.exists() or given.is_symlink()):
            problems.append(Problem(shown, 1, 1, "", "no such file"))
        elif not (is_registry or is_article):
            files = f"{ACTORS_FILE}, {TOPICS_FILE}, {OUTLETS_FILE} and {ARTICLES_DIR}/*.yaml"
            problems.append(
                Problem(shown, 1, 1, "", f"is not a content file; check reads {files} in {arguments.content}")
            )
    return problems


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def run_new(arguments: argparse.Namespace) -> int:
    from .skeleton import Request, SkeletonError, create_summary  # only this command needs python-slugify

    request = Request(arguments.url, arguments.headline, arguments.date, arguments.outlet)
    try:
        path = create_summary(arguments.content, request, datetime.date.today())
    except SkeletonError as error:
        print(f"{_program()} new: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}\nfill in every TODO, then run: {_program()} check {path}")
    return 0


def _publication_date(value: str) -> PartialDate:
    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run_ids(arguments: argparse.Namespace) -> int:
    """Print the ids that match, one per line; exit 1 when none does."""
    loaded = load_content(arguments.content)
    if arguments.editor_schemas:
        return _write_editor_schemas(loaded, arguments.content.resolve().parent / EDITOR_SCHEMAS)
    words = list(arguments.words)
    kinds = [words.pop(0)] if words and words[0] in KINDS else list(KINDS)
    entries = [entry for kind, found in collect(loaded).items() if kind in kinds for entry in found]
    matches = search(entries, " ".join(words))
    for entry in matches:
        print(entry.line())
    if matches:
        return 0
    guesses = nearest(entries, " ".join(words))
    hint = f"; did you mean {' or '.join(repr(guess.id) for guess in guesses)}?" if guesses else ""
    print(f"no {' or '.join(kinds)} id matches {' '.join(words)!r}{hint}", file=sys.stderr)
    return 1


def _write_editor_schemas(loaded: LoadedContent, folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(editor_schemas(loaded).items()):
        (folder / name).write_text(text, encoding="utf-8")
    print(f"wrote {folder}; point a file's first line at it to complete ids (CONTRIBUTING.md, 'Finding ids')")
    return 0


def run_generate(arguments: argparse.Namespace) -> int:
    try:
        site = read_site(arguments.config)
    except (OSError, ValueError) as error:
        print(f"{arguments.config}: {error}", file=sys.stderr)
        return 1
    try:
        content = check_content(arguments.content)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    try:
        written = write_site(LinkCheck().checked(each_page(content, site)), arguments.out)
    except BrokenLinks as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {written} pages and files to {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

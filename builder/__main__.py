"""Command line for contributors, CI and other renderers.

python -m builder check [PATHS]        check all content, or only the files given
python -m builder new URL [OPTIONS]    start a summary from a skeleton that names every field
python -m builder generate --out DIR   write the pages as Markdown for any renderer"""

from __future__ import annotations

import argparse
import datetime
import sys
from collections.abc import Callable
from pathlib import Path

from . import ContentError, Problem, check_content, each_page
from .dates import PartialDate, parse_date
from .links import BrokenLinks, LinkCheck
from .load import ACTORS_FILE, ARTICLES_DIR, OUTLETS_FILE, TOPICS_FILE, YAML_SUFFIXES, display_path
from .output import write_site
from .site import read_site


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    command: Callable[[argparse.Namespace], int] = arguments.run
    return command(arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m builder", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
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

    generate = commands.add_parser("generate", help="write the generated Markdown pages to a folder")
    generate.add_argument("--out", type=Path, required=True, help="folder to write the pages to; replaced as a whole")
    generate.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="where to read site_name and site_url (default: mkdocs.yml)",
    )
    generate.set_defaults(run=run_generate)

    for command in (check, new, generate):
        command.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    return parser


def run_check(arguments: argparse.Namespace) -> int:
    """Report problems sorted, one per line; exit 1 if there are any."""
    content_dir: Path = arguments.content
    try:
        checked = len(check_content(content_dir).articles) + 2  # and the two registries
        problems: list[Problem] = []
    except ContentError as error:
        problems = error.problems
    wanted = _wanted_files(content_dir, arguments.paths)
    if wanted is not None:
        checked = len(wanted)
        problems = sorted([problem for problem in problems if problem.path in wanted] + _not_content(arguments))
    for problem in problems:
        print(problem.github() if arguments.format == "github" else problem)
    if problems:
        files = len({problem.path for problem in problems})
        print(f"{_plural(len(problems), 'problem')} in {_plural(files, 'file')}", file=sys.stderr)
        return 1
    print(f"OK: {_plural(checked, 'content file')} checked, no problems")
    return 0


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
        print(f"python -m builder new: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}\nfill in every TODO, then run: python -m builder check {path}")
    return 0


def _publication_date(value: str) -> PartialDate:
    try:
        return parse_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


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

"""Command line: `python -m builder generate --out DIR` writes the pages for any Markdown renderer."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from . import ContentError, GeneratedFile, check_content, generate_pages
from .paths import output_file
from .site import read_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m builder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write the generated Markdown pages to a folder")
    generate.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    generate.add_argument("--out", type=Path, required=True, help="folder to write the pages to; replaced as a whole")
    generate.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="where to read site_name and site_url (default: mkdocs.yml)",
    )
    arguments = parser.parse_args(argv)
    try:
        site = read_site(arguments.config)
    except (OSError, ValueError) as error:
        print(f"{arguments.config}: {error}", file=sys.stderr)
        return 1
    try:
        pages = generate_pages(check_content(arguments.content), site)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    write_pages(pages, arguments.out)
    print(f"wrote {len(pages)} pages and files to {arguments.out}")
    return 0


def write_pages(pages: dict, out_dir: Path) -> None:
    """Write into a fresh folder beside `out_dir`, then swap it in, so no reader sees half a site."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    for page in pages.values():
        target = output_file(staging, page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(page, GeneratedFile):
            target.write_bytes(page.data)
        else:
            target.write_text(page.markdown, encoding="utf-8")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)


if __name__ == "__main__":
    sys.exit(main())

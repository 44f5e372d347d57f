"""Time the builder alone, without MkDocs: each stage's CPU time and the process's peak memory.

    python bench/stages.py --sizes 1000 10000

A quick check of how the builder scales, for sizes where a whole `mkdocs build` takes too long to
repeat (bench/run.py measures the real build). Each size runs in its own process, so that the peak
memory is that size's alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

STAGES = ("load", "validate", "index", "render")


def measure(content_dir: Path) -> dict[str, Any]:
    """Run in a child process: the four stages, one after the other, as `mkdocs build` runs them."""
    from builder import GeneratedFile
    from builder.index import build_index
    from builder.load import load_content
    from builder.render import render_each
    from builder.site import read_site
    from builder.validate import validate_content

    site = read_site(REPO / "mkdocs.yml")
    # Render is consumed page by page, as the build writes each page and lets it go.
    steps = (load_content, validate_content, build_index, lambda index: _sizes(render_each(index, site), GeneratedFile))
    spent: dict[str, Any] = {}
    result: Any = content_dir
    for name, stage in zip(STAGES, steps, strict=True):
        start = time.process_time()
        result = stage(result)
        spent[name] = time.process_time() - start
    spent.update(result)
    return spent


def _sizes(pages: Any, data_type: type) -> dict[str, Any]:
    markdown = data = count = 0
    for page in pages:
        count += 1
        if isinstance(page, data_type):
            data += len(page.data)
        else:
            markdown += len(page.markdown)
    return {"markdown_mb": markdown / 1e6, "data_mb": data / 1e6, "pages": count}


def measure_in_child(content_dir: Path) -> tuple[dict[str, Any], float]:
    """The stage times and the child's peak memory in MiB."""
    child = subprocess.Popen([sys.executable, __file__, "--child", str(content_dir)], stdout=subprocess.PIPE)
    output = child.stdout.read() if child.stdout else b""
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the builder failed on {content_dir}")
    return json.loads(output), usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.child:
        print(json.dumps(measure(arguments.child)))
        return 0
    from bench.corpus import write_corpus

    print(
        "| N summaries | pages and files | load | validate | index | render | builder CPU s | Markdown MB "
        "| data MB | peak MiB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="tracker-stages-") as work:
        for size in arguments.sizes:
            content = write_corpus(Path(work) / f"n{size}" / "content", size)
            spent, peak = measure_in_child(content)
            stages = " | ".join(f"{spent[name]:.2f}" for name in STAGES)
            total = sum(spent[name] for name in STAGES)
            print(
                f"| {size:,} | {spent['pages']:,} | {stages} | {total:.2f} | {spent['markdown_mb']:.1f} "
                f"| {spent['data_mb']:.1f} | {peak:.0f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

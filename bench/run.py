"""Benchmark the builder and the whole site build at several corpus sizes.

    python bench/run.py --sizes 100 1000 10000 --runs 3 [--runs-at 10000=1] [--write bench/RESULTS.md]

For each size N it writes a synthetic corpus (bench/corpus.py) into a temporary project with the
real mkdocs.yml, docs/ and overrides/, then alternates, each in its own process:

- `mkdocs build --strict` with the tracker plugin (bench/build.py): the CPU time of each builder
  stage inside that build, the process's CPU and wall time, and its peak memory apart from that
  of any program it runs;
- the floor: MkDocs building the very same Markdown pages and data files from docs/, with the
  tracker plugin removed from mkdocs.yml and everything else kept, leaf pages outside the nav as
  the plugin marks them.

It prints medians as a Markdown table and, with --write, puts them into that file between the
results markers after each size, so a long run that is stopped still leaves what it measured.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import functools
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from bench.corpus import write_corpus  # noqa: E402
from builder import Generated, GeneratedPage, check_content, generate_pages  # noqa: E402
from builder.output import write_site  # noqa: E402
from builder.plugin import SCHEMAS_DIR, nav_paths  # noqa: E402
from builder.schema import SCHEMA_FILES, schema_file_name, schema_text  # noqa: E402
from builder.site import read_site  # noqa: E402

SITE_FILES = ("mkdocs.yml", "docs", "overrides")
STAGES = ("load_content", "validate_content", "build_index", "render_each")
SEARCH_INDEXER = "run_pagefind"
START, END = "<!-- results:start -->", "<!-- results:end -->"
# `- tracker` alone, or `- tracker:` and the more deeply indented lines of its options.
_TRACKER_ENTRY = re.compile(
    r"(?m)^(?P<indent>[ \t]*)- tracker(?::[ \t]*\n(?:(?P=indent)[ \t]+\S.*\n|[ \t]*\n)*|[ \t]*\n)"
)
# The project's own `not_in_nav: |` block, which the floor extends with the plugin's leaf pages.
_NOT_IN_NAV = re.compile(r"(?m)^not_in_nav:[ \t]*\|[ \t]*\n(?P<lines>(?:[ \t]+\S.*\n|[ \t]*\n)*)")
_EMPTY_PLUGINS = re.compile(r"(?m)^plugins:[ \t]*\n(?![ \t]*-)")


@dataclass
class Run:
    stages: dict[str, float]
    wall: float
    cpu: float
    """CPU seconds of the process and of every child it waited for (wait4)."""
    peak_mib: float
    load: float


@dataclass
class Result:
    size: int
    builds: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)
    pages: int = 0
    site_bytes: int = 0
    search: dict[str, int] = field(default_factory=dict)

    def stage(self, name: str) -> float:
        return statistics.median(run.stages.get(name, 0.0) for run in self.builds)

    @property
    def builder(self) -> float:
        return statistics.median(sum(run.stages.get(s, 0.0) for s in STAGES) for run in self.builds)

    @property
    def indexer(self) -> float | None:
        timed = [run.stages[SEARCH_INDEXER] for run in self.builds if SEARCH_INDEXER in run.stages]
        return statistics.median(timed) if timed else None


def median(runs: list[Run], measure: str) -> float:
    return statistics.median(getattr(run, measure) for run in runs)


def make_project(root: Path, articles: int) -> Path:
    root.mkdir(parents=True)
    for name in SITE_FILES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    write_corpus(root / "content", articles)
    return root


def make_floor_project(project: Path, root: Path) -> Path:
    """The same site with the builder switched off: its pages and files are plain files in docs/."""
    root.mkdir(parents=True)
    shutil.copytree(project / "overrides", root / "overrides")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    pages = generate_pages(check_content(project / "content"), read_site(project / "mkdocs.yml"))
    write_site(pages.values(), root / "docs")
    for name in SCHEMA_FILES:  # the plugin serves the schemas too
        schema = root / "docs" / SCHEMAS_DIR / schema_file_name(name)
        schema.parent.mkdir(parents=True, exist_ok=True)
        schema.write_text(schema_text(name), encoding="utf-8")
    for item in (project / "docs").iterdir():
        if (root / "docs" / item.name).exists() and not item.is_dir():
            raise SystemExit(f"docs/{item.name} clashes with a generated file")
        if item.is_dir():
            shutil.copytree(item, root / "docs" / item.name, dirs_exist_ok=True)
        else:
            shutil.copy2(item, root / "docs" / item.name)
    (root / "mkdocs.yml").write_text(floor_config(config, pages), encoding="utf-8")
    return root


def floor_config(config: str, pages: dict[str, Generated]) -> str:
    """mkdocs.yml without the tracker plugin, saying which pages stay out of the nav as the plugin does."""
    own = _NOT_IN_NAV.search(config)
    kept = [line.strip() for line in own["lines"].splitlines() if line.strip()] if own else []
    if "not_in_nav:" in _NOT_IN_NAV.sub("", config):
        raise SystemExit("mkdocs.yml sets not_in_nav in a form the floor cannot extend; write it as a `|` block")
    config = _NOT_IN_NAV.sub("", config)
    without_tracker, removed = _TRACKER_ENTRY.subn("", config)
    if removed != 1:
        raise SystemExit("could not find the tracker plugin in mkdocs.yml")
    # A `plugins:` with no entries means MkDocs' default (its search); an empty list means none.
    without_tracker = _EMPTY_PLUGINS.sub("plugins: []\n", without_tracker)
    # The plugin's own reading of the nav, so that the floor keeps in the nav exactly the pages the plugin does.
    nav = nav_paths(yaml.load(config, Loader=_TolerantLoader).get("nav"))
    patterns = "".join(f"  {line}\n" for line in [*kept, *not_in_nav_patterns(pages, nav)])
    return f"{without_tracker.rstrip()}\n\nnot_in_nav: |\n{patterns}"


def not_in_nav_patterns(pages: dict[str, Generated], nav: frozenset[str]) -> list[str]:
    """Generated Markdown pages the nav does not name, by folder: listing 10,000 pages one by one
    would make MkDocs match every file against every pattern, which the plugin never costs it."""
    leaves = sorted(path for path, page in pages.items() if isinstance(page, GeneratedPage) and path not in nav)
    folders = sorted({path.split("/")[0] for path in leaves if "/" in path})
    patterns = [f"/{folder}/**/*.md" for folder in folders]
    patterns += [f"/{path}" for path in leaves if "/" not in path]
    return patterns + [f"!/{path}" for path in sorted(nav) if path.split("/")[0] in folders]


class _TolerantLoader(yaml.SafeLoader):
    """Reads tags only MkDocs understands (!ENV and the like) as plain data."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def build_once(project: Path, site: Path, *, with_builder: bool) -> Run:
    """One `mkdocs build --strict` in its own process."""
    if site.exists():
        shutil.rmtree(site)
    timings = site.parent / f"{site.name}.json"
    # No -q: it hides the warnings that --strict counts, which would then pass a site with broken links.
    command = [sys.executable, str(BENCH / "build.py"), str(timings), "--", "build", "--strict"]
    command += ["-f", str(project / "mkdocs.yml"), "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    log = site.parent / f"{site.name}.log"
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {project}:\n{log.read_text(encoding='utf-8')[-3000:]}")
    report = json.loads(timings.read_text(encoding="utf-8"))
    if with_builder:
        _check_stages_ran(report["calls"])
    return Run(
        stages=report["stages"],
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        peak_mib=report["peak_self_mib"],
        load=os.getloadavg()[0],
    )


def _check_stages_ran(calls: dict[str, int]) -> None:
    missing = [stage for stage in STAGES if not calls.get(stage)]
    if missing:
        # A stage called through a name bench/build.py did not replace would time as zero.
        raise SystemExit(f"never timed in the build: {', '.join(missing)}; see how bench/build.py wraps them")


def describe_site(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html" and p.name != "404.html")
    return pages, sum(p.stat().st_size for p in files)


def first_search_download(site: Path) -> dict[str, int]:
    """Bytes a reader fetches before the first search result."""
    lunr_index = site / "search" / "search_index.json"
    if lunr_index.is_file():
        # Material's search: the whole index and its worker, raw and as a server sends them.
        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
        files = [lunr_index, *workers]
        return {"raw": sum(p.stat().st_size for p in files), "gzip": sum(_gzipped(p) for p in files)}
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        return {"Pagefind, worst case": _pagefind_first_result(pagefind)}
    return {}


def _pagefind_first_result(bundle: Path) -> int:
    """The search page's runtime and metadata, plus the largest index chunk and the largest excerpt.

    Pagefind's own files are already compressed (its index and fragments are gzip inside), so
    bytes on disk are bytes sent; the UI and runtime are counted gzip-compressed, as any server
    sends them.
    """
    runtime = [bundle / name for name in ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js")]
    fixed = sum(_gzipped(p) for p in runtime if p.is_file())
    fixed += sum(p.stat().st_size for p in bundle.glob("pagefind-entry.json"))
    fixed += sum(p.stat().st_size for p in bundle.glob("*.pf_meta"))
    fixed += max((p.stat().st_size for p in bundle.glob("wasm.*.pagefind")), default=0)
    chunk = max((p.stat().st_size for p in (bundle / "index").glob("*")), default=0)
    fragment = max((p.stat().st_size for p in (bundle / "fragment").glob("*")), default=0)
    return fixed + chunk + fragment


def _gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def bench_size(size: int, runs: int, work: Path, *, side_by_side: bool = False) -> Result:
    result = Result(size)
    folder = work / f"n{size}"
    project = make_project(folder / "project", size)
    check_content(project / "content")  # the corpus must be valid content, or the numbers mean nothing
    floor = make_floor_project(project, folder / "floor")
    # Builds and floors alternate (or, side by side, run at once), so both meet the same load.
    for number in range(runs):
        build, floor_run = _build_and_floor(project, floor, folder, side_by_side=side_by_side)
        result.builds.append(build)
        result.floors.append(floor_run)
        _progress(f"N={size} run {number + 1}/{runs}: build {build}, floor {floor_run}")
        if number == 0:
            result.pages, result.site_bytes = describe_site(folder / "site")
            result.search = first_search_download(folder / "site")
            _progress(f"N={size}: {result.pages} pages, {result.site_bytes} bytes, search {result.search}")
            _check_same_pages(folder / "site", folder / "floor-site")
    shutil.rmtree(folder)
    return result


def _build_and_floor(project: Path, floor: Path, folder: Path, *, side_by_side: bool) -> tuple[Run, Run]:
    build = functools.partial(build_once, project, folder / "site", with_builder=True)
    floor_build = functools.partial(build_once, floor, folder / "floor-site", with_builder=False)
    if not side_by_side:
        return build(), floor_build()
    # Each build is one single-threaded process: on two cores both fit at once, and CPU time,
    # which the table compares, is the same either way.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        started = pool.submit(build), pool.submit(floor_build)
        return started[0].result(), started[1].result()


def _check_same_pages(site: Path, floor_site: Path) -> None:
    """The floor is only a floor if MkDocs built the very same pages in it."""
    built, floor = (_html_pages(folder) for folder in (site, floor_site))
    if built != floor:
        differences = sorted(built ^ floor)
        raise SystemExit(f"the floor built other pages than the build, e.g. {differences[:5]}")


def _html_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> str:
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), platform.processor())
    packages = ("mkdocs", "mkdocs-material", "PyYAML", "Jinja2", "jsonschema")
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in packages)
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.1f} GiB memory, "
        f"Python {platform.python_version()}, {versions}, {platform.system()} {platform.release()}"
    )


def table(results: list[Result], command: str) -> str:
    loads = [run.load for r in results for run in (*r.builds, *r.floors)]
    rows = [
        f"Machine: {machine()}.",
        "",
        f"Command: `{command}` (medians of the runs; each build in its own process;"
        " builds and floors alternate, or run at once with --side-by-side).",
        "",
        "Runs per size: " + ", ".join(f"{r.size:,}: {len(r.builds)}" for r in results) + ". "
        f"One-minute load average after each run: {min(loads):.1f}–{max(loads):.1f}.",
        "",
        "Stage, builder and CPU columns are CPU seconds (build and floor CPU include any child process);"
        " wall is elapsed time. The machine is shared, so CPU time is the steadier measure; build / floor"
        " compares CPU. Peak is each build process's own peak RSS (VmHWM); Pagefind runs as a separate"
        " program after MkDocs has written the site, and is not in it.",
        "",
        "| N summaries | pages | load | validate | index | render | builder | builder share | search indexer "
        "| build CPU | build wall | floor CPU | floor wall | build / floor | peak MiB "
        "| floor peak MiB | site MB | first search download |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    rows += [_row(r) for r in results]
    growth = [(a, b) for a in results for b in results if b.size == 10 * a.size]
    rows += [""] + [
        f"Builder time grows {b.builder / a.builder:.1f}× from {a.size:,} to {b.size:,} summaries "
        f"(mkdocs build CPU {median(b.builds, 'cpu') / median(a.builds, 'cpu'):.1f}×, "
        f"floor CPU {median(b.floors, 'cpu') / median(a.floors, 'cpu'):.1f}×)."
        for a, b in growth
    ]
    return "\n".join(rows)


def _row(r: Result) -> str:
    cpu, floor_cpu = median(r.builds, "cpu"), median(r.floors, "cpu")
    stages = " | ".join(f"{r.stage(s):.2f}" for s in STAGES)
    indexer = "n/a" if r.indexer is None else f"{r.indexer:.1f}"
    search = ", ".join(f"{kind} {size / 1e6:.2f} MB" for kind, size in r.search.items()) or "n/a"
    cells = [
        f"{r.size:,}",
        f"{r.pages:,}",
        stages,
        f"{r.builder:.2f}",
        f"{r.builder / cpu:.1%}",
        indexer,
        f"{cpu:.1f}",
        f"{median(r.builds, 'wall'):.1f}",
        f"{floor_cpu:.1f}",
        f"{median(r.floors, 'wall'):.1f}",
        f"{cpu / floor_cpu:.3f}",
        f"{median(r.builds, 'peak_mib'):.0f}",
        f"{median(r.floors, 'peak_mib'):.0f}",
        f"{r.site_bytes / 1e6:.0f}",
        search,
    ]
    return "| " + " | ".join(cells) + " |"


def write_results(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START not in text:
        text += f"\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    path.write_text(f"{before}{START}\n{block}\n{END}{after}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--runs-at",
        action="append",
        default=[],
        metavar="SIZE=RUNS",
        help="a different number of runs for one size, e.g. 10000=1 when three would not fit the time",
    )
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="run each build and its floor at the same time, one per core (CPU times stay comparable)",
    )
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file, between the markers")
    arguments = parser.parse_args(argv)
    runs = {int(size): int(count) for size, count in (item.split("=") for item in arguments.runs_at)}
    command = "python bench/run.py --sizes " + " ".join(map(str, arguments.sizes)) + f" --runs {arguments.runs}"
    command += "".join(f" --runs-at {item}" for item in arguments.runs_at)
    if arguments.side_by_side:
        command += " --side-by-side"
    if arguments.write:
        command += f" --write {arguments.write}"
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as work:
        for size in arguments.sizes:
            runs_here = runs.get(size, arguments.runs)
            results.append(bench_size(size, runs_here, Path(work), side_by_side=arguments.side_by_side))
            if arguments.write:
                write_results(arguments.write, table(results, command))
    print(table(results, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())

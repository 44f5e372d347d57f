"""Benchmark the whole site build at several corpus sizes against two outside references.

    python bench/run.py --sizes 1000 10000 --runs 3 --runs-at 10000=1 --write bench/RESULTS.md

For each size N it writes a synthetic corpus (bench/corpus.py) into a temporary project with the
real mkdocs.yml, docs/ and overrides/, checks it with `python -m builder check`, lays out the naive
generator's site of the same N (`make_site.py N DIR` of --anchors, run from where it lives) and
then, in the same run, builds each in its own process, one after the other, run after run:

- the project: `mkdocs build --strict` with the tracker plugin, Pagefind included (bench/build.py
  times each builder stage inside that very build);
- the naive generator: `mkdocs build -q -f mkdocs-material.yml -d site-material` in its folder,
  with MkDocs and Material from a venv of their own (--naive-venv, made when missing, at the
  versions constraints.txt pins, so both builds run the same MkDocs, Material and Markdown);
- Hugo on the naive corpus (`hugo --quiet -s DIR/hugo -d public`), the physical reference.

Builds run one at a time: two at once on the same cores share their caches and memory bandwidth,
which raises CPU time too (by a third, measured at 100 summaries), so never run two benchmarks at
once either. Figures are CPU seconds of each build's process and every program it waited for.

It prints medians, the ratios build / naive and build / Hugo, peak memory, the built site's size,
its largest HTML page and how many pages are over 300 KB, and what a reader downloads before the
first search result. With --write it puts them, and the targets with pass or fail, into that file
between the markers after each size, so a long run that is stopped still leaves what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from bench.corpus import write_corpus  # noqa: E402
from bench.search import first_filtered_search, first_search, gzipped_size  # noqa: E402

SITE_FILES = ("mkdocs.yml", "docs", "overrides")
STAGES = ("load_content", "validate_content", "build_index", "render_each")
SEARCH_INDEXER = "run_pagefind"
ANCHORS = REPO.parent / "shared" / "perf-anchors"
NAIVE_VENV = REPO / "build" / "naive-venv"
NAIVE_CONFIG = "mkdocs-material.yml"
NAIVE_PACKAGES = ("mkdocs", "mkdocs-material", "PyYAML")
"""What the naive generator needs, at the versions constraints.txt pins for the project."""
PAGE_LIMIT = 300_000
"""Bytes: the largest a built HTML page may be (300 KB, counted in thousands)."""
RESULTS = ("<!-- results:start -->", "<!-- results:end -->")
TARGETS = ("<!-- targets:start -->", "<!-- targets:end -->")


@dataclass
class Run:
    cpu: float
    """CPU seconds of the process and of every program it waited for (wait4)."""
    wall: float
    peak_mib: float
    """The largest resident set of any one process of the build."""
    load: float
    peak_parts: dict[str, float] = field(default_factory=dict)
    """The project's peak split by process: MkDocs' own and Pagefind's."""
    stages: dict[str, float] = field(default_factory=dict)
    calls: dict[str, int] = field(default_factory=dict)


@dataclass
class Site:
    pages: int = 0
    """HTML files, 404.html apart."""
    bytes: int = 0
    largest: str = ""
    largest_bytes: int = 0
    over_limit: int = 0


@dataclass
class Result:
    size: int
    builds: list[Run] = field(default_factory=list)
    naive: list[Run] = field(default_factory=list)
    hugo: list[Run] = field(default_factory=list)
    site: Site = field(default_factory=Site)
    naive_site: Site = field(default_factory=Site)
    hugo_site: Site = field(default_factory=Site)
    search: dict[str, int] = field(default_factory=dict)

    def stage(self, name: str) -> float | None:
        if not all(run.calls.get(name) for run in self.builds):
            return None  # not timed: a stage renamed or called by another name than bench/build.py replaces
        return statistics.median(run.stages[name] for run in self.builds)

    @property
    def builder(self) -> float | None:
        if any(self.stage(name) is None for name in STAGES):
            return None
        return statistics.median(sum(run.stages[s] for s in STAGES) for run in self.builds)

    @property
    def indexer(self) -> float | None:
        return self.stage(SEARCH_INDEXER)


def median(runs: list[Run], measure: str) -> float:
    return statistics.median(getattr(run, measure) for run in runs)


@dataclass
class References:
    """Where the naive generator and Hugo are, and how to run them."""

    anchors: Path
    python: Path
    """The naive venv's Python."""
    hugo: str


def make_project(root: Path, articles: int) -> Path:
    root.mkdir(parents=True)
    for name in SITE_FILES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / name)
    write_corpus(root / "content", articles)
    # The corpus must be valid content, or the numbers mean nothing; checked in a process of its
    # own, so that this one stays small while the builds run.
    check = [sys.executable, "-m", "builder", "check", "--content", str(root / "content")]
    checked = subprocess.run(check, cwd=REPO, env=_project_env(), capture_output=True, text=True, check=False)
    if checked.returncode != 0:
        raise SystemExit(f"the corpus of {articles} summaries is not valid content:\n{checked.stdout[-3000:]}")
    return root


def make_naive_site(root: Path, articles: int, references: References) -> Path:
    """The naive generator's folder for N summaries (its corpus, configurations and Hugo site)."""
    command = [str(references.python), str(references.anchors / "make_site.py"), str(articles), str(root)]
    made = subprocess.run(command, capture_output=True, text=True, check=False)
    if made.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{(made.stderr or made.stdout)[-3000:]}")
    return root


def _project_env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}


def _reference_env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    return env


def build_project(project: Path, site: Path) -> Run:
    """One `mkdocs build --strict` of the project in its own process, each builder stage timed inside it."""
    _remove(site)
    timings = site.parent / f"{site.name}.json"
    # No -q: it hides the warnings that --strict counts, which would then pass a site with broken links.
    command = [sys.executable, str(BENCH / "build.py"), str(timings), "--", "build", "--strict"]
    command += ["-f", str(project / "mkdocs.yml"), "-d", str(site)]
    log = site.parent / f"{site.name}.log"
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=project, env=_project_env(), stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"the build failed in {project}:\n{log.read_text(encoding='utf-8')[-3000:]}")
    report = json.loads(timings.read_text(encoding="utf-8"))
    return Run(
        cpu=usage.ru_utime + usage.ru_stime,
        wall=wall,
        peak_mib=max(report["peak_self_mib"], report["peak_children_mib"]),
        peak_parts={"MkDocs": report["peak_self_mib"], "Pagefind": report["peak_children_mib"]},
        load=os.getloadavg()[0],
        stages=report["stages"],
        calls=report["calls"],
    )


def build_naive(naive: Path, references: References) -> Run:
    _remove(naive / "site-material")
    command = [str(references.python.parent / "mkdocs"), "build", "-q", "-f", NAIVE_CONFIG, "-d", "site-material"]
    return _measured(command, naive, naive.parent / "naive")


def build_hugo(naive: Path, references: References) -> Run:
    # Hugo writes over what is there and keeps what it made before; each run starts from nothing.
    for made in ("public", "resources", ".hugo_build.lock"):
        _remove(naive / "hugo" / made)
    return _measured([references.hugo, "--quiet", "-s", "hugo", "-d", "public"], naive, naive.parent / "hugo")


def _measured(command: list[str], cwd: Path, name: Path) -> Run:
    """Run a reference build through bench/measure.py, which reports its CPU, time and peak memory."""
    result, log = name.with_suffix(".json"), name.with_suffix(".log")
    with log.open("w", encoding="utf-8") as output:
        measure = [sys.executable, str(BENCH / "measure.py"), str(result), "--", *command]
        done = subprocess.run(
            measure, cwd=cwd, env=_reference_env(), stdout=output, stderr=subprocess.STDOUT, check=False
        )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{log.read_text(encoding='utf-8')[-3000:]}")
    report = json.loads(result.read_text(encoding="utf-8"))
    return Run(cpu=report["cpu"], wall=report["wall"], peak_mib=report["peak_mib"], load=os.getloadavg()[0])


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


def describe_site(site: Path) -> Site:
    facts = Site()
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        facts.bytes += size
        if path.suffix != ".html":
            continue
        facts.pages += path.name != "404.html"
        facts.over_limit += size > PAGE_LIMIT
        if size > facts.largest_bytes:
            facts.largest, facts.largest_bytes = path.relative_to(site).as_posix(), size
    return facts


def first_search_download(site: Path) -> dict[str, int]:
    """Bytes a reader fetches before the first search result."""
    lunr_index = site / "search" / "search_index.json"
    if lunr_index.is_file():
        # Material's search: the whole index and its worker, raw and as a server sends them.
        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
        files = [lunr_index, *workers]
        return {"raw": sum(p.stat().st_size for p in files), "gzip": sum(gzipped_size(p) for p in files)}
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        return {"Pagefind, worst case": first_search(site)}
    return {}


def bench_size(size: int, runs: int, work: Path, references: References) -> Result:
    result = Result(size)
    folder = work / f"n{size}"
    project = make_project(folder / "project", size)
    naive = make_naive_site(folder / "naive", size, references)
    for number in range(runs):
        # The three alternate run after run, so that all meet the same load.
        build = build_project(project, folder / "site")
        naive_run = build_naive(naive, references)
        hugo = build_hugo(naive, references)
        result.builds.append(build)
        result.naive.append(naive_run)
        result.hugo.append(hugo)
        _progress(
            f"N={size} run {number + 1}/{runs}: build {_brief(build)}; naive {_brief(naive_run)}; Hugo {_brief(hugo)}"
        )
        if number == 0:
            result.site = describe_site(folder / "site")
            result.naive_site = describe_site(naive / "site-material")
            result.hugo_site = describe_site(naive / "hugo" / "public")
            result.search = first_search_download(folder / "site")
            result.search["filtered search, worst case"] = first_filtered_search(folder / "site")["total"]
            untimed = [name for name in (*STAGES, SEARCH_INDEXER) if not build.calls.get(name)]
            if untimed:
                _progress(
                    f"N={size}: never timed in the build: {', '.join(untimed)}; see how bench/build.py finds them"
                )
            _progress(
                f"N={size}: {result.site.pages} pages, {result.site.bytes / 1e6:.1f} MB, largest "
                f"{result.site.largest} {result.site.largest_bytes / 1e3:.0f} KB, "
                f"{result.site.over_limit} over {PAGE_LIMIT // 1000} KB, search {result.search}"
            )
    shutil.rmtree(folder)
    return result


def _brief(run: Run) -> str:
    return f"{run.cpu:.1f} s CPU, {run.wall:.1f} s wall, {run.peak_mib:.0f} MiB"


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def pinned(names: tuple[str, ...]) -> dict[str, str]:
    """The versions constraints.txt pins for these packages."""
    found = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        name, equals, version = line.split("#")[0].strip().partition("==")
        if equals and _normal(name) in {_normal(n) for n in names}:
            found[_normal(name)] = version.strip()
    missing = [name for name in names if _normal(name) not in found]
    if missing:
        raise SystemExit(f"constraints.txt pins no version of {', '.join(missing)}")
    return found


def _normal(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def naive_venv(venv: Path) -> Path:
    """The naive generator's own venv, made (or brought to the pinned versions) when it is not as pinned."""
    python = venv / "bin" / "python"
    wanted = pinned(NAIVE_PACKAGES)
    if not python.exists():
        _progress(f"making {venv} for the naive generator")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if _versions(python, NAIVE_PACKAGES) != wanted:
        # The project's constraints also pin what MkDocs and Material depend on (Markdown, Jinja2,
        # pymdown-extensions...), so the naive build runs the same code as the project's.
        requirements = [f"{name}=={version}" for name, version in wanted.items()]
        install = [str(python), "-m", "pip", "install", "--quiet", "-c", str(REPO / "constraints.txt"), *requirements]
        installed = subprocess.run(install, capture_output=True, text=True, check=False)
        if installed.returncode != 0:
            raise SystemExit(f"could not install {', '.join(requirements)} into {venv}:\n{installed.stderr[-3000:]}")
        if _versions(python, NAIVE_PACKAGES) != wanted:
            raise SystemExit(f"{venv} does not hold {', '.join(requirements)} after installing them")
    return python


def _versions(python: Path, names: tuple[str, ...]) -> dict[str, str]:
    script = (
        "import json, sys\nfrom importlib import metadata\nfound = {}\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n        found[name] = metadata.version(name)\n"
        "    except metadata.PackageNotFoundError:\n        pass\n"
        "print(json.dumps(found))"
    )
    answer = subprocess.run([str(python), "-c", script, *names], capture_output=True, text=True, check=True)
    return {_normal(name): version for name, version in json.loads(answer.stdout).items()}


def find_hugo(hugo: str) -> str:
    found = shutil.which(hugo)
    if found is None:
        raise SystemExit(f"Hugo not found as {hugo!r}: apt-get install -y hugo, or give --hugo PATH")
    return found


def machine(references: References) -> str:
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if "model name" in line), platform.processor())
    packages = ("mkdocs", "mkdocs-material", "Markdown", "PyYAML", "Jinja2", "jsonschema", "pagefind")
    versions = ", ".join(f"{name} {metadata.version(name)}" for name in packages)
    naive = ", ".join(f"{name} {v}" for name, v in _versions(references.python, (*NAIVE_PACKAGES, "Markdown")).items())
    hugo = subprocess.run([references.hugo, "version"], capture_output=True, text=True, check=False).stdout.split()
    return (
        f"{os.cpu_count()} cores ({cpu}), {int(memory) / 1024 / 1024:.1f} GiB memory, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}. "
        f"Project: {versions}. Naive generator: {naive}. Hugo: {hugo[1] if len(hugo) > 1 else 'unknown'}."
    )


def code_state() -> str:
    """The commit measured, and whether the files a build reads differed from it."""
    git = ["git", "-C", str(REPO)]
    try:
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        changed = subprocess.run(
            [*git, "status", "--porcelain", "--", "builder", *SITE_FILES],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return head.stdout.strip() + (" with uncommitted changes to what the build reads" if changed.stdout.strip() else "")


def table(results: list[Result], command: str, references: References) -> str:
    loads = [run.load for r in results for run in (*r.builds, *r.naive, *r.hugo)]
    rows = [
        f"Machine: {machine(references)}",
        "",
        f"Code: {code_state()}.",
        "",
        f"Command: `{command}` (medians of the runs; each build in its own process; the project, the"
        " naive generator and Hugo alternate run after run, in the same run of the command).",
        "",
        "Runs per size: " + ", ".join(f"{r.size:,}: {len(r.builds)}" for r in results) + ". "
        f"One-minute load average after each build: {min(loads):.1f}–{max(loads):.1f}.",
        "",
        "CPU columns are CPU seconds of the build's process and of every program it ran (the project's"
        " Pagefind included; Hugo runs on every core); wall is elapsed time. The ratios compare CPU."
        " Peak is the largest resident memory of any one process of the build.",
        "",
        "| N summaries | build CPU | naive CPU | Hugo CPU | build / naive | build / Hugo | build wall "
        "| naive wall | Hugo wall | build peak MiB | naive peak MiB | Hugo peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(_build_row(r) for r in results),
        "",
        f"The built sites (KB and MB in thousands and millions of bytes; pages over {PAGE_LIMIT // 1000} KB"
        " counts every HTML file; first search download is the worst case of what a reader fetches"
        " before the first result, see below):",
        "",
        f"| N summaries | pages | site MB | largest page | pages over {PAGE_LIMIT // 1000} KB "
        "| first search download | naive pages | naive MB | naive largest page | Hugo pages | Hugo MB |",
        "|---:|---:|---:|---|---:|---|---:|---:|---|---:|---:|",
        *(_site_row(r) for r in results),
        "",
        "The builder's stages inside the project's build (CPU seconds of the process; Pagefind, the"
        " program it runs to index the site for search, is apart):",
        "",
        "| N summaries | load | validate | index | render | builder | builder share | Pagefind |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(_stage_row(r) for r in results),
    ]
    growth = [(a, b) for a in results for b in results if b.size == 10 * a.size]
    if growth:
        rows.append("")
    rows += [
        f"From {a.size:,} to {b.size:,} summaries the build's CPU grows "
        f"{median(b.builds, 'cpu') / median(a.builds, 'cpu'):.1f}×, the naive generator's "
        f"{median(b.naive, 'cpu') / median(a.naive, 'cpu'):.1f}×, Hugo's "
        f"{median(b.hugo, 'cpu') / median(a.hugo, 'cpu'):.1f}×"
        + (f", the builder's stages {b.builder / a.builder:.1f}×." if a.builder and b.builder else ".")
        for a, b in growth
    ]
    if any(r.builder is None or r.indexer is None for r in results):
        rows += ["", "–: never timed, as bench/build.py found no builder function of that name to time."]
    return "\n".join(rows)


def _build_row(r: Result) -> str:
    cpu, naive, hugo = median(r.builds, "cpu"), median(r.naive, "cpu"), median(r.hugo, "cpu")
    cells = [
        f"{r.size:,}",
        f"{cpu:.1f}",
        f"{naive:.1f}",
        f"{hugo:.1f}",
        f"**{cpu / naive:.2f}×**",
        f"{cpu / hugo:.1f}×",
        f"{median(r.builds, 'wall'):.1f}",
        f"{median(r.naive, 'wall'):.1f}",
        f"{median(r.hugo, 'wall'):.1f}",
        f"{median(r.builds, 'peak_mib'):.0f}",
        f"{median(r.naive, 'peak_mib'):.0f}",
        f"{median(r.hugo, 'peak_mib'):.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


def _site_row(r: Result) -> str:
    search = ", ".join(f"{kind} {size / 1e6:.2f} MB" for kind, size in r.search.items()) or "n/a"
    cells = [
        f"{r.size:,}",
        f"{r.site.pages:,}",
        f"{r.site.bytes / 1e6:.0f}",
        _largest(r.site),
        f"{r.site.over_limit:,}",
        search,
        f"{r.naive_site.pages:,}",
        f"{r.naive_site.bytes / 1e6:.0f}",
        _largest(r.naive_site),
        f"{r.hugo_site.pages:,}",
        f"{r.hugo_site.bytes / 1e6:.0f}",
    ]
    return "| " + " | ".join(cells) + " |"


def _largest(site: Site) -> str:
    return f"{site.largest_bytes / 1e3:,.0f} KB (`{site.largest}`)"


def _stage_row(r: Result) -> str:
    cpu = median(r.builds, "cpu")
    cells = [f"{r.size:,}", *(_seconds(r.stage(s)) for s in STAGES), _seconds(r.builder)]
    cells.append("–" if r.builder is None else f"{r.builder / cpu:.1%}")
    cells.append(_seconds(r.indexer, "{:.1f}"))
    return "| " + " | ".join(cells) + " |"


def _seconds(value: float | None, form: str = "{:.2f}") -> str:
    return "–" if value is None else form.format(value)


@dataclass(frozen=True)
class Target:
    size: int
    wanted: str
    limit: float
    measured: Callable[[Result], float]
    shown: Callable[[Result], str]


def _to_naive(result: Result) -> float:
    return median(result.builds, "cpu") / median(result.naive, "cpu")


def _cpu_pair(result: Result) -> str:
    return f"{median(result.builds, 'cpu'):.1f} s vs {median(result.naive, 'cpu'):.1f} s"


def _largest_page(result: Result) -> float:
    return result.site.largest_bytes


def _largest_page_shown(result: Result) -> str:
    return f"`{result.site.largest}`; {result.site.over_limit:,} pages over {PAGE_LIMIT // 1000} KB"


TARGET_LIST = (
    Target(
        1000,
        "build ≤ 1.5 × the naive generator (CPU, same run)",
        1.5,
        _to_naive,
        _cpu_pair,
    ),
    Target(
        1000,
        "largest HTML page ≤ 300 KB",
        PAGE_LIMIT,
        _largest_page,
        _largest_page_shown,
    ),
    Target(
        10000,
        "build ≤ 2 × the naive generator (CPU, same run)",
        2.0,
        _to_naive,
        _cpu_pair,
    ),
    Target(
        10000,
        "peak memory ≤ 1 GiB",
        1024,
        lambda r: median(r.builds, "peak_mib"),
        lambda r: (
            "largest resident memory of one process of the build: "
            + ", ".join(
                f"{name} {statistics.median(run.peak_parts[name] for run in r.builds):,.0f} MiB"
                for name in ("MkDocs", "Pagefind")
            )
        ),
    ),
    Target(
        10000,
        "site ≤ 500 MB",
        500e6,
        lambda r: r.site.bytes,
        lambda r: f"{r.site.pages:,} pages",
    ),
    Target(
        10000,
        "largest HTML page ≤ 300 KB",
        PAGE_LIMIT,
        _largest_page,
        _largest_page_shown,
    ),
    Target(
        10000,
        "first search result downloads ≤ 0.5 MB",
        0.5e6,
        lambda r: r.search.get("Pagefind, worst case", float("inf")),
        lambda r: "Pagefind's runtime, largest index chunk and largest excerpt",
    ),
    Target(
        10000,
        "first filtered search downloads ≤ 0.5 MB",
        0.5e6,
        lambda r: r.search.get("filtered search, worst case", float("inf")),
        lambda r: "the same, with the largest filter file, fetched when a reader opens that filter (bench/search.py)",
    ),
)


def targets(results: list[Result]) -> str:
    by_size = {r.size: r for r in results}
    rows = [
        "Written by `bench/run.py` from the table above. Live reload (a summary, quote, claim or registry"
        " edit shown in at most 1 s at 1,000 and 2 s at 10,000) is measured by `bench/serve.py`; see"
        " *Live reload* below.",
        "",
        "| N summaries | target (this 2-core machine) | measured | met? |",
        "|---:|---|---|---|",
    ]
    for target in TARGET_LIST:
        result = by_size.get(target.size)
        if result is None:
            rows.append(f"| {target.size:,} | {target.wanted} | not measured in this run | – |")
            continue
        value = target.measured(result)
        met = "yes" if value <= target.limit else "**no**"
        rows.append(
            f"| {target.size:,} | {target.wanted} | **{_value(target, value)}**: {target.shown(result)} | {met} |"
        )
    return "\n".join(rows)


def _value(target: Target, value: float) -> str:
    if target.limit < 10:
        return f"{value:.2f}×"
    if target.limit == 1024:
        return f"{value:,.0f} MiB"
    if target.limit >= 1e6:
        return f"{value / 1e6:.2f} MB" if target.limit < 10e6 else f"{value / 1e6:.0f} MB"
    return f"{value / 1e3:,.0f} KB"


def write_block(path: Path, markers: tuple[str, str], block: str) -> None:
    start, end = markers
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(f"{before}{start}\n{block}\n{end}{after}", encoding="utf-8")


def _shown(path: Path) -> str:
    """A path as the command would be typed from the repository's root."""
    try:
        return path.absolute().relative_to(REPO).as_posix()
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--runs-at",
        action="append",
        default=[],
        metavar="SIZE=RUNS",
        help="a different number of runs for one size, e.g. 10000=1 when three would not fit the time",
    )
    parser.add_argument(
        "--anchors",
        type=Path,
        default=ANCHORS,
        help="the naive generator's folder, run from where it is (default: ../shared/perf-anchors from the repository)",
    )
    parser.add_argument(
        "--naive-venv",
        type=Path,
        default=NAIVE_VENV,
        help="the naive generator's own venv, made when missing (default: build/naive-venv)",
    )
    parser.add_argument("--hugo", default="hugo", help="the Hugo program (default: hugo on the PATH)")
    parser.add_argument(
        "--write", type=Path, help="put the tables and targets into this Markdown file, between the markers"
    )
    arguments = parser.parse_args(argv)
    runs = {int(size): int(count) for size, count in (item.split("=") for item in arguments.runs_at)}
    if not (arguments.anchors / "make_site.py").is_file():
        raise SystemExit(f"no naive generator in {arguments.anchors}: give --anchors DIR, the folder of make_site.py")
    references = References(
        anchors=arguments.anchors.resolve(),
        python=naive_venv(arguments.naive_venv.absolute()),
        hugo=find_hugo(arguments.hugo),
    )
    command = "python bench/run.py --sizes " + " ".join(map(str, arguments.sizes)) + f" --runs {arguments.runs}"
    command += "".join(f" --runs-at {item}" for item in arguments.runs_at)
    if arguments.anchors.resolve() != ANCHORS.resolve():
        command += f" --anchors {arguments.anchors}"
    if arguments.naive_venv.absolute() != NAIVE_VENV:
        command += f" --naive-venv {arguments.naive_venv}"
    if arguments.hugo != "hugo":
        command += f" --hugo {arguments.hugo}"
    if arguments.write:
        command += f" --write {_shown(arguments.write)}"
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as work:
        for size in arguments.sizes:
            runs_here = runs.get(size, arguments.runs)
            results.append(bench_size(size, runs_here, Path(work), references))
            if arguments.write:
                write_block(arguments.write, RESULTS, table(results, command, references))
                write_block(arguments.write, TARGETS, targets(results))
    print(table(results, command, references))
    print()
    print(targets(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

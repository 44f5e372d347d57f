"""Pictures drawn at build time as inline SVG: coverage per month, who appears with whom, who is active on a topic.

Pure functions from index data to markup: no script, no network, no drawing library. Each
picture is a <figure> holding the SVG and, in a disclosure below it, the same numbers as a
table with the same links, so nothing is said only in the picture.

Accessibility: the SVG is `role="group"` named by its <title> and <desc>. `role="img"` would
make its children presentational, hiding every link in it from assistive technology (axe
reports that as `nested-interactive`); each link is named by its own <title> instead.

Colours come from the theme's CSS variables through classes (theme/stylesheets/tracker.css), so
pictures follow light and dark mode; `currentColor` presentation attributes are the fallback
for renderers without that stylesheet. Coordinates are rounded to one decimal: two builds of
the same content give the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import paths
from .dates import PartialDate, Precision
from .index import Index
from .model import ACTOR_KIND_LABELS

NETWORK_LIMIT = 24
"""Actors drawn in the network on the actors index: more would make the circle unreadable."""
EGO_LIMIT = 12
"""Neighbours drawn around an actor on its own page."""
BAR_LIMIT = 12
"""Actors drawn in a topic's activity chart."""
LABEL_CHARS = 24


@dataclass(frozen=True)
class MonthBar:
    """One month of the timeline: what happened, what was published, and its page ('' if none)."""

    month: PartialDate
    events: int
    articles: int
    href: str


@dataclass(frozen=True)
class Node:
    """An actor in a network picture; `weight` is the number of articles mentioning it."""

    id: str
    label: str
    kind: str
    weight: int
    href: str


@dataclass(frozen=True)
class Edge:
    """Two actors mentioned in `weight` articles together."""

    first: str
    second: str
    weight: int


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str


# Building the data from the index, with links relative to the page the picture is on.


def timeline_figure(index: Index, page_path: str) -> Markup:
    """Events and articles per month, every month from the first to the last with content."""
    year_only = sum(len(index.dates[year].events) for year in index.years())
    return month_chart(month_bars(index, page_path), "timeline-picture", year_only)


def month_bars(index: Index, page_path: str) -> list[MonthBar]:
    counts: dict[PartialDate, list[int]] = {}
    for date, entry in index.dates.items():
        if date.precision is not Precision.YEAR:
            totals = counts.setdefault(date.month_of(), [0, 0])
            totals[0] += len(entry.events)
            totals[1] += len(entry.published)
    if not counts:
        return []
    bars = []
    for month in _months_between(min(counts), max(counts)):
        events, articles = counts.get(month, (0, 0))
        href = paths.relative_url(page_path, paths.date_path(month)) if month in index.dates else ""
        bars.append(MonthBar(month, events, articles, href))
    return bars


def _months_between(first: PartialDate, last: PartialDate) -> Iterable[PartialDate]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield PartialDate(year, month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def actor_network_figure(index: Index, page_path: str) -> Markup:
    """The most mentioned actors on a circle, grouped by kind, linked by how often they appear together."""
    mentioned = [actor_id for actor_id, count in index.mention_counts.items() if count]
    top = sorted(mentioned, key=lambda a: (-index.mention_counts[a], index.actor(a).name.casefold(), a))
    chosen = set(top[:NETWORK_LIMIT])
    nodes = [_node(index, actor_id, page_path) for actor_id in top[:NETWORK_LIMIT]]
    edges = [
        Edge(actor_id, other, count)
        for actor_id in sorted(chosen)
        for other, count in index.co_mentions.get(actor_id, [])
        if other in chosen and actor_id < other
    ]
    return network_chart(_by_kind(nodes), edges, "network-picture", len(mentioned))


def ego_network_figure(index: Index, actor_id: str, page_path: str) -> Markup:
    """An actor at the centre, the actors most often mentioned with it around, and the ties among them."""
    neighbours = dict(index.co_mentions.get(actor_id, [])[:EGO_LIMIT])
    nodes = [_node(index, other, page_path) for other in neighbours]
    edges = [Edge(actor_id, other, count) for other, count in neighbours.items()]
    edges += [
        Edge(other, further, count)
        for other in sorted(neighbours)
        for further, count in index.co_mentions.get(other, [])
        if further in neighbours and other < further
    ]
    centre = _node(index, actor_id, page_path)
    total = len(index.co_mentions.get(actor_id, []))
    return network_chart(_by_kind(nodes), edges, "ego-picture", total, centre=centre)


def topic_actors_figure(index: Index, topic_id: str, page_path: str) -> Markup:
    """The actors mentioned most in a topic's articles, as bars."""
    pairs = index.topic_actors.get(topic_id, [])
    bars = [
        Bar(index.actor(actor_id).name, count, paths.relative_url(page_path, paths.actor_path(actor_id)))
        for actor_id, count in pairs[:BAR_LIMIT]
    ]
    topic = index.topic(topic_id).name
    return bar_chart(bars, "topic-actors-picture", f"Actors in articles on {topic}", len(pairs))


def _node(index: Index, actor_id: str, page_path: str) -> Node:
    actor = index.actor(actor_id)
    href = paths.relative_url(page_path, paths.actor_path(actor_id))
    return Node(actor_id, actor.name, actor.kind, index.mention_counts[actor_id], href)


def _by_kind(nodes: Iterable[Node]) -> list[Node]:
    """Kinds in the registry's order, names alphabetical: neighbours on the circle are alike."""
    order = list(ACTOR_KIND_LABELS)
    return sorted(nodes, key=lambda n: (order.index(n.kind), n.label.casefold(), n.id))


# Drawing: from plain data to markup.


def month_chart(bars: Sequence[MonthBar], name: str, year_only: int = 0) -> Markup:
    """Two bars per month, events solid and articles outlined; each month links to its page.

    `year_only` counts the events known only to their year, which no month can show.
    """
    if not bars:
        return Markup("")
    slot = max(36.0, 560 / len(bars))
    left, top, plot, bottom = 34, 30, 140, 40
    width, height = left + slot * len(bars) + 8, top + plot + bottom
    highest = max(max(b.events, b.articles) for b in bars) or 1
    # Past two years a label per month would overlap: label quarters only.
    every = 1 if len(bars) <= 24 else 3
    parts = [_legend([("picture__events", "Events"), ("picture__articles", "Articles published")], left)]
    parts += _y_axis(highest, left, top, plot, width)
    for position, bar in enumerate(bars):
        x = left + position * slot
        parts.append(_month_group(bar, x, slot, top, plot, highest))
        parts += _month_labels(bar.month, x + slot / 2, top + plot, every, first=position == 0)
    first, last = bars[0].month.label(), bars[-1].month.label()
    events, articles = sum(b.events for b in bars), sum(b.articles for b in bars)
    busiest = max(bars, key=lambda b: (b.events + b.articles, b.month)).month.label()
    title = f"Events and articles published per month, {first} to {last}"
    description = (
        f"Bar chart: {_plural(events, 'event')} and {_plural(articles, 'article')} in {_plural(len(bars), 'month')}; "
        f"the busiest month was {busiest}. Each month links to its page."
    )
    if year_only:
        description += f" Not drawn: {_plural(year_only, 'event')} known only to the year."
    rows = [
        (_cell_link(b.month.label(), b.href), str(b.events), str(b.articles)) for b in bars if b.events or b.articles
    ]
    table = _table(("Month", "Events", "Articles published"), rows)
    svg = _svg(name, title, description, width, height, parts)
    return _figure(name, svg, description, table)


def _month_group(bar: MonthBar, x: float, slot: float, top: float, plot: float, highest: int) -> str:
    base = top + plot
    width = min(12.0, (slot - 6) / 2)
    middle = x + slot / 2
    marks = [f'<rect class="picture__hit" x="{_n(x)}" y="{_n(top)}" width="{_n(slot)}" height="{_n(plot)}"/>']
    for value, css, left in (
        (bar.events, "picture__events", middle - width),
        (bar.articles, "picture__articles", middle),
    ):
        height = plot * value / highest
        marks.append(
            f'<rect class="{css}" x="{_n(left + 0.5)}" y="{_n(base - height)}" width="{_n(width - 1)}" '
            f'height="{_n(height)}"{_PAINT[css]}/>'
        )
        if value:
            marks.append(_text(left + width / 2, base - height - 3, str(value), "picture__value", "middle"))
    label = f"{bar.month.label()}: {_plural(bar.events, 'event')}, {_plural(bar.articles, 'article')} published"
    return _linked(bar.href, label, "".join(marks))


def _month_labels(month: PartialDate, middle: float, base: float, every: int, first: bool) -> list[str]:
    labels = []
    if (month.month - 1) % every == 0:
        labels.append(_text(middle, base + 14, month.label()[:3], "picture__label", "middle"))
    if month.month == 1 or first:
        labels.append(_text(middle, base + 28, str(month.year), "picture__label", "middle"))
    return ['<g aria-hidden="true">', *labels, "</g>"] if labels else []


def _y_axis(highest: int, left: float, top: float, plot: float, width: float) -> list[str]:
    ticks = sorted({0, highest, highest // 2} if highest > 1 else {0, highest})
    lines = []
    for tick in ticks:
        y = top + plot - plot * tick / highest
        lines.append(f'<line class="picture__grid" x1="{left}" y1="{_n(y)}" x2="{_n(width - 8)}" y2="{_n(y)}"/>')
        lines.append(_text(left - 6, y + 4, str(tick), "picture__label", "end"))
    return ['<g aria-hidden="true">', *lines, "</g>"]


def network_chart(
    nodes: Sequence[Node], edges: Sequence[Edge], name: str, total: int, centre: Node | None = None
) -> Markup:
    """Nodes on a circle (around `centre`, if given), edges as wider lines the more articles they share."""
    if not nodes:
        return Markup("")
    radius, margin_x, margin_y, legend = (150 if centre else 200), 170, 40, 24
    width, height = 2 * (radius + margin_x), 2 * (radius + margin_y) + legend
    middle = (width / 2, height / 2 + legend / 2)
    places = {node.id: _on_circle(middle, radius, position, len(nodes)) for position, node in enumerate(nodes)}
    everyone = [*nodes, centre] if centre else list(nodes)
    places.update({centre.id: middle} if centre else {})
    heaviest = max((e.weight for e in edges), default=1)
    most = max(n.weight for n in everyone) or 1
    parts = [_kind_legend(everyone), '<g class="picture__edges" aria-hidden="true">']
    # Around a centre, only its own ties carry weight; the ties among its neighbours are context.
    weighed = {e: not centre or centre.id in (e.first, e.second) for e in edges}
    parts += [_edge(places[e.first], places[e.second], e.weight, heaviest if weighed[e] else 0) for e in edges]
    parts.append("</g>")
    parts += [_network_node(node, places[node.id], most, middle, current=node is centre) for node in everyone]
    title, description, table = (
        _ego_words(nodes, edges, total, centre) if centre else _network_words(nodes, edges, total)
    )
    svg = _svg(name, title, description, width, height, parts)
    return _figure(name, svg, description + " Each actor links to its page.", table)


def _network_words(nodes: Sequence[Node], edges: Sequence[Edge], total: int) -> tuple[str, str, Markup]:
    """Title, description and the edges as a table, strongest ties first."""
    by_id = {node.id: node for node in nodes}
    description = (
        f"Network of the {_plural(len(nodes), 'actor')} mentioned most often (of {total}), grouped by kind; "
        "a line joins two actors mentioned in the same articles, wider the more articles they share."
    )
    ordered = sorted(edges, key=lambda e: (-e.weight, by_id[e.first].label.casefold(), e.first, e.second))
    rows = [(_node_link(by_id[e.first]), _node_link(by_id[e.second]), str(e.weight)) for e in ordered]
    return "Who is mentioned with whom", description, _table(("Actor", "Mentioned with", "Articles together"), rows)


def _ego_words(nodes: Sequence[Node], edges: Sequence[Edge], total: int, centre: Node) -> tuple[str, str, Markup]:
    """Title, description and the centre's ties as a table, in the order they are drawn."""
    weights = {e.second: e.weight for e in edges if e.first == centre.id}
    description = (
        f"Network: {centre.label} at the centre, linked to the {_plural(len(nodes), 'actor')} most often "
        f"mentioned in the same articles (of {total}); thin lines join those mentioned together with each other."
    )
    rows = [(_node_link(node), str(weights[node.id])) for node in nodes]
    table = _table(("Actor", f"Articles with {centre.label}"), rows)
    return f"Actors mentioned together with {centre.label}", description, table


def _on_circle(middle: tuple[float, float], radius: float, position: int, count: int) -> tuple[float, float]:
    # Start at the top and go clockwise, so the first kind reads first.
    angle = -math.pi / 2 + 2 * math.pi * position / count
    return middle[0] + radius * math.cos(angle), middle[1] + radius * math.sin(angle)


def _edge(start: tuple[float, float], end: tuple[float, float], weight: int, heaviest: int) -> str:
    """A line as wide and as dark as the tie is strong; `heaviest` 0 draws a thin background line."""
    # Most pairs share one article; fading the light ties lets the strong ones stand out.
    share = weight / heaviest if heaviest else 0.0
    width, opacity = _n(0.75 + 4.25 * share), f"{0.1 + 0.7 * share**1.5:.2f}"
    return (
        f'<line class="picture__edge" x1="{_n(start[0])}" y1="{_n(start[1])}" x2="{_n(end[0])}" y2="{_n(end[1])}" '
        f'stroke-width="{width}" stroke-opacity="{opacity}" stroke="currentColor"/>'
    )


def _network_node(
    node: Node, place: tuple[float, float], most: int, centre: tuple[float, float], current: bool = False
) -> str:
    x, y = place
    size = 5 + 9 * math.sqrt(node.weight / most)
    dx, dy = x - centre[0], y - centre[1]
    distance = math.hypot(dx, dy) or 1.0
    if current:
        label_x, label_y, anchor = x, y + size + 16, "middle"
    else:
        label_x, label_y = x + dx / distance * (size + 6), y + dy / distance * (size + 6) + 4
        # Only a node straight above or below its centre gets a centred label; others grow away from it.
        anchor = "start" if dx / distance > 0.05 else "end" if dx / distance < -0.05 else "middle"
        label_y += 8 if dy / distance > 0.9 else -4 if dy / distance < -0.9 else 0
    marks = (
        f'<circle class="picture__node picture__node--{escape(node.kind)}" cx="{_n(x)}" cy="{_n(y)}" '
        f'r="{_n(size)}" fill="currentColor"/>' + _text(label_x, label_y, _short(node.label), "picture__name", anchor)
    )
    label = f"{node.label}: {_plural(node.weight, 'article')}"
    return _linked(node.href, label, marks, current=current)


def _kind_legend(nodes: Sequence[Node]) -> str:
    kinds = [kind for kind in ACTOR_KIND_LABELS if any(n.kind == kind for n in nodes)]
    return _legend([(f"picture__node picture__node--{kind}", ACTOR_KIND_LABELS[kind]) for kind in kinds], 8)


def bar_chart(bars: Sequence[Bar], name: str, title: str, total: int) -> Markup:
    """Horizontal bars, one row per entry, each row linking to the entry's page."""
    if not bars:
        return Markup("")
    row, label_width, plot = 24, 170, 240
    width, height = label_width + plot + 40, row * len(bars) + 8
    highest = max(b.value for b in bars) or 1
    parts = []
    for position, bar in enumerate(bars):
        y = 4 + position * row
        length = plot * bar.value / highest
        marks = (
            f'<rect class="picture__hit" x="0" y="{y}" width="{width}" height="{row}"/>'
            + _text(label_width - 8, y + 16, _short(bar.label), "picture__name", "end")
            + f'<rect class="picture__events" x="{label_width}" y="{y + 4}" width="{_n(length)}" height="{row - 8}"'
            f"{_PAINT['picture__events']}/>"
            + _text(label_width + length + 6, y + 16, str(bar.value), "picture__value", "start")
        )
        parts.append(_linked(bar.href, f"{bar.label}: {_plural(bar.value, 'article')}", marks))
    shown = f"the {_plural(len(bars), 'actor')} mentioned most" if total > len(bars) else _plural(len(bars), "actor")
    description = (
        f"Bar chart of {shown}, by the number of articles mentioning each. Each bar links to the actor's page."
    )
    rows = [(_cell_link(b.label, b.href), str(b.value)) for b in bars]
    table = _table(("Actor", "Articles"), rows)
    return _figure(name, _svg(name, title, description, width, height, parts), description, table)


# Markup helpers: every text that reaches the SVG or the table goes through escape().

_PAINT = {
    "picture__events": ' fill="currentColor"',
    "picture__articles": ' fill="none" stroke="currentColor"',
}


def _svg(name: str, title: str, description: str, width: float, height: float, parts: Sequence[str]) -> Markup:
    # Scaled with the page, within bounds: never so small that labels blur on a phone (the
    # figure scrolls sideways instead), never so large that they shout on a wide screen.
    style = f"min-width: {round(width * 0.6)}px; max-width: {round(width * 1.25)}px"
    return Markup(
        f'<svg class="picture__svg" viewBox="0 0 {_n(width)} {_n(height)}" role="group" '
        f'aria-labelledby="{name}-title {name}-desc" style="{style}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-desc">{escape(description)}</desc>'
        + "".join(parts)
        + "</svg>"
    )


def _figure(name: str, svg: Markup, caption: str, table: Markup) -> Markup:
    # One line per element and no blank line: Markdown passes the block through untouched.
    return Markup(
        f'<figure class="picture" id="{name}">\n<div class="picture__scroll">{svg}</div>\n'
        f"<figcaption>{escape(caption)}</figcaption>\n"
        f'<details class="picture__data"><summary>The numbers in this picture</summary>\n{table}\n</details>\n'
        "</figure>"
    )


def _table(headings: Sequence[str], rows: Iterable[Sequence[str | Markup]]) -> Markup:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return Markup(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _node_link(node: Node) -> Markup:
    return _cell_link(node.label, node.href)


def _cell_link(label: str, href: str) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>') if href else escape(label)


def _linked(href: str, label: str, marks: str, current: bool = False) -> str:
    """A mark that opens its page; its <title> names the link and shows as a tooltip."""
    title = f"<title>{escape(label)}</title>"
    if not href:
        return f'<g class="picture__mark">{title}{marks}</g>'
    aria = ' aria-current="page"' if current else ""
    return f'<a class="picture__mark" href="{escape(href)}"{aria}>{title}{marks}</a>'


def _legend(entries: Sequence[tuple[str, str]], left: float) -> str:
    items, x = [], left
    for css, label in entries:
        paint = _PAINT.get(css, ' fill="currentColor"')
        items.append(f'<rect class="{css}" x="{_n(x)}" y="6" width="12" height="12"{paint}/>')
        items.append(_text(x + 17, 16, label, "picture__label", "start"))
        x += 17 + 6.5 * len(label) + 16
    return '<g class="picture__legend" aria-hidden="true">' + "".join(items) + "</g>"


def _text(x: float, y: float, text: str, css: str, anchor: str) -> str:
    return (
        f'<text class="{css}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="currentColor">{escape(text)}</text>'
    )


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _n(value: float) -> str:
    """A coordinate with one decimal at most: short, and the same on every build."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"

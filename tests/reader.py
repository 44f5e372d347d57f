"""Each quote, claim and event of a built page as a reader sees it: one block, its words, who, what status.

Tests compare these items with the content they came from, so a quote shown beside someone else's
name, a status left off, or an anchor landing on the wrong paragraph fails, on any page type.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from builder.model import ClaimStatus, Content

STATUS_LABELS = frozenset(status.label for status in ClaimStatus)


@dataclass(frozen=True)
class Item:
    """One quote, claim or event, read off the page."""

    kind: str
    """"quote", "claim" or "event"."""
    text: str
    """The quote's words, the claim's statement, or the event's whole line, whitespace folded."""
    by: str
    """The speaker or claimant as named in the block; "" for an event."""
    statuses: tuple[str, ...]
    """Every status badge in the item's own lines (not in the claims it links to), as labels."""
    anchor: str
    """The id the block carries, on the item's own article page; "" elsewhere."""
    target: str
    """Where the block sends a reader for the full item: 'articles/ID/#anchor', from the site root."""
    note: str
    """Our note as shown in the block, or ""."""
    blockquotes: int
    """How many quotations the block holds: exactly one for a quote."""

    @property
    def status(self) -> str:
        """The single status shown, or "" when none is; two different badges fail the test reading it."""
        assert len(set(self.statuses)) <= 1, f"{self.kind} {self.text!r} shows several statuses: {self.statuses}"
        return self.statuses[0] if self.statuses else ""


def folded(text: str) -> str:
    return " ".join(text.split())


BLOCKS = "div.quote, div.claim, .event"


def items(soup: BeautifulSoup | Tag, page_url: str) -> list[Item]:
    """Every quote, claim and event block in the page's main text (or in one part of it), in page order.

    `page_url` is the page's path from the site root ('actors/ada-alpha/'), to resolve links.
    """
    article = soup.select_one("article") or soup
    blocks = [article] if isinstance(article, Tag) and article.name and article.css.match(BLOCKS) else []
    found = []
    for block in blocks or article.select(BLOCKS):
        if "quote" in block.get("class", []):
            found.append(_quote(block, page_url))
        elif "claim" in block.get("class", []):
            found.append(_claim(block, page_url))
        else:
            found.append(_event(block, page_url))
    return found


def _quote(block: Tag, page_url: str) -> Item:
    attribution = block.select_one(".quote-attribution")
    speaker = attribution.find("a") if attribution else None  # the badge, a dash, then the speaker
    source = block.select_one(".quote-source a")
    return Item(
        kind="quote",
        text=" ".join(folded(quote.get_text(" ")) for quote in block.find_all("blockquote")),
        by=folded(speaker.get_text()) if speaker else "",
        statuses=_badges(attribution),
        anchor=block.get("id", ""),
        target=_target(source["href"], page_url) if source else "",
        note=_note(block, ".quote-note"),
        blockquotes=len(block.find_all("blockquote")),
    )


def _claim(block: Tag, page_url: str) -> Item:
    """The claim's own paragraph: badge, statement, claimant; its relations are other claims' lines."""
    own = block.find("p")
    statement = own.find("strong") if own else None
    claimant = _link_after(own, "Claimed by") if own else None
    located = own.find("a", href=lambda href: "#claim-" in href) if own else None
    return Item(
        kind="claim",
        text=folded(statement.get_text(" ")) if statement else "",
        by=folded(claimant.get_text()) if claimant else "",
        statuses=_badges(own),
        anchor=block.get("id", ""),
        target=_target(located["href"], page_url) if located else "",
        note=_note(block, ".claim-note"),
        blockquotes=len(block.find_all("blockquote")),
    )


def _event(block: Tag, page_url: str) -> Item:
    source = block.find("a", href=lambda href: "#event-" in href)
    return Item(
        kind="event",
        text=folded(block.get_text(" ")),
        by="",
        statuses=_badges(block),
        anchor=block.get("id", ""),
        target=_target(source["href"], page_url) if source else "",
        note="",
        blockquotes=0,
    )


def _badges(holder: Tag | None) -> tuple[str, ...]:
    if holder is None:
        return ()
    return tuple(folded(badge.get_text()) for badge in holder.select(".status"))


def _note(block: Tag, selector: str) -> str:
    note = block.select_one(selector)
    return folded(note.get_text(" ")).removeprefix("Our note: ") if note else ""


def _link_after(paragraph: Tag, words: str) -> Tag | None:
    """The first link after `words` in the paragraph: 'Claimed by <a>…</a>' or 'the outlet, <a>…</a>'."""
    seen = False
    for node in paragraph.descendants:
        if isinstance(node, str) and words in node:
            seen = True
        elif seen and isinstance(node, Tag) and node.name == "a":
            return node
    return None


def _target(href: str, page_url: str) -> str:
    """A link's destination from the site root: 'articles/ID/#claim-x'."""
    parts = urlsplit(href)
    base = page_url.rstrip("/").split("/") if page_url else []
    for step in parts.path.split("/"):
        if step == "..":
            base.pop()
        elif step and step != ".":
            base.append(step)
    path = "/".join(base) + "/" if parts.path else page_url
    return f"{path}#{parts.fragment}" if parts.fragment else path


def item_address(item: Item, page_url: str) -> str:
    """The item's home: its own anchor on this page, or the full item it links to."""
    return f"{page_url}#{item.anchor}" if item.anchor else item.target


def expected_statement(content: Content, address: str) -> tuple[str, str, str, str, str]:
    """What the content says lives at 'articles/ID/#anchor': kind, words, who, status label, note."""
    path, _, anchor = address.partition("#")
    article = content.articles[path.strip("/").split("/")[-1]]
    if anchor.startswith("quote-"):
        quote = article.quotes[int(anchor.removeprefix("quote-")) - 1]
        return "quote", quote.text, content.actors[quote.speaker].name, quote.status.label, quote.note
    if anchor.startswith("claim-"):
        claim = content.claims[anchor.removeprefix("claim-")]
        by = content.outlets[article.source.outlet].name if claim.by_outlet else content.actors[claim.by].name
        return "claim", claim.text, by, claim.status.label, claim.note
    event = article.events[int(anchor.removeprefix("event-")) - 1]
    status = content.claims[event.claim].status.label if event.claim else ""
    return "event", event.what, "", status, ""

"""A deterministic synthetic corpus of N summaries, shaped like the real content.

The shape follows the real summaries: a few states and leaders appear in nearly every article
(Russia and Ukraine in almost all of them), most actors are rare, topics form a tree, a few dozen
outlets publish everything, and every article has several events, quotes and claims, some of which
contradict or support claims made earlier. Every field the schemas allow is used somewhere, so that
every kind of page appears. The same N and seed always give the same files.

    python bench/corpus.py --articles 1000 --out corpus/content
"""

from __future__ import annotations

import argparse
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml
from newstracker.vocabulary import DEFAULT_EVENT_TYPES, DEFAULT_STANCES

TOPIC_COUNT = 50
# Three years of publications that end before the day this corpus was written for (2026-11-22):
# the checker refuses dates in the future.
FIRST_DAY = date(2023, 11, 1)
DAYS = 3 * 365
SEED = 6
SHARED_EVENT_SHARE = 0.35
"""Articles that report their stretch's shared event as their first event."""
SHARED_EVENT_ARTICLES = 8
"""Publications per stretch of days that shares one event."""
RECENT_CLAIMS = 200
"""Claims link to claims among the latest this many, as replies follow soon after what they answer."""

# Mentioned in nearly every article: the two parties to the war. Keys this common must not make any stage quadratic.
PARTIES = ("russia", "ukraine")
PARTY_SHARE = 0.97
CORE_ACTORS: tuple[dict[str, Any], ...] = (
    {"id": "russia", "name": "Russia", "kind": "state", "aliases": ["Russian Federation"]},
    {"id": "ukraine", "name": "Ukraine", "kind": "state"},
    {"id": "united-states", "name": "United States", "kind": "state", "aliases": ["USA", "US"]},
    {"id": "kremlin", "name": "Kremlin", "kind": "organisation", "affiliation": "russia"},
    {
        "id": "vladimir-putin",
        "name": "Vladimir Putin",
        "kind": "person",
        "role": "President of Russia",
        "affiliation": "russia",
        "aliases": ["Putin", "President Putin"],
    },
    {
        "id": "volodymyr-zelensky",
        "name": "Volodymyr Zelensky",
        "kind": "person",
        "role": "President of Ukraine",
        "affiliation": "ukraine",
        "aliases": ["Zelensky", "Zelenskyy", "Zelenskiy"],
    },
    {
        "id": "donald-trump",
        "name": "Donald Trump",
        "kind": "person",
        "role": "President of the United States",
        "affiliation": "united-states",
        "aliases": ["Trump", "President Trump"],
    },
)

_WORD_TEXT = (
    "talks delegation ceasefire proposal sanctions envoy minister summit agreement draft plan security "
    "guarantees territory frontline negotiators capital statement officials spokesman prisoners exchange "
    "energy infrastructure grain corridor port drones missiles overnight region border mediation framework "
    "settlement referendum elections reconstruction assets frozen reparations troops withdrawal monitoring "
    "observers mission humanitarian convoy evacuation civilians hospital shelling counteroffensive alliance "
    "membership neutrality treaty memorandum deadline ultimatum timetable round venue host delegations "
    "meeting phone call reporters briefing parliament cabinet government allies partners coalition aid "
    "package weapons air defence reserves economy pipeline gas nuclear plant inspectors agency water dam "
    "bridge railway villages towns district oblast front positions assault offensive defensive lines "
    "documents points clauses annex roadmap phases conditions demands concessions red lines compromise"
)
WORDS = _WORD_TEXT.split()
_SYLLABLE_TEXT = "ka lo mi ren sto vol dar ik bre nov sha tem ul zor pe vin gra ost mar lin bo che kur dan yev"
SYLLABLES = _SYLLABLE_TEXT.split()
OUTLET_NAMES = ("Northern", "Eastern", "Daily", "Global", "Evening", "Frontier")
OUTLET_KINDS = {
    "Wire": "wire",
    "Post": "newspaper",
    "Herald": "newspaper",
    "Broadcast": "broadcaster",
    "State Channel": "state-media",
    "Review": "analysis",
    "Digest": "aggregator",
    "Bot News": "ai-generated",
    "Opinion": "opinion",
}
COUNTRIES = ("United Kingdom", "United States", "Ukraine", "Russia", "Germany", "France", "Poland", "unknown")
LANGUAGES = {"Ukraine": "uk", "Russia": "ru", "Germany": "de", "France": "fr", "Poland": "pl"}
# Grades by kind of outlet: (source letters, information numbers) an editor would plausibly give.
GRADES_BY_KIND = {
    "wire": ("AB", (1, 2, 2, 3)),
    "newspaper": ("BC", (2, 2, 3)),
    "broadcaster": ("BC", (2, 3)),
    "state-media": ("DE", (3, 4, 5)),
    "analysis": ("BC", (2, 3, 3)),
    "aggregator": ("CDF", (3, 4, 6)),
    "ai-generated": ("F", (4, 6)),
    "opinion": ("CD", (3, 4)),
}
EVENT_TYPES = DEFAULT_EVENT_TYPES
"""The package's own event types and stances, so that the corpus keeps to the default vocabulary."""
ROLES = ("initiator", "target", "mediator", "participant")
STANCES = tuple(DEFAULT_STANCES)
STATUSES = ("reported", "reported", "confirmed", "disputed", "false", "unverifiable")
# Credibility a status allows: the checker insists on 1 for confirmed and 5 for false.
CREDIBILITY_BY_STATUS = {
    "reported": (2, 3),
    "confirmed": (1,),
    "disputed": (3, 4),
    "false": (5,),
    "unverifiable": (3, 6),
}
PLACES = ("Kyiv", "Moscow", "Geneva", "Istanbul", "Riyadh", "Abu Dhabi", "Brussels", "Washington", "Minsk", "Odesa")


@dataclass
class Registries:
    actors: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    outlets: list[dict[str, Any]]


@dataclass
class History:
    """What later articles refer back to: claim ids in the order they were made."""

    claims: list[str] = field(default_factory=list)


def write_corpus(out: Path, articles: int, seed: int = SEED) -> Path:
    """Write the three registries and `articles` article files into `out` (replaced as a whole); return `out`."""
    if articles < 1:
        raise ValueError("a corpus needs at least one article")
    if out.exists():
        shutil.rmtree(out)
    (out / "articles").mkdir(parents=True)
    rng = random.Random(f"{seed}-{articles}")
    registries = Registries(_actors(rng, max(20, articles // 5)), _topics(rng), _outlets(rng))
    _dump(out / "actors.yaml", registries.actors, "../builder/schemas/actors.schema.json")
    _dump(out / "topics.yaml", registries.topics, "../builder/schemas/topics.schema.json")
    _dump(out / "outlets.yaml", registries.outlets, "../builder/schemas/outlets.schema.json")
    history = History()
    for number in range(articles):
        article_id, data = _article(rng, number, articles, registries, history)
        _dump(out / "articles" / f"{article_id}.yaml", data, "../../builder/schemas/article.schema.json")
    return out


def _dump(path: Path, data: Any, schema: str) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(10, 22)) for _ in range(sentences))


def _actors(rng: random.Random, count: int) -> list[dict[str, Any]]:
    actors = [{**actor, "description": _sentence(rng, 16)} for actor in CORE_ACTORS]
    states = [a["id"] for a in CORE_ACTORS if a["kind"] == "state"]
    for number in range(len(actors), count):
        kind = rng.choice(("person", "person", "person", "state", "organisation", "group"))
        # The number keeps every name and alias distinct: the checker refuses a name two actors share.
        actor: dict[str, Any] = {"id": f"actor-{number:05d}", "name": f"{_name(rng, 2)} {_name(rng, 3)} {number}"}
        actor["kind"] = kind
        if kind == "person":
            actor["role"] = _sentence(rng, 4).rstrip(".")
        if kind in ("person", "organisation") and rng.random() < 0.7:
            actor["affiliation"] = rng.choice(states)
        if rng.random() < 0.3:
            actor["aliases"] = [f"{actor['name']} alias", f"{_name(rng, 3)} {number}"]
        actor["description"] = _sentence(rng, 16)
        actors.append(actor)
        if kind == "state":
            states.append(actor["id"])
    return actors


def _topics(rng: random.Random) -> list[dict[str, Any]]:
    topics: list[dict[str, Any]] = []
    for number in range(TOPIC_COUNT):
        topic: dict[str, Any] = {"id": f"topic-{number:02d}", "name": f"{_name(rng, 2)} {rng.choice(WORDS)} {number}"}
        if number >= 8:
            # Parents come earlier in the list, so the tree has no cycle and is three or four levels deep.
            topic["parent"] = f"topic-{rng.randrange(0, min(number, 20)):02d}"
        if rng.random() < 0.3:
            topic["aliases"] = [f"{_name(rng, 3)} {number}"]
        topic["description"] = _sentence(rng, 12)
        topics.append(topic)
    return topics


def _outlets(rng: random.Random) -> list[dict[str, Any]]:
    outlets: list[dict[str, Any]] = []
    for name in OUTLET_NAMES:
        for label, kind in OUTLET_KINDS.items():
            full_name = f"{name} {label}"
            slug = full_name.lower().replace(" ", "-")
            country = COUNTRIES[len(outlets) % len(COUNTRIES)]
            outlet: dict[str, Any] = {"id": slug, "name": full_name, "kind": kind, "country": country}
            outlet["language"] = LANGUAGES.get(country, "en")
            outlet["state_affiliation"] = _state_affiliation(kind, country)
            if country != "unknown":
                outlet["url"] = f"https://{slug}.example.org/"
            if rng.random() < 0.4:
                outlet["aliases"] = [f"{name[0]}{label[0]} {len(outlets)}"]
            outlet["description"] = _sentence(rng, 14)
            outlets.append(outlet)
    return outlets


def _state_affiliation(kind: str, country: str) -> str:
    if country == "unknown":
        return "unknown"
    if kind == "state-media":
        return "state-controlled"
    return "state-funded" if kind == "broadcaster" else "independent"


def _pareto_pick(rng: random.Random, pool: list[dict[str, Any]], count: int, start: int = 0) -> list[str]:
    """Distinct ids, few of them very common and most rare, as mentions are in real coverage."""
    chosen: dict[str, None] = {}
    available = len(pool) - start
    while len(chosen) < min(count, available):
        rank = min(int(rng.paretovariate(1.0)) - 1, available - 1)
        chosen[pool[start + rank]["id"]] = None
    return list(chosen)


def _article(
    rng: random.Random, number: int, articles: int, registries: Registries, history: History
) -> tuple[str, dict[str, Any]]:
    # A stride coprime with the span spreads any number of articles evenly over the three years.
    published = FIRST_DAY + timedelta(days=(number * 7919) % DAYS)
    parties = [party for party in PARTIES if rng.random() < PARTY_SHARE]
    others = _pareto_pick(rng, registries.actors, rng.randint(3, 7), start=len(PARTIES))
    actors = [*parties, *others]
    topics = _pareto_pick(rng, registries.topics, rng.randint(2, 4))
    outlet = rng.choice(registries.outlets)
    data: dict[str, Any] = {
        "headline": f"{_sentence(rng, rng.randint(6, 11)).rstrip('.')} ({number})",
        "source": _source(rng, number, published, outlet),
        "grade": _grade(rng, outlet["kind"]),
        "reliability": _sentence(rng, 18),
        "summary": "\n\n".join(_paragraph(rng, rng.randint(2, 4)) for _ in range(rng.randint(2, 3))),
        "key_points": [_sentence(rng, rng.randint(10, 18)) for _ in range(rng.randint(2, 4))],
        "actors": actors,
        "topics": topics,
        "places": sorted(rng.sample(PLACES, rng.randint(1, 3))),
    }
    own_claims = [f"claim-{number:05d}-{k}" for k in range(1, rng.randint(2, 4) + 1)]
    data["events"] = _events(rng, published, articles, actors, topics, own_claims)
    data["quotes"] = [_quote(rng, _days_with_pages(data), actors, topics) for _ in range(rng.randint(1, 3))]
    data["claims"] = [_claim(rng, claim_id, actors, topics, history.claims) for claim_id in own_claims]
    history.claims.extend(own_claims)
    return f"{data['source']['published']}-article-{number:05d}", data


def _source(rng: random.Random, number: int, published: date, outlet: dict[str, Any]) -> dict[str, Any]:
    source: dict[str, Any] = {"outlet": outlet["id"]}
    if rng.random() < 0.9:
        source["url"] = f"https://news.example.org/{published.year}/story-{number:05d}"
    # A few pages give only the month; the file name then starts with the month alone (CONTRIBUTING.md).
    source["published"] = published.isoformat() if rng.random() < 0.98 else published.isoformat()[:7]
    if rng.random() < 0.15 and len(source["published"]) == 10:
        # At most three days later: the last publication day is weeks before the checker's today.
        source["updated"] = (published + timedelta(days=rng.randint(0, 3))).isoformat()
    if rng.random() < 0.5:
        source["author"] = f"{_name(rng, 2)} {_name(rng, 3)}"
    # Mostly the outlet's usual kind; now and then an outlet runs, say, an opinion piece.
    kind = outlet["kind"] if rng.random() < 0.9 else rng.choice(sorted(set(OUTLET_KINDS.values())))
    source.update(language=outlet["language"], kind=kind)
    return source


def _grade(rng: random.Random, kind: str) -> dict[str, Any]:
    letters, numbers = GRADES_BY_KIND[kind]
    return {"source": rng.choice(letters), "information": rng.choice(numbers)}


def _events(
    rng: random.Random, published: date, articles: int, actors: list[str], topics: list[str], own_claims: list[str]
) -> list[dict[str, Any]]:
    events = [_event(rng, published, actors, topics, own_claims) for _ in range(rng.randint(2, 4))]
    if rng.random() < SHARED_EVENT_SHARE:
        events[0].update(_shared_event(published, articles))
    return events


def _shared_event(published: date, articles: int) -> dict[str, Any]:
    """The main event of a stretch of days, which the articles of those days may report: one id, several accounts.

    The stretch holds about SHARED_EVENT_ARTICLES publications whatever N, so an event has a few
    accounts at any size rather than hundreds at 10,000.
    """
    span = max(1, min(DAYS, round(DAYS * SHARED_EVENT_ARTICLES / articles)))
    start = FIRST_DAY + timedelta(days=(published - FIRST_DAY).days // span * span)
    event_type = random.Random(start.isoformat()).choice(EVENT_TYPES)
    return {"id": f"shared-{start.isoformat()}-{event_type}", "date": start.isoformat(), "type": event_type}


def _event(
    rng: random.Random, published: date, actors: list[str], topics: list[str], own_claims: list[str]
) -> dict[str, Any]:
    day = published - timedelta(days=rng.randint(0, 20))
    precision = rng.random()
    when = day.isoformat() if precision < 0.8 else day.isoformat()[:7] if precision < 0.95 else str(day.year)
    event: dict[str, Any] = {"date": when, "what": _sentence(rng, rng.randint(10, 20)), "type": rng.choice(EVENT_TYPES)}
    if rng.random() < 0.9:
        taking_part = rng.sample(actors, rng.randint(1, min(3, len(actors))))
        event["actors"] = [_participant(rng, actor) for actor in taking_part]
    if rng.random() < 0.9:
        event["topics"] = rng.sample(topics, 1)
    if rng.random() < 0.8:
        event["place"] = rng.choice(PLACES)
    if rng.random() < 0.2:
        event["claim"] = rng.choice(own_claims)
    return event


def _participant(rng: random.Random, actor: str) -> str | dict[str, str]:
    """An actor id alone, or with a role: both forms the schema allows."""
    form = rng.random()
    if form < 0.2:
        return actor
    if form < 0.3:
        return {"id": actor}
    return {"id": actor, "role": rng.choice(ROLES)}


def _days_with_pages(data: dict[str, Any]) -> list[str]:
    """Dates with a timeline page, none after publication: a quote dated otherwise would link to no page."""
    published = data["source"]["published"]
    dates = {event["date"] for event in data["events"]} | {published}
    return sorted(when for when in dates if when[: len(published)] <= published)


def _quote(rng: random.Random, days: list[str], actors: list[str], topics: list[str]) -> dict[str, Any]:
    quote: dict[str, Any] = {"speaker": rng.choice(actors), "text": _sentence(rng, rng.randint(8, 24))}
    if rng.random() < 0.6:
        quote["date"] = rng.choice(days)
    if rng.random() < 0.3:
        quote["place"] = rng.choice(PLACES)
    if rng.random() < 0.3:
        quote["context"] = _sentence(rng, 6).rstrip(".")
    if rng.random() < 0.7:
        quote["topic"] = rng.choice(topics)
        if rng.random() < 0.5:
            quote["stance"] = rng.choice(STANCES)
    return quote


def _claim(rng: random.Random, claim_id: str, actors: list[str], topics: list[str], earlier: list[str]) -> dict:
    claim: dict[str, Any] = {"id": claim_id, "by": "outlet" if rng.random() < 0.2 else rng.choice(actors)}
    claim["text"] = _sentence(rng, rng.randint(8, 16))
    if rng.random() < 0.9:
        claim["topic"] = rng.choice(topics)
        if rng.random() < 0.4:
            claim["stance"] = rng.choice(STANCES)
    status = rng.choice(STATUSES)
    claim.update(status=status, credibility=rng.choice(CREDIBILITY_BY_STATUS[status]))
    claim["note"] = _sentence(rng, rng.randint(12, 24))
    recent = earlier[-RECENT_CLAIMS:]
    if recent and rng.random() < 0.2:
        claim["contradicts"] = [rng.choice(recent)]
    if recent and rng.random() < 0.15:
        supports = set(rng.sample(recent, min(2, len(recent)))) - set(claim.get("contradicts", []))
        if supports:
            claim["supports"] = sorted(supports)
    return claim


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, required=True, help="number of summaries")
    parser.add_argument("--out", type=Path, required=True, help="content folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=SEED)
    arguments = parser.parse_args(argv)
    write_corpus(arguments.out, arguments.articles, arguments.seed)
    print(f"wrote {arguments.articles} summaries to {arguments.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

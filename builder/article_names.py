"""The one rule for an article's file name, shared by `new` and `check`.

The name is the publication date exactly as precise as the source gives it (2026-01-05, 2026-01 or
2026), a hyphen, then a lowercase slug: `2026-01-05-talks-resume.yaml`, `2025-06-talks-resume.yaml`.
A day or month the source does not give never enters a name, because the name is the article's id
and page address and would present a guess as fact.
"""

from __future__ import annotations

import re

from .dates import PartialDate, parse_date
from .schema import definition

MAX_ID_LENGTH: int = definition("id")["maxLength"]
_SLUG = re.compile(definition("id")["pattern"])
_DATE_PREFIX = re.compile(r"^(\d{4}(?:-\d{2}){0,2})(?:-|$)")
"""As many date parts as the name starts with: the rest is the slug."""
_EXAMPLE = "2026-01-05-kyiv-strike.yaml, 2026-01-kyiv-strike.yaml or 2026-kyiv-strike.yaml"


def file_name(published: PartialDate, slug: str) -> str:
    return f"{published.iso()}-{slug}.yaml"


def split_stem(stem: str) -> tuple[str, str]:
    """('2025-06', 'talks') for '2025-06-talks'; ('', stem) when the name starts with no date."""
    match = _DATE_PREFIX.match(stem)
    return (match.group(1), stem[match.end() :]) if match else ("", stem)


def name_problem(stem: str, published: PartialDate | None) -> str | None:
    """Why `stem` is not the name an article published on `published` should have, with the fix; None if it is."""
    date, slug = split_stem(stem)
    fixed_slug = slug_from(slug)
    rename = f"rename it to {file_name(published, fixed_slug)}" if published else "fill in source.published"
    if not date:
        return f"the file name must start with the publication date, as in {_EXAMPLE}; {rename}"
    try:
        named = parse_date(date)
    except ValueError as error:
        return f"the file name starts with {date}, which is not a date ({error}); {rename}"
    if not _SLUG.match(slug):
        return f"after the date comes a slug of {_slug_fault(slug)}; {rename}"
    if len(stem) > MAX_ID_LENGTH:
        return f"file name has {len(stem)} characters before .yaml; the limit is {MAX_ID_LENGTH}"
    if published is None or named == published:
        return None
    if named.precision > published.precision and named.iso().startswith(published.iso()):
        return (
            f"the file name says {date} but source.published is {published}: a file name is dated only as "
            f"precisely as the source, never with a day or month it does not give; {rename}"
        )
    return f"the file name says {date} but source.published is {published}; {rename}"


def slug_from(text: str) -> str:
    """The nearest valid slug: lowercase letters a-z and digits, runs of anything else made one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "article"


def _slug_fault(slug: str) -> str:
    """What a slug breaks of the rule, in words."""
    rule = "lowercase letters a-z, digits and single hyphens"
    if not slug:
        return f"{rule}, and this name has none"
    if slug != slug.lower():
        return f"{rule}, and {slug!r} has capital letters"
    if re.search(r"[^a-z0-9-]", slug):
        odd = "".join(sorted(set(re.findall(r"[^a-z0-9-]", slug))))
        return f"{rule}, and {slug!r} has {odd!r}"
    return f"{rule}, and {slug!r} starts, ends or runs with hyphens"

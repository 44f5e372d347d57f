"""Readers report errors through an issue form that each article page opens, filled in for that page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from builder import GeneratedPage, Site, check_content, generate_pages
from builder.corrections import CORRECTION_FORM, correction_url
from builder.site import read_site
from tests.conftest import REPO
from tests.html import page

FORMS = REPO / ".github" / "ISSUE_TEMPLATE"
REPOSITORY = read_site(REPO / "mkdocs.yml").repository


def form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))


def field_ids(name: str) -> set[str]:
    return {item["id"] for item in form(name)["body"] if "id" in item}


def test_the_repository_address_comes_from_mkdocs_yml() -> None:
    assert REPOSITORY == "https://github.com/peace-talks-tracker/peace-talks-tracker"


@pytest.mark.parametrize("name", ["correction.yml", "new-article.yml"])
def test_each_issue_form_has_a_name_a_description_and_required_fields(name: str) -> None:
    data = form(name)
    assert data["name"] and data["description"] and data["body"]
    assert any(item.get("validations", {}).get("required") for item in data["body"])


def test_the_forms_folder_points_contributors_at_the_guide() -> None:
    links = yaml.safe_load((FORMS / "config.yml").read_text(encoding="utf-8"))["contact_links"]
    assert [link["url"].rsplit("/", 1)[-1] for link in links] == ["CONTRIBUTING.md"]


def test_an_article_page_links_to_the_correction_form_filled_in(fixture_site: Path) -> None:
    links = page(fixture_site, "articles/2026-01-05-first-round/").select("p.report-correction a")
    assert [link.get_text() for link in links] == ["Report a correction"]
    address = urlsplit(links[0]["href"])
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{REPOSITORY}/issues/new"
    query = {key: values[0] for key, values in parse_qs(address.query, strict_parsing=True).items()}
    assert query == {
        "template": CORRECTION_FORM,
        "title": "Correction: First round of talks opens",
        "page": "https://peace-talks-tracker.github.io/peace-talks-tracker/articles/2026-01-05-first-round/",
        "headline": "First round of talks opens",
    }
    assert (FORMS / query["template"]).is_file()
    assert set(query) - {"template", "title"} <= field_ids(CORRECTION_FORM)


def test_a_hostile_headline_stays_one_encoded_value(content_dir: Path, edit_yaml) -> None:
    hostile = 'Talks & "truce" <b>#1</b> 100% + more?x=1'
    edit_yaml(content_dir / "articles/2026-01-05-first-round.yaml", "First round of talks opens", hostile)
    content = check_content(content_dir)
    site = Site("T", "https://example.org/t/", "https://github.com/o/r/")
    url = correction_url(site, content.articles["2026-01-05-first-round"])
    query = parse_qs(urlsplit(url).query, strict_parsing=True)
    assert query["headline"] == [hostile] and query["title"] == [f"Correction: {hostile}"]
    assert not set(urlsplit(url).query) & set(' "<>#+')
    rendered = generate_pages(content, site)["articles/2026-01-05-first-round.md"]
    assert isinstance(rendered, GeneratedPage)
    assert f'href="{url.replace("&", "&amp;")}"' in rendered.markdown


def test_without_a_repository_there_is_no_link(content_dir: Path) -> None:
    pages = generate_pages(check_content(content_dir), Site("T", "https://example.org/t/"))
    assert "report-correction" not in pages["articles/2026-01-05-first-round.md"].markdown

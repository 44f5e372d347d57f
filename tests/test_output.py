"""Writing generated pages: each page goes to disk as it comes, so a build never holds them all."""

from __future__ import annotations

from collections.abc import Iterator

from builder.output import PageFolder
from builder.render import Generated, GeneratedFile, GeneratedPage


def test_each_page_is_on_disk_before_the_next_is_rendered() -> None:
    folder = PageFolder()
    written: list[str] = []

    def rendered() -> Iterator[Generated]:
        for number in range(3):
            # The page before this one is already written: nothing waits in memory for the rest.
            assert [p for p in written if (folder.root / p).is_file()] == written
            path = f"actors/a{number}.md"
            written.append(path)
            yield GeneratedPage(path, f"# A{number}\n", "content/actors.yaml")
        yield GeneratedFile("data/a.csv", b"id\n")

    try:
        assert folder.update(rendered()) == []
        assert sorted(folder.listing) == ["actors/a0.md", "actors/a1.md", "actors/a2.md", "data/a.csv"]
        assert (folder.root / "actors" / "a2.md").read_text(encoding="utf-8") == "# A2\n"
    finally:
        folder.remove()


def test_a_later_update_deletes_what_is_gone_and_keeps_what_is_unchanged() -> None:
    folder = PageFolder()
    try:
        folder.update([GeneratedPage("a.md", "# A\n", ""), GeneratedPage("b.md", "# B\n", "")])
        (folder.root / "a.md").write_text("left as it was", encoding="utf-8")  # unchanged: not rewritten
        assert folder.update([GeneratedPage("a.md", "# A\n", "")]) == ["b.md"]
        assert not (folder.root / "b.md").exists()
        assert (folder.root / "a.md").read_text(encoding="utf-8") == "left as it was"
    finally:
        folder.remove()

"""What a person sees on a page, read from its HTML as a browser would show it: the text (no
markup, entities decoded) and the links with their names."""

from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "head", "title"}
# Tags that separate the words on either side, as a browser lays them out.
BREAKS = {"br", "p", "div", "li", "tr", "td", "th", "caption", "section", "table", "h1", "h2", "h3"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._hidden = 0
        self._link: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BREAKS:
            self.text.append(" ")
        if tag in HIDDEN:
            self._hidden += 1
        elif tag == "a" and dict(attrs).get("href"):
            self._link = (dict(attrs)["href"] or "", [])

    def handle_endtag(self, tag: str) -> None:
        if tag in BREAKS:
            self.text.append(" ")
        if tag in HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "a" and self._link is not None:
            href, words = self._link
            self.links.append((" ".join("".join(words).split()), href))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.text.append(data)
        if self._link is not None:
            self._link[1].append(data)


def read(html: str) -> tuple[str, dict[str, str]]:
    """The visible text of ``html`` (whitespace collapsed) and its links, name → address."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return " ".join("".join(reader.text).split()), dict(reader.links)


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.described_by: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(found["id"] or "")
        if found.get("aria-describedby"):
            self.described_by.extend((found["aria-describedby"] or "").split())


def check_references(html: str) -> None:
    """Ids are unique, and every help or error text a field points to is on the page."""
    found = _References()
    found.feed(html)
    assert found.described_by, "the page has fields with help or errors"
    assert sorted({i for i in found.ids if found.ids.count(i) > 1}) == []
    assert sorted(set(found.described_by) - set(found.ids)) == []

"""Markdown that people type, made into HTML that is safe to show.

CommonMark (with tables and strikethrough) is parsed by markdown-it-py with raw HTML turned
off, so ``<script>`` is shown as text; the result then passes through nh3 with an allow-list
of tags and attributes, so nothing the parser lets through can run either. Links get
``rel="nofollow ugc noopener"``; images load lazily. ``analyse`` also reports the links,
images, bare web addresses and @mentions a post holds, so that the services can apply the
trust-level rules before anything is saved."""

import re
from dataclasses import dataclass, field
from typing import Any

import nh3
from django.utils.html import escape
from markdown_it import MarkdownIt
from markdown_it.token import Token

from muhandis.core.transliteration import search_key

MENTION = re.compile(r"(?<![\w@.])@([a-z0-9][a-z0-9_-]{0,38}[a-z0-9])", re.IGNORECASE)
BARE_URL = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>()]+", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w]+")

TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "strong",
    "em",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}
LINK_REL = "nofollow ugc noopener"


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.add_render_rule("mention", _render_mention)
    return md


def _render_mention(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
    handle = tokens[idx].content
    if handle.lower() in env.get("handles", ()):
        return f'<span class="mention">@{escape(handle)}</span>'
    return escape(f"@{handle}")


_MD = _parser()


@dataclass
class Analysis:
    """A parsed post: its tokens and what it links to, shows and mentions."""

    tokens: list[Token]
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    bare_urls: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)  # lower case, each once, in order


def analyse(source: str) -> Analysis:
    tokens = _MD.parse(source)
    found = Analysis(tokens=tokens)
    for token in tokens:
        if token.type == "inline" and token.children:
            token.children = _walk_inline(token.children, found)
    return found


def _walk_inline(children: list[Token], found: Analysis) -> list[Token]:
    result: list[Token] = []
    in_link = 0
    for child in children:
        if child.type == "link_open":
            in_link += 1
            found.links.append(str(child.attrGet("href") or ""))
        elif child.type == "link_close":
            in_link -= 1
        elif child.type == "image":
            found.images.append(str(child.attrGet("src") or ""))
        elif child.type == "text" and not in_link:
            found.bare_urls.extend(BARE_URL.findall(child.content))
            result.extend(_split_mentions(child, found))
            continue
        result.append(child)
    return result


def _split_mentions(text: Token, found: Analysis) -> list[Token]:
    content = text.content
    pieces: list[Token] = []
    position = 0
    for match in MENTION.finditer(content):
        if match.start() > position:
            pieces.append(_text(content[position : match.start()]))
        mention = Token("mention", "", 0)
        mention.content = match.group(1)
        pieces.append(mention)
        handle = match.group(1).lower()
        if handle not in found.mentions:
            found.mentions.append(handle)
        position = match.end()
    if not pieces:
        return [text]
    if position < len(content):
        pieces.append(_text(content[position:]))
    return pieces


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def to_html(analysis: Analysis, *, handles: frozenset[str] | set[str] = frozenset()) -> str:
    """The safe HTML of an analysed post; ``handles`` are the mentions that name a person."""
    raw = _MD.renderer.render(analysis.tokens, _MD.options, {"handles": set(handles)})
    return clean(raw)


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        link_rel=LINK_REL,
        url_schemes={"http", "https", "mailto"},
        allowed_classes={"span": {"mention"}},
        filter_style_properties={"text-align"},
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
    )


def render(source: str, *, handles: frozenset[str] | set[str] = frozenset()) -> str:
    return to_html(analyse(source), handles=handles)


def search_text(*parts: str) -> str:
    """One lower-case Latin key of the words of ``parts`` (title, body), in either script."""
    return " ".join(_NOT_WORD.sub(" ", search_key(" ".join(parts))).split())

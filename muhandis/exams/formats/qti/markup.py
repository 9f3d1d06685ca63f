"""The text of QTI markup: an item's stem, a block's text, an element's content (plain text
when it holds no elements, else its inner markup)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .common import (
    BLANK,
    INLINE_INTERACTIONS,
    NOT_STEM,
    _child,
    _escape,
)


def _stem(body: ET.Element, interaction: ET.Element) -> tuple[str, str]:
    """The question as the bank keeps it, and the unit written after a lone answer box."""
    parts: list[ET.Element | str] = []  # elements of the stem, and plain text between them
    unit = ""
    if (body.text or "").strip():
        parts.append(body.text.strip())
    for child in body:
        if child is interaction:
            prompt = _child(interaction, "prompt")
            if prompt is not None and _content(prompt):
                parts.append(prompt)
        elif _is_answer_box(child, interaction):
            unit = (interaction.tail or "").strip()
        elif child.tag not in NOT_STEM:
            parts.append(child)
        if (child.tail or "").strip():
            parts.append(child.tail.strip())
    return _joined_text(parts, interaction), unit


def _joined_text(parts: list[ET.Element | str], interaction: ET.Element | None = None) -> str:
    """Parts of a text as one string: a lone plain ``div`` (or prompt) gives its content, plain
    text stays plain, and anything else is kept as markup."""
    if len(parts) == 1 and not isinstance(parts[0], str):
        only = parts[0]
        if only.tag == "prompt" or (only.tag == "div" and not only.attrib):
            return _content(only, interaction)
    chunks = []
    for part in parts:
        if isinstance(part, str):
            chunks.append((False, part))
        elif part.tag == "prompt":
            chunks.append((_has_markup(part), _content(part)))
        else:
            chunks.append((True, _outer(part, interaction).strip()))
    chunks = [chunk for chunk in chunks if chunk[1]]
    if not any(markup for markup, _ in chunks):
        return "\n".join(text for _, text in chunks)
    return "\n".join(text if markup else _escape(text) for markup, text in chunks)


def _block_text(element: ET.Element) -> str:
    """The text of a rubric or feedback block, without the ``div`` it is written in."""
    parts: list[ET.Element | str] = (
        [(element.text or "").strip()] if (element.text or "").strip() else []
    )
    for child in element:
        parts.append(child)
        if (child.tail or "").strip():
            parts.append(child.tail.strip())
    return _joined_text(parts)


def _is_answer_box(element: ET.Element, interaction: ET.Element) -> bool:
    return (
        element.tag == "p"
        and list(element) == [interaction]
        and not (element.text or "").strip()
        and interaction.tag == "textEntryInteraction"
    )


def _has_markup(element: ET.Element, interaction: ET.Element | None = None) -> bool:
    return any(child.tag not in NOT_STEM or child is interaction for child in element)


def _content(element: ET.Element, interaction: ET.Element | None = None) -> str:
    """An element's content: plain text when it holds no elements, else its inner markup."""
    if not _has_markup(element, interaction):
        parts = [element.text or ""] + [child.tail or "" for child in element]
        return "".join(parts).strip()
    return _inner(element, interaction).strip()


def _inner(element: ET.Element, interaction: ET.Element | None) -> str:
    parts = [_escape(element.text or "")]
    for child in element:
        parts.append(_outer(child, interaction))
        parts.append(_escape(child.tail or ""))
    return "".join(parts)


def _outer(element: ET.Element, interaction: ET.Element | None) -> str:
    if element is interaction:
        return BLANK if element.tag in INLINE_INTERACTIONS else ""
    if element.tag in NOT_STEM:
        return ""
    attributes = "".join(f' {k}="{_escape(v, quote=True)}"' for k, v in element.attrib.items())
    inner = _inner(element, interaction)
    if not inner:
        return f"<{element.tag}{attributes}/>"
    return f"<{element.tag}{attributes}>{inner}</{element.tag}>"

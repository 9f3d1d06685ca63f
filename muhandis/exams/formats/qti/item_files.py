"""Reading one QTI item file into a draft: the item, its texts in each language, its interaction."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace

from ..items import (
    LANGUAGE_NAMES,
    LANGUAGES,
    ItemDraft,
    Problem,
    Unit,
    error,
)
from .common import (
    A_TEST,
    CONDITIONAL_FEEDBACK_DROPPED,
    FILES_DROPPED,
    IN_FILE,
    LANGUAGE_READ_AS,
    MANY_INTERACTIONS,
    NO_DECLARATION,
    NO_INTERACTION,
    NOT_AN_ITEM,
    NOT_SUPPORTED,
    QTI_NS,
    SUPPORTED,
    TEMPLATE_DROPPED,
    _child,
    _children,
    _read_xml,
)
from .interactions import _READERS, _Context
from .markup import _block_text, _stem


@dataclass
class _Read:
    """One item file as read: its draft (None when it could not be read) and its problems."""

    item: ItemDraft | None
    problems: list[Problem]
    identifier: str
    label: str
    language: str
    line: int | None
    file: str | None = None
    keywords: tuple[str, ...] = ()


def _located(problem: Problem, file: str | None, line: int | None) -> Problem:
    message = IN_FILE.format(file=file, message=problem.message) if file else problem.message
    return replace(problem, message=message, line=problem.line or line)


def _read_file(data: bytes, language: str, file: str | None) -> _Read | Problem:
    tree = _read_xml(data)
    if isinstance(tree, Problem):
        return _located(tree, file, None)
    root = tree.root
    if root.tag == "assessmentTest":
        return _located(error(A_TEST, line=1), file, 1)
    if root.tag != "assessmentItem" or not tree.namespace.startswith(QTI_NS[:-1]):
        return _located(error(NOT_AN_ITEM.format(tag=root.tag), line=1), file, 1)
    line = tree.line(root)
    context = _Context(language)
    identifier = root.get("identifier", "").strip()
    label = root.get("label", "").strip()
    name = label or root.get("title", "").strip() or identifier
    item = _read_item(root, replace(ItemDraft(kind="", texts={}), name=name), context)
    problems = list(dict.fromkeys(context.problems))  # one warning per kind of loss
    if any(p.severity == "error" for p in problems):
        item = None
    problems = [replace(_located(p, file, line), item=name or None) for p in problems]
    return _Read(item, problems, identifier, label, context.language, line, file)


def _short_language(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def _read_item(root: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft | None:
    written = _short_language(root.get("xml:lang", ""))
    if written in LANGUAGES:
        context.language = written
    elif written:
        name = LANGUAGE_NAMES.get(context.language, context.language)
        context.warn(LANGUAGE_READ_AS.format(language=root.get("xml:lang"), name=name))
    if _children(root, "templateDeclaration"):
        context.warn(TEMPLATE_DROPPED)
    body = _child(root, "itemBody")
    interactions = [] if body is None else [e for e in body.iter() if e.tag.endswith("Interaction")]
    if not interactions:
        context.warn(NO_INTERACTION)
        return None
    if len(interactions) > 1:
        context.warn(MANY_INTERACTIONS.format(count=len(interactions)))
        return None
    interaction = interactions[0]
    if interaction.tag not in SUPPORTED:
        context.warn(NOT_SUPPORTED.format(interaction=interaction.tag))
        return None
    identifier = interaction.get("responseIdentifier", "")
    declaration = next(
        (d for d in _children(root, "responseDeclaration") if d.get("identifier") == identifier),
        None,
    )
    if declaration is None:
        context.fail(NO_DECLARATION.format(identifier=identifier))
        return None
    assert body is not None  # an interaction was found in it
    base = _read_texts(root, body, interaction, base, context)
    return _READERS[interaction.tag](interaction, declaration, root, base, context)


def _read_texts(
    root: ET.Element, body: ET.Element, interaction: ET.Element, base: ItemDraft, context: _Context
) -> ItemDraft:
    code = context.language
    stem, unit = _stem(body, interaction)
    rubric = "\n".join(_block_text(block) for block in body.iter("rubricBlock")).strip()
    feedback = ""
    for modal in _children(root, "modalFeedback"):
        if modal.get("identifier") == "GENERAL" and modal.get("showHide", "show") == "show":
            feedback = _block_text(modal)
        else:
            context.warn(CONDITIONAL_FEEDBACK_DROPPED)
    if any(e.tag in ("feedbackBlock",) for e in body.iter()):
        context.warn(CONDITIONAL_FEEDBACK_DROPPED)
    names = [
        e.get("src") or e.get("data") or ""
        for e in body.iter()
        if e.tag in ("img", "object") and ":" not in (e.get("src") or e.get("data") or ":")
    ]
    if names:
        context.warn(FILES_DROPPED.format(names=", ".join(names)))
    return replace(
        base,
        texts={code: stem} if stem else {},
        units=(Unit(unit),) if unit else (),
        rubric={code: rubric} if rubric else {},
        feedback={code: feedback} if feedback else {},
    )

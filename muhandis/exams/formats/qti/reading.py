"""Reading QTI 2.1 items and content packages into ``ItemDraft``s (see the package's docstring)."""

from __future__ import annotations

import io
import math
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field, replace

from .. import safexml
from ..items import (
    LANGUAGE_NAMES,
    LANGUAGES,
    ImportResult,
    ItemDraft,
    Option,
    Pair,
    Problem,
    Unit,
    check,
    error,
    warning,
)
from .common import (
    A_TEST,
    ALL_OR_NOTHING,
    BAD_BASE_TYPE,
    BAD_DIFFICULTY_TAG,
    BAD_NUMBER,
    BLANK,
    CASE_MIXED,
    COMPETENCY_TAG,
    CONDITIONAL_FEEDBACK_DROPPED,
    DIFFICULTY_TAG,
    EMPTY_FILE,
    FILES_DROPPED,
    IN_FILE,
    INLINE_INTERACTIONS,
    ITEM_TYPE,
    LANGUAGE_READ_AS,
    MANIFEST,
    MANY_INTERACTIONS,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_PACKAGE_BYTES,
    MISSING_FILE,
    NO_CORRECT,
    NO_DECLARATION,
    NO_INTERACTION,
    NO_ITEMS,
    NO_MANIFEST,
    NOT_A_ZIP,
    NOT_AN_ITEM,
    NOT_STEM,
    NOT_SUPPORTED,
    OTHER_NUMBERS_DROPPED,
    PACKAGE_TOO_LARGE,
    PAIR_CREDIT_DROPPED,
    QTI_NS,
    RELATIVE_TOLERANCE,
    SCHEME_TAG,
    SUPPORTED,
    TEMPLATE_DROPPED,
    UNKNOWN_CHOICE,
    UNMATCHED_DROPPED,
    VERSION_SEPARATE,
    _child,
    _children,
    _escape,
    _read_xml,
)

# Reading ---------------------------------------------------------------------------------------


@dataclass
class _Context:
    language: str
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.problems.append(warning(message))

    def fail(self, message: str) -> None:
        self.problems.append(error(message))


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


def parse(data: bytes | str, language: str = "en") -> ImportResult:
    """Read a QTI 2.1 item file or an IMS content package (ZIP) of items. Never raises:
    problems carry the line where each item starts and, in a package, the file it is in.
    Text of an item without ``xml:lang`` is read as ``language``."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        return ImportResult(items=(), problems=(error(EMPTY_FILE),))
    if data.startswith(b"PK"):
        reads, problems = _read_package(data, language)
    else:
        read = _read_file(data, language, file=None)
        reads, problems = ([read], []) if isinstance(read, _Read) else ([], [read])
    items: list[ItemDraft] = []
    for item, found in _join(reads):
        if item is not None:
            items.append(item)
        problems += found
    return ImportResult(items=tuple(items), problems=tuple(problems))


def is_qti(data: bytes) -> bool:
    """Whether an XML file is a QTI 2.x item or test (rather than, say, Moodle XML)."""
    head = data[:4096]
    return b"imsqti_v2p" in head and (b"assessmentItem" in head or b"assessmentTest" in head)


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


def _values(element: ET.Element | None) -> list[str]:
    return [(value.text or "").strip() for value in _children(element, "value")]


def _mapping(declaration: ET.Element) -> tuple[list[tuple[str, float, bool]], float] | None:
    """The mapping's entries (key, credit, case-sensitive) and default value, if it has one."""
    mapping = _child(declaration, "mapping")
    if mapping is None:
        return None
    entries = []
    for entry in _children(mapping, "mapEntry"):
        credit = _number(entry.get("mappedValue", ""))
        sensitive = entry.get("caseSensitive", "true").strip().lower() in ("true", "1")
        entries.append((entry.get("mapKey", ""), 0.0 if credit is None else credit, sensitive))
    default = _number(mapping.get("defaultValue", "0")) or 0.0
    return entries, default


def _number(text: str) -> float | None:
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _read_choice(
    interaction: ET.Element,
    declaration: ET.Element,
    _root: ET.Element,
    base: ItemDraft,
    context: _Context,
) -> ItemDraft | None:
    code = context.language
    choices = _children(interaction, "simpleChoice")
    ids = [choice.get("identifier", "") for choice in choices]
    single = declaration.get("cardinality", "single") == "single"
    credits = _choice_credits(declaration, ids, single, context)
    if credits is None:
        return None
    if single and sorted(i.lower() for i in ids) == ["false", "true"]:
        truth = next(i.lower() == "true" for i in ids if credits.get(i, 0) >= 1)
        return replace(base, kind="true_false", truth=truth)
    options = []
    for choice, identifier in zip(choices, ids, strict=True):
        feedback = " ".join(_content(fb) for fb in _children(choice, "feedbackInline")).strip()
        text = _content(choice)
        options.append(
            Option(
                texts={code: text} if text else {},
                fraction=round(credits.get(identifier, 0.0), 7),
                feedback={code: feedback} if feedback else {},
            )
        )
    return replace(base, kind="single" if single else "multiple", options=tuple(options))


def _choice_credits(
    declaration: ET.Element, ids: list[str], single: bool, context: _Context
) -> dict[str, float] | None:
    correct = _values(_child(declaration, "correctResponse"))
    for value in correct:
        if value not in ids:
            context.fail(UNKNOWN_CHOICE.format(value=value))
            return None
    mapped = _mapping(declaration)
    if mapped is not None and mapped[0]:
        entries, default = mapped
        credits = {identifier: default for identifier in ids}
        credits.update({key.strip(): credit for key, credit, _ in entries})
        positive = [c for c in credits.values() if c > 0]
        scale = (max(positive) if single else sum(positive)) if positive else 1.0
        return {key: credit / scale for key, credit in credits.items()}
    if not correct:
        context.fail(NO_CORRECT)
        return None
    if not single and len(correct) > 1:
        context.warn(ALL_OR_NOTHING)
    return {value: 1.0 / len(correct) for value in correct}


def _read_text_entry(
    interaction: ET.Element,
    declaration: ET.Element,
    root: ET.Element,
    base: ItemDraft,
    context: _Context,
) -> ItemDraft | None:
    base_type = declaration.get("baseType", "string")
    if base_type in ("float", "integer"):
        return _read_numeric(declaration, root, base, context)
    if base_type != "string":
        context.warn(BAD_BASE_TYPE.format(type=base_type))
        return None
    code = context.language
    mapped = _mapping(declaration)
    entries = mapped[0] if mapped else []
    if not entries:
        correct = _values(_child(declaration, "correctResponse"))
        entries = [(value, 1.0, True) for value in correct]
    if not entries:
        context.fail(NO_CORRECT)
        return None
    best = max(credit for _, credit, _ in entries)
    scale = best if best > 0 else 1.0
    sensitivity = {sensitive for _, _, sensitive in entries}
    if len(sensitivity) > 1:
        context.warn(CASE_MIXED)
    options = tuple(
        Option(texts={code: key}, fraction=round(credit / scale, 7)) for key, credit, _ in entries
    )
    return replace(base, kind="short_text", options=options, case_sensitive=True in sensitivity)


def _read_numeric(
    declaration: ET.Element, root: ET.Element, base: ItemDraft, context: _Context
) -> ItemDraft | None:
    correct = _values(_child(declaration, "correctResponse"))
    mapped = _mapping(declaration)
    answer_text = correct[0] if correct else ""
    if not answer_text and mapped and mapped[0]:
        entries = sorted(mapped[0], key=lambda entry: -entry[1])
        answer_text = entries[0][0]
        if len(entries) > 1:
            others = ", ".join(key for key, _, _ in entries[1:])
            context.warn(OTHER_NUMBERS_DROPPED.format(answer=answer_text, others=others))
    if not answer_text:
        context.fail(NO_CORRECT)
        return None
    answer = _number(answer_text)
    if answer is None:
        context.fail(BAD_NUMBER.format(value=answer_text))
        return None
    tolerance = _tolerance(_child(root, "responseProcessing"), answer, context)
    if tolerance is None:
        return None
    return replace(base, kind="numeric", answer=answer, tolerance=tolerance)


def _tolerance(processing: ET.Element | None, answer: float, context: _Context) -> float | None:
    equal = next(iter(processing.iter("equal")), None) if processing is not None else None
    if equal is None or equal.get("toleranceMode", "exact") == "exact":
        return 0.0
    text = (equal.get("tolerance") or "0").split()[0]
    value = _number(text)
    if value is None:
        context.fail(BAD_NUMBER.format(value=text))
        return None
    if equal.get("toleranceMode") == "relative":
        absolute = abs(answer) * value / 100
        context.warn(RELATIVE_TOLERANCE.format(percent=f"{value:g}", tolerance=f"{absolute:g}"))
        return absolute
    return value


def _read_match(
    interaction: ET.Element,
    declaration: ET.Element,
    _root: ET.Element,
    base: ItemDraft,
    context: _Context,
) -> ItemDraft | None:
    code = context.language
    sets = _children(interaction, "simpleMatchSet")
    texts = {
        choice.get("identifier", ""): _content(choice)
        for match_set in sets
        for choice in _children(match_set, "simpleAssociableChoice")
    }
    correct = _values(_child(declaration, "correctResponse"))
    mapped = _mapping(declaration)
    if not correct and mapped:
        correct = [key for key, credit, _ in mapped[0] if credit > 0]
    pairs, used = [], set()
    for value in correct:
        left, _, right = value.partition(" ")
        if left not in texts or right.strip() not in texts:
            context.fail(UNKNOWN_CHOICE.format(value=value))
            return None
        right = right.strip()
        used.update((left, right))
        pairs.append(Pair(left={code: texts[left]}, right={code: texts[right]}))
    if not pairs:
        context.fail(NO_CORRECT)
        return None
    if mapped and len({credit for key, credit, _ in mapped[0] if key in correct}) > 1:
        context.warn(PAIR_CREDIT_DROPPED)
    unmatched = [texts[key] for key in texts if key not in used]
    if unmatched:
        context.warn(UNMATCHED_DROPPED.format(choices=", ".join(unmatched)))
    return replace(base, kind="matching", pairs=tuple(pairs))


def _read_extended_text(
    _interaction: ET.Element,
    _declaration: ET.Element,
    _root: ET.Element,
    base: ItemDraft,
    _context: _Context,
) -> ItemDraft:
    return replace(base, kind="essay")


_READERS = {
    "choiceInteraction": _read_choice,
    "textEntryInteraction": _read_text_entry,
    "matchInteraction": _read_match,
    "extendedTextInteraction": _read_extended_text,
}


# Packages --------------------------------------------------------------------------------------


def _read_package(data: bytes, language: str) -> tuple[list[_Read], list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return [], [error(NOT_A_ZIP.format(reason=str(exc).rstrip(".")), line=None)]
    sizes = [info.file_size for info in members.values()]
    if len(sizes) > MAX_MEMBERS or sum(sizes) > MAX_PACKAGE_BYTES:
        return [], [error(PACKAGE_TOO_LARGE)]
    if MANIFEST not in members:
        return [], [error(NO_MANIFEST)]
    manifest = _member(archive, members[MANIFEST])
    tree = _read_xml(manifest) if isinstance(manifest, bytes) else manifest
    if isinstance(tree, Problem):
        return [], [_located(tree, MANIFEST, None)]
    reads: list[_Read] = []
    problems: list[Problem] = []
    resources = [
        r for r in tree.root.iter("resource") if r.get("type", "").startswith(ITEM_TYPE[:-1])
    ]
    for resource in resources:
        read = _read_resource(archive, members, tree, resource, language)
        if isinstance(read, _Read):
            reads.append(read)
        else:
            problems.append(read)
    if not resources:
        problems.append(_located(error(NO_ITEMS), MANIFEST, tree.line(tree.root)))
    return reads, problems


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | Problem:
    if info.file_size > MAX_MEMBER_BYTES:
        return error(PACKAGE_TOO_LARGE)
    try:
        with archive.open(info) as handle:
            return handle.read(MAX_MEMBER_BYTES + 1)[:MAX_MEMBER_BYTES]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        return error(NOT_A_ZIP.format(reason=str(exc).rstrip(".")))


def _read_resource(
    archive: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    tree: safexml.XmlTree,
    resource: ET.Element,
    language: str,
) -> _Read | Problem:
    href = resource.get("href") or next((f.get("href", "") for f in resource.iter("file")), "")
    path = posixpath.normpath(href.split("#")[0]) if href else ""
    if path not in members:
        return _located(error(MISSING_FILE.format(href=href)), MANIFEST, tree.line(resource))
    data = _member(archive, members[path])
    if isinstance(data, Problem):
        return _located(data, path, None)
    read = _read_file(data, language, file=path)
    if isinstance(read, _Read):
        read.keywords = tuple(
            (text.text or "").strip()
            for keyword in resource.iter("keyword")
            for text in keyword
            if (text.text or "").strip()
        )
    return read


def _join(reads: list[_Read]) -> list[tuple[ItemDraft | None, list[Problem]]]:
    """Join the language versions of one item (same base identifier, one language each)."""
    groups: list[tuple[str, list[_Read]]] = []
    for read in reads:
        key = _base_identifier(read)
        group = next((g for k, g in groups if k == key and _fits(g, read)), None)
        if group is not None:
            group.append(read)
            continue
        if read.item is not None and any(k == key for k, _ in groups):
            language = LANGUAGE_NAMES.get(read.language, read.language)
            message = warning(VERSION_SEPARATE.format(language=language))
            read.problems.append(replace(_located(message, read.file, read.line), item=read.label))
        groups.append((key, [read]))
    return [_joined(group) for _, group in groups]


def _joined(group: list[_Read]) -> tuple[ItemDraft | None, list[Problem]]:
    problems = [p for read in group for p in read.problems]
    items = [read.item for read in group if read.item is not None]
    if not items:
        return None, problems
    item = items[0]
    for other in items[1:]:
        item = _merge(item, other)
    first = group[0]
    item = _apply_keywords(item, first.keywords, first, problems)
    problems += [_located(replace(p, item=item.label), first.file, first.line) for p in check(item)]
    return item, problems


def _base_identifier(read: _Read) -> str:
    suffix = "-" + read.language
    if read.identifier.endswith(suffix):
        return read.identifier[: -len(suffix)]
    return read.identifier or f"#{id(read)}"


def _fits(group: list[_Read], read: _Read) -> bool:
    """Whether a file is another language of the item the group holds."""
    first = next((r.item for r in group if r.item is not None), None)
    if first is None or read.item is None:
        return False
    if read.language in {r.language for r in group}:
        return False
    return _shape(first) == _shape(read.item)


def _shape(item: ItemDraft) -> tuple:
    return (
        item.kind,
        tuple(option.fraction for option in item.options),
        len(item.pairs),
        item.truth,
        item.answer,
        item.tolerance,
        item.case_sensitive,
    )


def _merge(item: ItemDraft, other: ItemDraft) -> ItemDraft:
    options = tuple(
        replace(a, texts={**a.texts, **b.texts}, feedback={**a.feedback, **b.feedback})
        for a, b in zip(item.options, other.options, strict=True)
    )
    pairs = tuple(
        Pair(left={**a.left, **b.left}, right={**a.right, **b.right})
        for a, b in zip(item.pairs, other.pairs, strict=True)
    )
    return replace(
        item,
        texts={**item.texts, **other.texts},
        options=options,
        pairs=pairs,
        rubric={**item.rubric, **other.rubric},
        feedback={**item.feedback, **other.feedback},
        units=item.units or other.units,
    )


def _apply_keywords(
    item: ItemDraft, keywords: tuple[str, ...], read: _Read, problems: list[Problem]
) -> ItemDraft:
    competencies, schemes, tags, difficulty = [], [], [], None
    for keyword in keywords:
        if keyword.startswith(COMPETENCY_TAG):
            competencies.append(keyword.removeprefix(COMPETENCY_TAG).strip())
        elif keyword.startswith(SCHEME_TAG):
            schemes.append(keyword.removeprefix(SCHEME_TAG).strip())
        elif keyword.startswith(DIFFICULTY_TAG) and keyword[len(DIFFICULTY_TAG) :] in "123":
            difficulty = int(keyword.removeprefix(DIFFICULTY_TAG))
        else:
            if keyword.startswith(DIFFICULTY_TAG):
                message = warning(BAD_DIFFICULTY_TAG.format(tag=keyword))
                problems.append(replace(_located(message, read.file, read.line), item=item.label))
            tags.append(keyword)
    return replace(
        item,
        competencies=tuple(competencies),
        schemes=tuple(schemes),
        difficulty=difficulty,
        tags=tuple(tags),
    )

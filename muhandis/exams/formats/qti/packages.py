"""Reading IMS content packages (ZIP) of QTI items: each resource's file, and the versions of
one item in several languages joined into one draft."""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace

from .. import safexml
from ..items import (
    LANGUAGE_NAMES,
    ItemDraft,
    Pair,
    Problem,
    check,
    error,
    warning,
)
from .common import (
    BAD_DIFFICULTY_TAG,
    COMPETENCY_TAG,
    DIFFICULTY_TAG,
    ITEM_TYPE,
    MANIFEST,
    MAX_MEMBER_BYTES,
    MAX_MEMBERS,
    MAX_PACKAGE_BYTES,
    MISSING_FILE,
    NO_ITEMS,
    NO_MANIFEST,
    NOT_A_ZIP,
    PACKAGE_TOO_LARGE,
    SCHEME_TAG,
    VERSION_SEPARATE,
    _read_xml,
)
from .item_files import _located, _Read, _read_file


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

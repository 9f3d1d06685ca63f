"""Reading QTI 2.1 items and content packages into ``ItemDraft``s (see the package's docstring):
the entry points. One item file is read in ``item_files`` (its text in ``markup``, its
interaction in ``interactions``), a package in ``packages``."""

from __future__ import annotations

from ..items import (
    ImportResult,
    ItemDraft,
    error,
)
from .common import (
    EMPTY_FILE,
)
from .item_files import _Read, _read_file
from .packages import _join, _read_package


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

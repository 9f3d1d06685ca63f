"""Moodle's competency-framework CSV layout, as ``admin/tool/lpimportcsv`` writes and reads it.

One header row, then one row for the framework ("Is framework" set) and one row per competency;
a competency names its parent by ID number, to any depth. In Muhandis a row without a parent is
an area and every row below an area is a competency (``Competency.parent``). Moodle reads the
columns by position, whatever the header says (``framework_importer::read_mapping_data``), and
its own files spell the header in more than one way (its language strings, and the older
spellings of its example file); both are read here. Texts may carry Moodle's multi-language
spans; each span fills that language, and text outside spans the language of the file.

Each rule here names its source in ``docs/conformance/competency-frameworks.md``.
"""

from .layout import (
    COLUMNS,
    HEADERS,
    MAX_ROWS,
    ImportProblem,
    ImportRefused,
    Node,
    ParsedFramework,
)
from .reading import parse, read_rows, split_languages
from .writing import write

__all__ = [
    "COLUMNS",
    "HEADERS",
    "MAX_ROWS",
    "ImportProblem",
    "ImportRefused",
    "Node",
    "ParsedFramework",
    "parse",
    "read_rows",
    "split_languages",
    "write",
]

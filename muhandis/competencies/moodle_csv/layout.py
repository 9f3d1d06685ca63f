"""The layout of Moodle's competency-framework CSV and what reading one produces."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..models import Competency, DescriptionFormat, description_markup

# The columns in Moodle's order (framework_importer::list_required_headers) with the header
# Moodle's English language pack writes (lang/en/tool_lpimportcsv.php).
COLUMNS = [
    ("parent", "Parent ID number"),
    ("idnumber", "ID number"),
    ("shortname", "Short name"),
    ("description", "Description"),
    ("descriptionformat", "Description format"),
    ("scalevalues", "Scale values"),
    ("scaleconfiguration", "Scale configuration"),
    ("ruletype", "Rule type (optional)"),
    ("ruleoutcome", "Rule outcome (optional)"),
    ("ruleconfig", "Rule config (optional)"),
    ("relatedidnumbers", "Cross-referenced competency ID numbers"),
    ("exportid", "Exported ID (optional)"),
    ("isframework", "Is framework"),
    ("taxonomy", "Taxonomy"),
]
HEADERS = [label for _key, label in COLUMNS]
LABELS = dict(COLUMNS)
REQUIRED = ["parent", "idnumber", "shortname", "isframework"]
# Other spellings Moodle has written (its example file tests/fixtures/example.csv), after
# ``_normalised``.
ALIASES = {
    "shortname": "shortname",
    "short name": "shortname",
    "parent id number": "parent",
    "parent idnumber": "parent",
    "id number": "idnumber",
    "idnumber": "idnumber",
    "cross referenced competency id numbers": "relatedidnumbers",
    "exported id": "exportid",
    "export id": "exportid",
    "taxonomies": "taxonomy",
}
ALIASES.update(
    {
        re.sub(r"[\s_-]+", " ", label.lower().replace("(optional)", "")).strip(): key
        for key, label in COLUMNS
    }
)

# core_competency's rule classes and what Muhandis calls them.
RULE_CLASSES = {
    "core_competency\\competency_rule_all": Competency.RuleType.ALL,
    "core_competency\\competency_rule_points": Competency.RuleType.POINTS,
}
RULE_CLASS_OF: dict[str, str] = {str(kind): name for name, kind in RULE_CLASSES.items()}
# Moodle's FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN (lib/weblib.php).
FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN = 0, 1, 2, 4
# core_competency\competency_framework::get_taxonomies_list().
TAXONOMY_TERMS = {
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
}
LANGUAGES = ("uz", "ru", "en")
MULTILANG = re.compile(
    r'<span\s+(?:lang="(?P<l1>[a-zA-Z_-]+)"\s+class="multilang"|class="multilang"\s+'
    r'lang="(?P<l2>[a-zA-Z_-]+)")\s*>(?P<text>.*?)</span>'
    r"|\{mlang\s+(?P<l3>[a-zA-Z_-]+)\}(?P<text3>.*?)\{mlang\}",
    re.S,
)
TAG_PATTERN = re.compile(r"<[a-zA-Z/!]")
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_ROWS = 5000


@dataclass
class Node:
    """One competency row, with the rows under it."""

    row: int
    code: str
    parent: str
    title: dict[str, str]
    description: dict[str, str]
    description_format: str = DescriptionFormat.PLAIN
    export_id: str = ""
    related: list[str] = field(default_factory=list)
    rule_type: str = ""
    rule_outcome: int = 0
    rule_config: Any = None
    raw_rule_config: str = ""
    children: list["Node"] = field(default_factory=list)
    depth: int = 0

    @property
    def label(self) -> str:
        """The title in the reader's language, else in any language the file gave."""
        language = (translation.get_language() or "uz")[:2]
        return self.title.get(language) or next(iter(self.title.values()), "")

    @property
    def shown_description(self) -> str:
        """The description in the reader's language, else in any language the file gave."""
        language = (translation.get_language() or "uz")[:2]
        return self.description.get(language) or next(iter(self.description.values()), "")

    def description_html(self) -> SafeString:
        """The description as the framework page shows it."""
        return description_markup(self.shown_description, self.description_format)

    def below(self) -> Iterator["Node"]:
        """Every row under this one, parents first (without recursion: a chain may be long)."""
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


@dataclass
class ParsedFramework:
    code: str
    title: dict[str, str]
    description: dict[str, str]
    description_format: str
    scale: list[str]
    taxonomies: str
    scale_configuration: list[dict[str, int]] | None
    areas: list[Node]
    notices: list[str]

    def nodes(self) -> Iterator[Node]:
        """Every competency row under the areas, parents before their children."""
        for area in self.areas:
            yield from area.below()

    @property
    def depth(self) -> int:
        """Levels below the framework: 1 when there are only areas."""
        return 1 + max((node.depth for node in self.nodes()), default=0) if self.areas else 0

    @property
    def size(self) -> int:
        """How many competencies (rows below the areas) the file holds."""
        return sum(1 for _node in self.nodes())

    @property
    def label(self) -> str:
        language = (translation.get_language() or "uz")[:2]
        return self.title.get(language) or next(iter(self.title.values()), "")


@dataclass
class ImportProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return _("Header: %(message)s") % {"message": self.message}
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRefused(Exception):
    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


@dataclass
class Reading:
    """What one pass over the rows collects."""

    language: str
    column: dict[str, str]
    problems: list[ImportProblem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    nodes: dict[str, Node] = field(default_factory=dict)
    framework: tuple[int, dict[str, str]] | None = None

    def problem(self, row: int, key: str, message: str) -> None:
        self.problems.append(ImportProblem(row, self.column.get(key, ""), message))

    def notice(self, row: int, key: str, message: str) -> None:
        self.notices.append(str(ImportProblem(row, self.column.get(key, ""), message)))

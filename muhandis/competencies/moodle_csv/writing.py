"""Writing a framework as Moodle's ``framework_exporter`` does."""

import csv
import io
import json
from typing import TYPE_CHECKING, Any

from django.utils import translation

from muhandis.core.tables import safe_cell

from ..models import Competency, DescriptionFormat
from .layout import FORMAT_HTML, FORMAT_PLAIN, HEADERS, RULE_CLASS_OF

if TYPE_CHECKING:
    from ..models import Area, Framework
    from ..selectors import AreaTree


def write(framework: "Framework", tree: list["AreaTree"], *, language: str) -> str:
    """The framework in Moodle's layout (``framework_exporter::export``), texts in
    ``language``: the framework row, then each area followed by its competencies, parents
    before children (``selectors.tree_of``); cells never start like a spreadsheet formula."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")

    def row(cells: list[Any]) -> None:
        writer.writerow([safe_cell(str(value)) for value in cells])

    row(HEADERS)
    with translation.override(language):
        levels = list(framework.scale.levels.all())
        row(_framework_row(framework, levels, 1 + max((t.height for t in tree), default=0)))
        pks = {node.code: node.competency.pk for t in tree for node in t.nodes()}
        for area_tree in tree:
            area = area_tree.area
            row(["", area.code, area.title, area.description, _format_of(area), *_EMPTY_AREA])
            for node in area_tree.nodes():
                row(_competency_row(node.competency, node.parent_code, pks))
    return out.getvalue()


# An area's cells after its description format, as Moodle writes a competency with no scale,
# rule, cross-reference or exported id of its own.
_EMPTY_AREA = ["", "", "", "0", "null", "", "", "", ""]


def _format_of(item: "Framework | Area | Competency") -> int:
    return FORMAT_HTML if item.description_format == DescriptionFormat.HTML else FORMAT_PLAIN


def _framework_row(framework: "Framework", levels: list[Any], depth: int) -> list[Any]:
    """The framework's row. The scale configuration is the one the file gave, else the first
    level is the default and levels from 3 (the top one, on shorter scales) are proficient."""
    proficient_from = min(3, max((level.value for level in levels), default=0))
    flags = framework.scale_configuration or [
        {
            "id": index,
            "scaledefault": int(index == 1),
            "proficient": int(level.value >= proficient_from),
        }
        for index, level in enumerate(levels, start=1)
    ]
    configuration = json.dumps([{"scaleid": "1"}, *flags])
    taxonomies = framework.taxonomies or ",".join(["domain"] + ["competency"] * max(depth - 1, 1))
    return [
        "",
        framework.code,
        framework.title,
        framework.description,
        _format_of(framework),
        ",".join(level.name.replace(",", " ") for level in levels),
        configuration,
        "",
        "",
        "",
        "",
        "",
        "1",
        taxonomies,
    ]


def _competency_row(competency: Competency, parent: str, pks: dict[str, int]) -> list[Any]:
    config: Any = competency.rule_config
    if competency.rule_type == Competency.RuleType.POINTS and config:
        config = {
            "base": config["base"],
            "competencies": [
                {"id": pks[c["code"]], "points": c["points"], "required": int(c["required"])}
                for c in config["competencies"]
                if c["code"] in pks
            ],
        }
    related = ",".join(c.code.replace(",", "%2C") for c in competency.related.all())
    return [
        parent,
        competency.code,
        competency.title,
        competency.description,
        _format_of(competency),
        "",
        "",
        RULE_CLASS_OF.get(competency.rule_type, ""),
        competency.rule_outcome,
        json.dumps(config) if config is not None else "null",
        related,
        competency.pk,
        "",
        "",
    ]

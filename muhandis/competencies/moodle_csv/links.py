"""Rows that name other rows: cross-references and completion rules."""

import json
from typing import Any

from django.utils.translation import gettext as _

from ..models import Competency
from .layout import Node, Reading


def resolve_links(areas: list[Node], reading: Reading) -> None:
    """Cross-references and rule configurations name other rows; check and keep them."""
    by_export_id = {n.export_id: n for n in reading.nodes.values() if n.export_id}
    for area in areas:
        if area.rule_type or area.raw_rule_config:
            reading.notice(
                area.row,
                "ruletype",
                _("an area has no completion rule in Muhandis; the rule was ignored."),
            )
        if area.related:
            reading.notice(
                area.row,
                "relatedidnumbers",
                _("areas are not cross-referenced in Muhandis; the references were ignored."),
            )
    for node in (n for area in areas for n in area.below()):
        _keep_related(node, reading)
        _keep_rule(node, reading, by_export_id)


def _keep_related(node: Node, reading: Reading) -> None:
    """Moodle adds a relation for every ID number it finds and skips the others
    (``framework_importer::set_related``); here what is skipped is said."""
    kept = []
    for code in node.related:
        other = reading.nodes.get(code)
        if other is None or other.depth == 0 or code == node.code:
            reading.notice(
                node.row,
                "relatedidnumbers",
                _("“%s” is not a competency of this file; the cross-reference was left out.")
                % code,
            )
        elif code not in kept:
            kept.append(code)
    node.related = kept


def _keep_rule(node: Node, reading: Reading, by_export_id: dict[str, Node]) -> None:
    if node.rule_type == Competency.RuleType.ALL:
        node.rule_config = None
    elif node.rule_type == Competency.RuleType.POINTS:
        node.rule_config = _points_config(node, reading, by_export_id)


def _points_config(node: Node, reading: Reading, by_export_id: dict[str, Node]) -> Any:
    """A points rule (``competency_rule_points::validate_config`` and ``migrate_config``):
    ``{"base": {"points": n}, "competencies": [{"id", "points", "required"}]}``, each id the
    exported id of a child of this competency. Kept with the children's codes instead of ids."""
    invalid = _(
        'a points rule needs {"base": {"points": n}, "competencies": [{"id": …, '
        '"points": …, "required": 0 or 1}]} naming this competency\'s children by their '
        "exported ID, with enough points to reach n."
    )
    try:
        config = json.loads(node.raw_rule_config or "null")
        needed = int(config["base"]["points"])
        entries = [
            (str(c["id"]), int(c["points"]), bool(int(c["required"])))
            for c in config["competencies"]
        ]
    except (ValueError, TypeError, KeyError):
        reading.problem(node.row, "ruleconfig", invalid)
        return None
    children = {child.code for child in node.children}
    kept: list[dict[str, Any]] = []
    for export_id, given, required in entries:
        child = by_export_id.get(export_id)
        if child is None or child.code not in children:
            reading.problem(
                node.row,
                "ruleconfig",
                _("the rule names “%s”, which is not the exported ID of a child of this row.")
                % export_id,
            )
            return None
        kept.append({"code": child.code, "points": given, "required": required})
    codes = [k["code"] for k in kept]
    points: list[int] = [k["points"] for k in kept]
    if (
        not kept
        or len(set(codes)) < len(codes)
        or min(points) < 0
        or not 1 <= needed <= sum(points)
    ):
        reading.problem(node.row, "ruleconfig", invalid)
        return None
    return {"base": {"points": needed}, "competencies": kept}

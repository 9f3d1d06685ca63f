"""Writes for competency frameworks: import from Moodle CSV, publish, new versions."""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.core.versioning import activate_version, next_version_number

from . import moodle_csv
from .models import Area, Competency, Framework, ProficiencyLevel, ProficiencyScale

LANGUAGE_FIELDS = ("uz", "ru", "en")


def _translated(prefix: str, texts: dict[str, str]) -> dict[str, str]:
    """Keyword arguments for a translated field: ``title_uz=…, title_ru=…``."""
    values = {f"{prefix}_{lang}": texts.get(lang, "") for lang in LANGUAGE_FIELDS}
    # The field itself (the default language's column) falls back to any language given.
    values[f"{prefix}_uz"] = values[f"{prefix}_uz"] or next(iter(texts.values()), "")
    return values


def import_moodle_csv(
    *, content: bytes, language: str, actor: User | None, request: HttpRequest | None = None
) -> tuple[Framework, list[str]]:
    """Create a draft framework from a Moodle competency-framework CSV file: top-level rows
    become areas, the rows under them competencies nested to any depth, with their
    cross-references and completion rules.

    Returns the framework and notices about what the file held that Muhandis does not keep.
    Raises ``moodle_csv.ImportRefused`` with every problem found; nothing is written then.
    """
    parsed = moodle_csv.parse(content, language=language)
    with transaction.atomic():
        framework = _create_framework(parsed, language)
        made = _create_tree(framework, parsed)
        _link_related(parsed, made)
        audit.record(
            "competencies.framework.imported",
            actor=actor,
            target=framework,
            after={
                "code": framework.code,
                "version": framework.version,
                "areas": len(parsed.areas),
                "competencies": len(made),
                "levels": parsed.depth,
            },
            request=request,
        )
    return framework, parsed.notices


def _create_framework(parsed: moodle_csv.ParsedFramework, language: str) -> Framework:
    scale = ProficiencyScale.objects.create(
        **_translated("title", {language: f"{parsed.code} scale"})
    )
    ProficiencyLevel.objects.bulk_create(
        ProficiencyLevel(scale=scale, value=value, **_translated("name", {language: name[:100]}))
        for value, name in enumerate(parsed.scale)
    )
    return Framework.objects.create(
        code=parsed.code,
        version=next_version_number(Framework, parsed.code),
        scale=scale,
        taxonomies=parsed.taxonomies,
        scale_configuration=parsed.scale_configuration,
        description_format=parsed.description_format,
        **_translated("title", parsed.title),
        **_translated("description", parsed.description),
    )


def _create_tree(framework: Framework, parsed: moodle_csv.ParsedFramework) -> dict[str, Competency]:
    """The areas, then the competencies one level at a time (a level's rows in one insert,
    so that the next level can name their keys as parents)."""
    level: list[tuple[moodle_csv.Node, Area, Competency | None, int]] = []
    for area_order, node in enumerate(parsed.areas):
        area = Area.objects.create(
            framework=framework,
            code=node.code,
            sort_order=area_order,
            description_format=node.description_format,
            **_translated("title", node.title),
            **_translated("description", node.description),
        )
        level += [(child, area, None, order) for order, child in enumerate(node.children)]
    made: dict[str, Competency] = {}
    while level:
        rows = Competency.objects.bulk_create(
            _competency(framework, node, area, parent, order) for node, area, parent, order in level
        )
        following: list[tuple[moodle_csv.Node, Area, Competency | None, int]] = []
        for (node, area, _parent, _order), competency in zip(level, rows, strict=True):
            made[node.code] = competency
            following += [(c, area, competency, i) for i, c in enumerate(node.children)]
        level = following
    return made


def _competency(
    framework: Framework,
    node: moodle_csv.Node,
    area: Area,
    parent: Competency | None,
    order: int,
) -> Competency:
    return Competency(
        framework=framework,
        area=area,
        parent=parent,
        code=node.code,
        sort_order=order,
        description_format=node.description_format,
        rule_type=node.rule_type,
        rule_outcome=node.rule_outcome,
        rule_config=node.rule_config,
        **_translated("title", node.title),
        **_translated("description", node.description),
    )


def _link_related(parsed: moodle_csv.ParsedFramework, made: dict[str, Competency]) -> None:
    """Cross-references go both ways, as Moodle's related competencies do."""
    through = Competency.related.through
    pairs = {
        (made[node.code].pk, made[other].pk) for node in parsed.nodes() for other in node.related
    }
    pairs |= {(b, a) for a, b in pairs}
    through.objects.bulk_create(
        through(from_competency_id=a, to_competency_id=b) for a, b in sorted(pairs)
    )


def publish_framework(
    *, framework: Framework, actor: User, request: HttpRequest | None = None
) -> Framework:
    """Publish a draft; the version published before it with the same code is retired."""
    has_competencies = framework.competencies.exists()
    activate_version(
        obj=framework,
        live_status=Framework.Status.PUBLISHED,
        retired_status=Framework.Status.RETIRED,
        stamp_field="published_at",
        not_draft=_("Only a draft can be published."),
        problems=[]
        if has_competencies
        else [_("A framework without competencies cannot be published.")],
        action="competencies.framework.published",
        actor=actor,
        request=request,
    )
    return framework

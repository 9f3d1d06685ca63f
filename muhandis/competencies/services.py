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
    *, content: bytes, language: str, actor: User, request: HttpRequest | None = None
) -> tuple[Framework, list[str]]:
    """Create a draft framework from a Moodle competency-framework CSV file.

    Returns the framework and notices about what the file held that Muhandis does not use.
    Raises ``moodle_csv.ImportRefused`` with every problem found; nothing is written then.
    """
    parsed = moodle_csv.parse(content, language=language)
    with transaction.atomic():
        scale = ProficiencyScale.objects.create(
            **_translated("title", {language: f"{parsed.code} scale"})
        )
        for value, name in enumerate(parsed.scale):
            ProficiencyLevel.objects.create(
                scale=scale, value=value, **_translated("name", {language: name[:100]})
            )
        framework = Framework.objects.create(
            code=parsed.code,
            version=next_version_number(Framework, parsed.code),
            scale=scale,
            **_translated("title", parsed.title),
            **_translated("description", parsed.description),
        )
        for area_order, node in enumerate(parsed.areas):
            area = Area.objects.create(
                framework=framework,
                code=node.code,
                sort_order=area_order,
                **_translated("title", node.title),
                **_translated("description", node.description),
            )
            Competency.objects.bulk_create(
                Competency(
                    framework=framework,
                    area=area,
                    code=child.code,
                    sort_order=order,
                    **_translated("title", child.title),
                    **_translated("description", child.description),
                )
                for order, child in enumerate(node.children)
            )
        audit.record(
            "competencies.framework.imported",
            actor=actor,
            target=framework,
            after={
                "code": framework.code,
                "version": framework.version,
                "areas": len(parsed.areas),
                "competencies": sum(len(a.children) for a in parsed.areas),
            },
            request=request,
        )
    return framework, parsed.notices


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

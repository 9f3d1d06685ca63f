"""The demo reads in Uzbek, Russian and English: translated fields are filled in all three, and
what people type in one language (titles, reasons, rooms, organisations) is not English."""

import re

import pytest
from django.apps import apps
from django.db import models
from modeltranslation.translator import translator

from muhandis.exams.models import Item

pytestmark = pytest.mark.django_db

LANGUAGES = ("uz", "ru", "en")
# Words that show an English sentence or name; codes (DEMO-TEC-001) and emails do not count.
ENGLISH = re.compile(
    r"(?<![\w@.-])(the|and|of|with|for|was|were|is|are|from|to|in|on|by|this|that|not|my|our|"
    r"your|please|demo|llc|university|engineer|referee|room|online|head|department|seminar|"
    r"course|meets|record)(?![\w@.-])",
    re.IGNORECASE,
)


@pytest.fixture
def demo(demo_data, db):
    """The demo, loaded once for this module's tests."""


def _project_models():
    """Models holding what people typed; the audit trail keeps labels in the language of the
    moment they were recorded, and is left out."""
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("muhandis.") and m._meta.label != "core.AuditEntry"
    ]


def test_translated_fields_of_the_demo_are_filled_in_every_language(demo):
    checked = 0
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for row in model.objects.all():
            for field in fields:
                values = {lang: getattr(row, f"{field}_{lang}") for lang in LANGUAGES}
                if any(values.values()):
                    checked += 1
                    assert all(values.values()), (model.__name__, row.pk, field, values)
    assert checked > 50
    for item in Item.objects.prefetch_related("versions"):
        for version in item.versions.all():
            texts = version.content.get("texts") or {}
            assert all(texts.get(lang) for lang in LANGUAGES), item.code


def test_what_demo_people_typed_is_not_english(demo):
    found = []
    for model in _project_models():
        translated = set()
        if model in translator.get_registered_models():
            translated = set(translator.get_options_for_model(model).all_fields)
        for field in model._meta.get_fields():
            text = isinstance(field, models.CharField | models.TextField)
            if not text or field.choices or field.name.endswith("_en"):
                continue
            if not field.editable:  # derived (a search key of every language), not typed
                continue
            if field.name in translated and not field.name.endswith(("_uz", "_ru")):
                continue
            for pk, value in model.objects.values_list("pk", field.name):
                if value and "@" not in value and ENGLISH.search(value):
                    found.append((model.__name__, field.name, pk, value[:80]))
    assert found == []

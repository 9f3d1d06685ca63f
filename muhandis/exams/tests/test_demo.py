import pytest
from django.core.management import call_command

from muhandis.accounts.models import User
from muhandis.exams.demo import ITEMS
from muhandis.exams.formats.items import check
from muhandis.exams.marking import services as essays
from muhandis.exams.models import Answer, Item, Registration, Result, Sitting
from muhandis.exams.results import services as results

pytestmark = pytest.mark.django_db


def test_every_demo_item_meets_the_bank_s_rules():
    for code, _competency, _difficulty, draft in ITEMS:
        errors = [p for p in check(draft) if p.severity == "error"]
        assert errors == [], code


def test_the_demo_has_an_exam_to_sit_and_essays_to_mark():
    call_command("load_demo_data")
    assert Item.objects.filter(code__startswith="DEMO-").count() == len(ITEMS)
    engineer = User.objects.get(email="engineer@demo.muhandis.uz")
    waiting = Registration.objects.get(candidate=engineer)
    assert waiting.identity_checked_at is not None
    examiner = User.objects.get(email="examiner@demo.muhandis.uz")
    reviewer = User.objects.get(email="reviewer@demo.muhandis.uz")
    past = Sitting.objects.get(room="204-xona (namoyish)")
    scripts = essays.queue(reviewer, sitting=past)
    written = Answer.objects.filter(
        attempt__registration__sitting=past, version__item__kind="essay"
    ).count()
    assert len(scripts) == written > 0
    assert past.registrations.count() == 6
    for script in scripts:
        essays.give_mark(answer=script.answer, marker=examiner, percent=60)
    registrar = User.objects.get(email="registrar@demo.muhandis.uz")
    released, pending = results.release(sitting=past, actor=registrar)
    assert (released, pending) == (6, 0)
    percents = set(Result.objects.values_list("percent", flat=True))
    assert len(percents) > 1  # the demo candidates did not all answer alike

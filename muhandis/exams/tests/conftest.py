import datetime

import pytest

from muhandis.accounts.tests.factories import make_person
from muhandis.certification.tests.conftest import (  # noqa: F401 - shared fixtures
    accepted_application,
    complete_application,
    level_two,
    schemes,
)
from muhandis.competencies.models import Competency
from muhandis.exams.attempts import services as attempts
from muhandis.exams.bank import services
from muhandis.exams.models import Blueprint, Item, Registration, Sitting
from muhandis.exams.tests.support import NOW


@pytest.fixture
def sitting(examiner, registrar):
    from muhandis.certification import demo
    from muhandis.certification.models import Scheme

    demo.load(lambda line: None)
    scheme = Scheme.objects.get(code="CE-WSS-II", status=Scheme.Status.ACTIVE)
    tec = Competency.objects.filter(code="TEC-01", framework=scheme.framework)
    reviewer = make_person("examiner", two_factor=True)
    for number in range(4):
        kind = "single" if number % 2 else "numeric"
        options = [{"texts": {"en": f"Option {letter}"}} for letter in "ABC"]
        content = {"texts": {"en": f"Question {number}"}, "options": options}
        item = services.create_item(
            actor=examiner,
            code=f"TEC-01-{number:04d}",
            kind=kind,
            content=content,
            competencies=tec,
            schemes=[scheme],
        )
        version = item.versions.get()
        services.review(version=version, actor=reviewer)
        services.activate(version=version, actor=registrar)
    blueprint = Blueprint.objects.create(scheme=scheme, time_limit_minutes=30, pass_mark=70)
    blueprint.rows.create(area_code=tec.get().area.code, count=3)
    sitting = Sitting.objects.create(
        blueprint=blueprint,
        opens_at=NOW - datetime.timedelta(minutes=5),
        closes_at=NOW + datetime.timedelta(hours=2),
    )
    sitting.invigilators.add(examiner)
    return sitting


@pytest.fixture
def attempt(sitting, engineer, examiner):
    registration = Registration.objects.create(sitting=sitting, candidate=engineer, language="en")
    attempts.check_identity(registration=registration, actor=examiner)
    return attempts.start(registration=registration, actor=engineer, device="laptop", now=NOW)


@pytest.fixture
def essay_sitting(sitting, examiner, registrar):
    """The test sitting with one essay added to every form (fixed form of 3 items)."""
    scheme = sitting.blueprint.scheme
    competencies = Competency.objects.filter(code="TEC-01", framework=scheme.framework)
    reviewer = make_person("examiner", two_factor=True)
    essay = services.create_item(
        actor=examiner,
        code="TEC-01-ESSAY",
        kind="essay",
        content={"texts": {"en": "Describe a pumping station."}, "rubric": "Up to 10 points."},
        competencies=competencies,
        schemes=[scheme],
    )
    version = essay.versions.get()
    services.review(version=version, actor=reviewer)
    services.activate(version=version, actor=registrar)
    blueprint = sitting.blueprint
    blueprint.form_mode = blueprint.FormMode.FIXED
    blueprint.save()
    single = next(i for i in Item.objects.filter(kind="single"))
    numeric = next(i for i in Item.objects.filter(kind="numeric"))
    blueprint.fixed_items.set([single, numeric, essay])
    return sitting

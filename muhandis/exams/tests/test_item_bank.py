import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.accounts.tests.factories import make_person
from muhandis.competencies.models import Competency
from muhandis.core.models import AuditEntry
from muhandis.exams.bank import services
from muhandis.exams.models import ItemVersion

pytestmark = pytest.mark.django_db

CONTENT = {
    "texts": {
        "en": "A pipe of 200 mm carries 30 l/s. What is the mean velocity?",
        "uz": "200 mm quvur 30 l/s suv oʻtkazadi. Oʻrtacha tezlik qancha?",
    },
    "answer": 0.955,
    "tolerance": 0.01,
    "units": "m/s",
}


@pytest.fixture
def reviewer(db):
    return make_person("examiner", two_factor=True)


@pytest.fixture
def item(examiner):
    return services.create_item(
        actor=examiner,
        code="TEC-01-0001",
        kind="numeric",
        content=CONTENT,
        competencies=Competency.objects.filter(code="TEC-01")[:1],
    )


def test_an_item_moves_from_draft_through_review_by_another_to_active(
    item, examiner, reviewer, registrar
):
    draft = item.versions.get()
    assert draft.status == ItemVersion.Status.DRAFT
    assert draft.languages == ["uz", "en"]
    with pytest.raises(PermissionDenied, match="other than the author"):
        services.review(version=draft, actor=examiner)
    services.review(version=draft, actor=reviewer)
    with pytest.raises(PermissionDenied):
        services.activate(version=draft, actor=reviewer)  # only the exam manager
    services.activate(version=draft, actor=registrar)
    assert services.active_version(item).number == 1

    second = services.new_version(item=item, actor=examiner, content={**CONTENT, "answer": 0.96})
    assert second.number == 2
    services.review(version=second, actor=reviewer)
    services.activate(version=second, actor=registrar)
    first = item.versions.get(number=1)
    assert first.status == ItemVersion.Status.RETIRED  # one active version at a time
    assert first.content["answer"] == 0.955  # a reviewed version never changes
    actions = list(
        AuditEntry.objects.filter(target_id=str(item.pk)).values_list("action", flat=True)
    )
    assert actions.count("exams.item.activated") == 2
    assert "exams.item.reviewed" in actions


def test_items_need_a_language_a_competency_and_a_unique_code(examiner):
    tec = Competency.objects.filter(code="TEC-01")[:1]
    with pytest.raises(ValidationError, match="at least one of Uzbek"):
        services.create_item(
            actor=examiner, code="X-1", kind="essay", content={"texts": {}}, competencies=tec
        )
    with pytest.raises(ValidationError, match="at least one competency"):
        services.create_item(
            actor=examiner, code="X-1", kind="essay", content=CONTENT, competencies=[]
        )
    services.create_item(
        actor=examiner, code="X-1", kind="essay", content=CONTENT, competencies=tec
    )
    with pytest.raises(ValidationError, match="already has this code"):
        services.create_item(
            actor=examiner, code="X-1", kind="essay", content=CONTENT, competencies=tec
        )


def test_only_examiners_and_the_exam_manager_see_items_and_every_view_is_recorded(
    item, engineer, registrar, committee_member
):
    for outsider in (engineer, committee_member):
        assert not services.can_see_items(outsider)
        with pytest.raises(PermissionDenied):
            services.record_view(item=item, actor=outsider)
        with pytest.raises(PermissionDenied):
            services.create_item(
                actor=outsider, code="Y-1", kind="essay", content=CONTENT, competencies=[]
            )
    services.record_view(item=item, actor=registrar)
    assert AuditEntry.objects.filter(action="exams.item.viewed", actor=registrar).exists()


def test_retiring_needs_a_reason_and_a_version_in_use(item, examiner, reviewer, registrar):
    with pytest.raises(ValidationError, match="Say why"):
        services.retire(item=item, actor=registrar, reason=" ")
    with pytest.raises(ValidationError, match="no version in use"):
        services.retire(item=item, actor=registrar, reason="Outdated standard.")
    version = item.versions.get()
    services.review(version=version, actor=reviewer)
    services.activate(version=version, actor=registrar)
    services.retire(item=item, actor=registrar, reason="Outdated standard.")
    assert services.active_version(item) is None


def test_a_form_is_drawn_from_active_versions_in_the_candidates_language(
    examiner, reviewer, registrar
):
    from muhandis.certification import demo
    from muhandis.certification.models import Scheme
    from muhandis.exams.blueprints.drawing import draw_form
    from muhandis.exams.models import Blueprint

    demo.load(lambda line: None)
    scheme = Scheme.objects.get(code="CE-WSS-II", status=Scheme.Status.ACTIVE)
    tec = Competency.objects.filter(code="TEC-01", framework=scheme.framework)
    versions = []
    for number in range(6):
        texts = {"en": f"Question {number}"} if number < 4 else {"ru": f"Вопрос {number}"}
        item = services.create_item(
            actor=examiner,
            code=f"TEC-01-{number:04d}",
            kind="essay",
            content={"texts": texts},
            competencies=tec,
            schemes=[scheme],
        )
        version = item.versions.get()
        if number != 3:  # one English item stays a draft: never drawn
            services.review(version=version, actor=reviewer)
            services.activate(version=version, actor=registrar)
        versions.append(version)
    blueprint = Blueprint.objects.create(scheme=scheme, time_limit_minutes=60, pass_mark=70)
    blueprint.rows.create(area_code=tec.get().area.code, count=3)
    form = draw_form(blueprint, "en", seed=5)
    assert sorted(form) == sorted(v.pk for v in versions[:3])
    assert draw_form(blueprint, "en", seed=5) == form
    with pytest.raises(ValidationError, match="has 2 active items"):
        draw_form(blueprint, "ru", seed=5)
    # The pool is kept between draws, and read again as soon as the bank changes.
    services.review(version=versions[3], actor=reviewer)
    services.activate(version=versions[3], actor=registrar)
    blueprint.rows.update(count=4)
    assert sorted(draw_form(blueprint, "en", seed=5)) == sorted(v.pk for v in versions[:4])

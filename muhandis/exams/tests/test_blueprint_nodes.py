"""Issue 13, "Competency frameworks of any depth": a blueprint row may name any node of the
scheme's framework, an area (as before) or a competency at any depth, and draws the items whose
competency is in that node's subtree (docs/conformance/competency-frameworks.md)."""

import pytest
from django.core.exceptions import ValidationError

from muhandis.competencies.models import Competency
from muhandis.exams.bank import services as bank
from muhandis.exams.blueprints import services as blueprints
from muhandis.exams.blueprints.drawing import NotEnoughItems, draw_form
from muhandis.exams.blueprints.forms import BlueprintRowsForm
from muhandis.exams.blueprints.services import RowSpec
from muhandis.exams.models import Item, ItemVersion


@pytest.fixture
def nested(sitting, examiner, registrar):
    """TEC-01 (4 items, from the sitting) ⊃ TEC-01-A (1 item) ⊃ TEC-01-A-1 (2 items)."""
    from muhandis.accounts.tests.factories import make_person

    scheme = sitting.blueprint.scheme
    top = Competency.objects.get(framework=scheme.framework, code="TEC-01")
    middle = Competency.objects.create(
        framework=scheme.framework, area=top.area, parent=top, code="TEC-01-A", title="Pumps"
    )
    deep = Competency.objects.create(
        framework=scheme.framework,
        area=top.area,
        parent=middle,
        code="TEC-01-A-1",
        title="Pump curves",
    )
    reviewer = make_person("examiner", two_factor=True)
    versions = []
    for number, competency in enumerate([middle, deep, deep]):
        item = bank.create_item(
            actor=examiner,
            code=f"NEST-{number:04d}",
            kind="essay",
            content={"texts": {"en": f"Nested question {number}"}},
            competencies=[competency],
            schemes=[scheme],
        )
        version = item.versions.get()
        bank.review(version=version, actor=reviewer)
        bank.activate(version=version, actor=registrar)
        versions.append(version)
    return sitting.blueprint, top, middle, deep, versions


def save(blueprint, registrar, rows):
    return blueprints.save_blueprint(
        scheme=blueprint.scheme,
        actor=registrar,
        time_limit_minutes=30,
        pass_mark=70,
        form_mode="random",
        double_marking=False,
        marking_threshold=20,
        rows=rows,
    )


def test_a_row_naming_a_nested_competency_draws_only_items_of_its_subtree(nested, registrar):
    blueprint, _top, middle, _deep, versions = nested
    save(blueprint, registrar, [RowSpec(middle.code, None, 3)])
    for seed in range(5):
        assert sorted(draw_form(blueprint, "en", seed=seed)) == sorted(v.pk for v in versions)
    save(blueprint, registrar, [RowSpec("TEC-01-A-1", None, 2)])
    assert sorted(draw_form(blueprint, "en", seed=1)) == sorted(v.pk for v in versions[1:])
    save(blueprint, registrar, [RowSpec(middle.code, None, 4)])
    with pytest.raises(NotEnoughItems, match="has 3 active items for TEC-01-A"):
        draw_form(blueprint, "en", seed=1)


def test_coverage_counts_the_items_of_a_nested_competencys_subtree(nested, registrar):
    blueprint, top, middle, _deep, _versions = nested
    save(blueprint, registrar, [RowSpec(top.code, None, 7), RowSpec(middle.code, None, 4)])
    english = next(c for c in blueprints.coverage(blueprint) if c.language == "en")
    assert [(row.area_code, have) for row, have in english.rows] == [
        ("TEC-01", 7),
        ("TEC-01-A", 3),
    ]
    assert "has 3 active items for TEC-01-A" in english.problem


def test_a_row_naming_an_area_draws_from_the_whole_area_as_before(nested, registrar):
    blueprint, top, _middle, _deep, _versions = nested
    save(blueprint, registrar, [RowSpec(top.area.code, None, 7)])
    drawn = ItemVersion.objects.filter(pk__in=draw_form(blueprint, "en", seed=3))
    assert Item.objects.filter(versions__in=drawn).count() == 7


def test_a_code_that_names_no_node_of_the_framework_is_refused(nested, registrar):
    blueprint, *_ = nested
    with pytest.raises(ValidationError, match="NOPE is neither an area nor a competency"):
        save(blueprint, registrar, [RowSpec("NOPE", None, 1)])


def test_a_code_naming_both_an_area_and_a_competency_is_refused_and_drawing_takes_the_area(
    nested, registrar
):
    blueprint, top, _middle, _deep, _versions = nested
    area = top.area
    twin = Competency.objects.create(
        framework=area.framework, area=area, parent=top, code=area.code, title="Twin"
    )
    with pytest.raises(ValidationError, match="names both an area and a competency"):
        save(blueprint, registrar, [RowSpec(area.code, None, 1)])
    # A row stored before the competency was added still means the area.
    blueprint.rows.all().delete()
    blueprint.rows.create(area_code=twin.code, count=7)
    assert len(draw_form(blueprint, "en", seed=2)) == 7


def test_the_rows_form_lists_areas_and_nested_competencies_in_tree_order(nested):
    blueprint, top, middle, deep, _versions = nested
    choices = dict(BlueprintRowsForm(framework=blueprint.scheme.framework).fields["area_0"].choices)
    codes = list(choices)
    assert codes.index(top.area.code) < codes.index(top.code) < codes.index(middle.code)
    assert codes.index(middle.code) < codes.index(deep.code)
    assert "TEC-01-A-1" in choices[deep.code]
    assert "TEC-01-A" in choices[deep.code]

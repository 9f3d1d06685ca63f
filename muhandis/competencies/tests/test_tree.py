"""Frameworks are trees of any depth: areas on top, competencies nested under them (issue 13,
"Competency frameworks of any depth"; decision 0008)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from lxml import html as lxml_html

from muhandis.competencies import selectors
from muhandis.competencies.models import Area, Competency, Framework

pytestmark = pytest.mark.django_db


@pytest.fixture
def core():
    return Framework.objects.get(code="MUHANDIS-CORE", version=1)


@pytest.fixture
def deep(core):
    """TEC-01 › TEC-01.1 › TEC-01.1.1 › TEC-01.1.1.a under the area TEC: four levels of
    competencies, deeper than Moodle's example framework."""
    area = core.areas.get(code="TEC")
    top = core.competencies.get(code="TEC-01")
    made = [top]
    for order, code in enumerate(["TEC-01.1", "TEC-01.1.1", "TEC-01.1.1.a"]):
        made.append(
            Competency.objects.create(
                framework=core,
                area=area,
                parent=made[-1],
                code=code,
                title_uz=code,
                title_en=f"Level {order + 2}",
                sort_order=order,
            )
        )
    sibling = Competency.objects.create(
        framework=core, area=area, parent=top, code="TEC-01.2", title_uz="b", sort_order=5
    )
    return [*made, sibling]


def test_children_ancestors_subtree_and_depth_follow_the_tree(deep):
    top, one, two, three, sibling = deep
    assert list(selectors.children(top)) == [one, sibling]
    assert selectors.ancestors(three) == [top, one, two]
    assert selectors.ancestors(top) == []
    assert [selectors.depth(c) for c in (top, one, two, three)] == [1, 2, 3, 4]
    assert selectors.subtree(top) == [top, one, two, three, sibling]
    assert [c.tree_depth for c in selectors.subtree(top)] == [0, 1, 2, 3, 1]
    assert selectors.subtree_ids(two) == [two.pk, three.pk]


def test_ancestors_and_subtree_are_one_query_each(deep, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.ancestors(deep[3])
    with django_assert_num_queries(1):
        selectors.subtree(deep[0])


def test_the_whole_tree_is_read_in_two_queries(core, deep, django_assert_num_queries):
    with django_assert_num_queries(2):
        tree = selectors.tree_of(core)
    technical = next(t for t in tree if t.area.code == "TEC")
    assert technical.height == 4
    codes = [(n.code, n.depth, n.parent_code) for n in technical.nodes()][:6]
    assert codes == [
        ("TEC-01", 1, "TEC"),
        ("TEC-01.1", 2, "TEC-01"),
        ("TEC-01.1.1", 3, "TEC-01.1"),
        ("TEC-01.1.1.a", 4, "TEC-01.1.1"),
        ("TEC-01.2", 2, "TEC-01"),
        ("TEC-02", 1, "TEC"),
    ]


def test_a_parent_must_be_in_the_same_framework_and_area(core, deep):
    other_area = core.areas.get(code="LEG")
    stray = Competency(framework=core, area=other_area, parent=deep[0], code="LEG-99", title_uz="x")
    with pytest.raises(ValidationError) as refused:
        stray.full_clean()
    assert "parent" in refused.value.message_dict


def test_a_competency_cannot_be_placed_under_its_own_descendant(deep):
    top = deep[0]
    top.parent = deep[3]
    with pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert "parent" in refused.value.message_dict


def test_the_database_refuses_a_competency_that_is_its_own_parent(deep):
    with pytest.raises(IntegrityError), transaction.atomic():
        Competency.objects.filter(pk=deep[1].pk).update(parent=deep[1].pk)


def test_what_points_at_competencies_can_point_at_any_node(core, deep):
    """Every node is a Competency in an area, so area-based reads (blueprints, feedback per
    area) and competency foreign keys keep working for nested nodes."""
    leaf = deep[3]
    assert leaf.area.code == "TEC"
    assert Area.objects.filter(competencies=leaf).get().code == "TEC"
    assert core.competencies.filter(area__code="TEC", pk=leaf.pk).exists()


def test_the_framework_page_shows_the_tree_as_nested_lists_under_headings(client, core, deep):
    page = client.get(f"/en/competencies/{core.public_id}/")
    assert page.status_code == 200
    document = lxml_html.fromstring(page.content)
    area_heading = document.xpath("//section/h3[code='TEC']")[0]
    section = area_heading.getparent()
    assert section.get("aria-labelledby") == area_heading.get("id")
    leaf = section.xpath(".//li[code='TEC-01.1.1.a']")[0]
    ancestors = [
        li.findtext("code") or li.xpath("string(./h4/code)") for li in leaf.iterancestors("li")
    ]
    assert ancestors == ["TEC-01.1.1", "TEC-01.1", "TEC-01"]
    # the competency with competencies under it is a heading, so heading navigation reaches it
    assert document.xpath("//li/h4[code='TEC-01']")
    # nothing on the tree needs a pointer: no scripts or click handlers, only lists and text
    assert not document.xpath("//section//*[@onclick]")


def test_the_profiles_table_says_where_a_nested_competency_sits(client, core, deep):
    from muhandis.competencies.models import RequiredLevel

    RequiredLevel.objects.create(profile=core.profiles.get(code="PM"), competency=deep[2], level=2)
    with translation.override("en"):
        page = client.get(f"/en/competencies/{core.public_id}/").content.decode()
    assert "under TEC-01.1:" in page


def test_descriptions_keep_their_html_and_are_never_run(core):
    """HTML descriptions are kept as HTML (not flattened) and shown sanitised."""
    from muhandis.competencies.models import DescriptionFormat

    competency = core.competencies.get(code="TEC-02")
    competency.description = "<p>Sizes <b>pipes</b><script>alert(1)</script></p>"
    competency.description_format = DescriptionFormat.HTML
    shown = competency.description_html()
    assert "<script>" not in shown
    assert "<b>pipes</b>" in shown


def test_forms_list_competencies_in_tree_order_naming_their_parent(core, deep):
    with translation.override("en"):
        choices = selectors.tree_choices(core.competencies.filter(area__code="TEC"))
    labels = [label for _pk, label in choices]
    start = labels.index(next(label for label in labels if label.startswith("TEC-01 ")))
    assert [label.strip("\u2003").split(" ")[0] for label in labels[start : start + 5]] == [
        "TEC-01",
        "TEC-01.1",
        "TEC-01.1.1",
        "TEC-01.1.1.a",
        "TEC-01.2",
    ]
    assert labels[start + 3].startswith("\u2003" * 3)
    assert labels[start + 3].endswith("(under TEC-01.1.1)")


def test_a_nested_competency_belongs_to_its_whole_lineage(core, deep, django_assert_num_queries):
    """What a blueprint row naming any node (an area, or a competency at any depth) matches."""
    leaf, top = deep[3], deep[0]
    with django_assert_num_queries(1):
        lineage = selectors.lineage_codes([leaf.pk, top.pk])
    assert lineage[leaf.pk] == {"TEC", "TEC-01", "TEC-01.1", "TEC-01.1.1", "TEC-01.1.1.a"}
    assert lineage[top.pk] == {"TEC", "TEC-01"}

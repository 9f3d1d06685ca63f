"""Forms of other apps that list competencies show the framework's nesting (issue 13,
"Competency frameworks of any depth"): in tree order, each nested competency indented and
naming the one it sits under."""

import pytest

from muhandis.competencies.models import Competency, Framework
from muhandis.cpd.forms import ActivityForm
from muhandis.exams.bank.forms import ItemForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def nested():
    core = Framework.objects.get(code="MUHANDIS-CORE", version=1)
    top = core.competencies.get(code="TEC-01")
    child = Competency.objects.create(
        framework=core, area=top.area, parent=top, code="TEC-01.1", title_uz="a", title_en="a"
    )
    return Competency.objects.create(
        framework=core, area=top.area, parent=child, code="TEC-01.1.1", title_uz="b", title_en="b"
    )


@pytest.mark.parametrize("form_class", [ActivityForm, ItemForm])
def test_forms_list_nested_competencies_under_their_parent(nested, form_class):
    labels = [label for _pk, label in form_class().fields["competencies"].choices]
    codes = [label.strip().split(" ")[0] for label in labels]
    assert codes.index("TEC-01") < codes.index("TEC-01.1") < codes.index("TEC-01.1.1")
    assert codes.index("TEC-01.1.1") < codes.index("TEC-02")
    assert labels[codes.index("TEC-01.1.1")].endswith("(under TEC-01.1)")

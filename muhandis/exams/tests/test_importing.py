import pytest
from django.core.exceptions import ValidationError

from muhandis.core.models import AuditEntry
from muhandis.exams.bank.importing import import_bank, read_bank
from muhandis.exams.models import Item, ItemVersion

pytestmark = pytest.mark.django_db

GIFT = """// Hydraulics, level II
::Velocity:: A 200 mm pipe carries 30 l/s. Mean velocity in m/s? {#0.955:0.01}

::Material:: Hazen-Williams C of new PVC pipe? {=150 ~100 ~80}
"""


def test_a_gift_bank_is_previewed_then_imported_as_drafts(examiner):
    result = read_bank("hydraulics.gift", GIFT.encode(), "en", default_competencies=("TEC-01",))
    assert result.errors == []
    assert [item.kind for item in result.items] == ["numeric", "single"]
    assert not Item.objects.exists()  # reading writes nothing
    items = import_bank(result=result, actor=examiner, code_prefix="TEC-01-")
    assert [item.code for item in items] == ["TEC-01-0001", "TEC-01-0002"]
    version = ItemVersion.objects.get(item=items[0])
    assert version.status == ItemVersion.Status.DRAFT
    assert version.content["answer"] == pytest.approx(0.955)
    assert version.languages == ["en"]
    assert AuditEntry.objects.filter(action="exams.item.created").count() == 2


def test_unknown_codes_and_broken_questions_are_listed_and_nothing_is_imported(examiner):
    broken = GIFT + "\n::Broken:: Which contract? {=Red Book ~Yellow Book\n"
    result = read_bank("bank.gift", broken.encode(), "en", default_competencies=("NOPE-99",))
    messages = [p.message for p in result.errors]
    assert any("NOPE-99" in m for m in messages)
    assert any(p.line == 6 for p in result.errors)  # the broken question starts on line 6
    with pytest.raises(ValidationError, match="nothing was imported"):
        import_bank(result=result, actor=examiner, code_prefix="X-")
    assert not Item.objects.exists()


def test_a_file_of_another_kind_is_explained():
    result = read_bank("bank.pdf", b"%PDF-1.4", "en")
    assert "Upload a GIFT" in result.errors[0].message

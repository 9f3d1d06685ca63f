import pytest

from muhandis.accounts import demo as accounts_demo
from muhandis.billing import demo as billing_demo
from muhandis.consultations import demo
from muhandis.consultations.models import Comment, Consultation, Status
from muhandis.membership import demo as membership_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_consultation_with_comments_and_a_responded_one():
    lines: list[str] = []
    accounts_demo.load(lines.append)
    billing_demo.load(lines.append)
    membership_demo.load(lines.append)
    demo.load(lines.append)
    water = Consultation.objects.get(title_en__startswith="Rules for the design of water")
    pumps = Consultation.objects.get(title_en__startswith="Energy efficiency")
    assert water.status == Status.OPEN
    assert water.summary_ru
    assert water.summary_en
    assert water.clauses.count() == 8
    assert Comment.objects.filter(clause__consultation=water).count() >= 4
    assert pumps.status == Status.RESPONDED
    assert pumps.response_en
    counts = (Consultation.objects.count(), Comment.objects.count())
    demo.load(lines.append)
    assert counts == (Consultation.objects.count(), Comment.objects.count())

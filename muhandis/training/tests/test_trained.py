import pytest

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.training.selectors import trained

from .factories import EnrolmentFactory
from .factories_attendance import ended_session

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("paid", True),
        ("attended", True),
        ("completed", True),
        ("not_completed", True),
        ("confirmed", False),
        ("waitlisted", False),
        ("cancelled", False),
    ],
)
def test_a_trainer_trained_people_who_took_their_session(trainer, status, expected):
    session = ended_session(trainer=trainer, days=1)
    enrolment = EnrolmentFactory(session=session, status=status)
    assert trained(trainer=trainer, person=enrolment.person) is expected
    assert trained(trainer=make_person(Role.TRAINER), person=enrolment.person) is False
    assert trained(trainer=enrolment.person, person=trainer) is False

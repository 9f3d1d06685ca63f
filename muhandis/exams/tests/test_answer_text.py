"""A typed answer with control characters is refused with what to do, and nothing is saved;
an essay keeps its line breaks."""

import pytest

from muhandis.exams.attempts import services as attempts
from muhandis.exams.models import Answer, Registration
from muhandis.exams.tests.support import NOW, item_of_kind

pytestmark = pytest.mark.django_db


@pytest.fixture
def essay_attempt(essay_sitting, engineer, examiner):
    registration = Registration.objects.create(
        sitting=essay_sitting, candidate=engineer, language="en"
    )
    attempts.check_identity(registration=registration, actor=examiner)
    return attempts.start(registration=registration, actor=engineer, device="laptop", now=NOW)


def test_an_essay_with_a_null_byte_is_refused(essay_attempt, engineer):
    essay = item_of_kind(essay_attempt, "essay")
    with pytest.raises(attempts.Refused) as refused:
        attempts.save_answer(
            attempt=essay_attempt,
            actor=engineer,
            version_id=essay.pk,
            response={"text": "The pump\x00station"},
            now=NOW,
        )
    assert "invisible control characters" in refused.value.messages[0]
    assert not Answer.objects.exists()


def test_an_essay_keeps_its_line_breaks(essay_attempt, engineer):
    essay = item_of_kind(essay_attempt, "essay")
    attempts.save_answer(
        attempt=essay_attempt,
        actor=engineer,
        version_id=essay.pk,
        response={"text": "First,\r\n\tthe intake.\nThen the pumps."},
        now=NOW,
    )
    assert Answer.objects.get().response["text"].startswith("First,\r\n\t")

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from muhandis.certification import demo, services
from muhandis.certification.models import Scheme

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def schemes(db):
    demo.load(lambda line: None)
    return {s.code: s for s in Scheme.objects.all()}


@pytest.fixture
def level_two(schemes):
    return schemes["CE-WSS-II"]


def pdf_upload(name="diploma.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def complete_application(engineer, level_two):
    """An application that meets every requirement of level II, not yet submitted."""
    application = services.start_application(candidate=engineer, scheme=level_two)
    services.add_education(
        application=application,
        actor=engineer,
        level="bachelor",
        institution="TDTU",
        field="Water supply",
        year=2012,
    )
    services.add_experience(
        application=application,
        actor=engineer,
        employer="Suvloyiha",
        position="Design engineer",
        start_date=datetime.date(2015, 1, 1),
        end_date=None,
    )
    for index in range(level_two.referees_required):
        services.add_referee(
            application=application,
            actor=engineer,
            name=f"Referee {index}",
            email=f"referee{index}@example.uz",
            relation="my manager",
        )
    services.add_evidence(
        application=application, actor=engineer, upload=pdf_upload(), kind="diploma"
    )
    return application


@pytest.fixture
def accepted_application(complete_application, engineer, registrar):
    services.submit_application(
        application=complete_application,
        actor=engineer,
        accept_code_of_conduct=True,
        accept_data_processing=True,
    )
    services.decide_eligibility(
        application=complete_application, actor=registrar, decision="accept", reason=""
    )
    complete_application.refresh_from_db()
    return complete_application


@pytest.fixture
def second_member(db):
    from muhandis.accounts.tests.factories import make_person

    return make_person("committee", two_factor=True)


@pytest.fixture
def assessed_application(accepted_application, examiner, registrar):
    """Assessed and examined: ready for the committee's vote."""
    assessment = services.assign_assessor(
        application=accepted_application, assessor=examiner, actor=registrar
    )
    services.declare_conflict(assessment=assessment, actor=examiner, has_conflict=False)
    for item in accepted_application.scheme.competencies.select_related("competency"):
        services.record_finding(
            assessment=assessment,
            actor=examiner,
            competency=item.competency,
            level=item.level,
            evidence="Design reports reviewed.",
        )
    services.complete_assessment(
        assessment=assessment,
        actor=examiner,
        recommendation="grant",
        note="Meets every required level.",
    )
    services.record_exam_result(application=accepted_application, actor=examiner, score=82)
    return accepted_application

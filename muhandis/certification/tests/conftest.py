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

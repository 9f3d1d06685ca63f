"""The certification workflow's fixtures, reused, and a certificate with its credential."""

import pytest

from muhandis.certification.tests.conftest import (  # noqa: F401
    accepted_application,
    assessed_application,
    complete_application,
    level_two,
    schemes,
    second_member,
)


@pytest.fixture
def record(settings, assessed_application, committee_member, second_member):  # noqa: F811
    """A granted certificate and its signed credential, issued by did:web:register.uzace.uz."""
    from muhandis.certification import services
    from muhandis.certification.models import Certificate
    from muhandis.credentials.services import issuing, keys

    settings.SITE_URL = "https://register.uzace.uz"
    keys.create_key()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return issuing.issue_credential(Certificate.objects.get())

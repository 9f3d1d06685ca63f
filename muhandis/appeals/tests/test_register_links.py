import pytest

from muhandis.certification import services
from muhandis.certification.models import Certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application, actor=member, outcome="grant", reasons="Competent."
        )
    return Certificate.objects.get()


def test_anyone_reaches_the_complaint_form_from_the_register_and_the_verification_page(
    client, certificate
):
    complain = f"/en/appeals/complaints/new/{certificate.number}/"
    register = client.get("/en/certification/register/", {"q": certificate.number}).content
    assert complain in register.decode()
    verify = client.get(f"/verify/{certificate.number}", HTTP_ACCEPT_LANGUAGE="en").content
    assert "/appeals/complaints/new/" + certificate.number in verify.decode()

import pytest

pytestmark = pytest.mark.django_db


def test_the_holder_sees_cpd_progress_and_the_way_to_renew_on_the_certificate_page(
    client, certificate, registrar
):
    from muhandis.cpd.tests.conftest import verified

    verified(certificate.holder, registrar, hours="12")
    client.force_login(certificate.holder)
    page = client.get(f"/en/certification/certificates/{certificate.public_id}/").content.decode()
    assert "Continuing professional development" in page
    assert "12 of" in page
    assert f"/en/cpd/renewal/{certificate.public_id}/" in page

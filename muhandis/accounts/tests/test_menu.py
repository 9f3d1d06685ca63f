"""The staff menu is made of the links each app adds for its roles."""

import pytest

from muhandis.accounts.menu import staff_links

pytestmark = pytest.mark.django_db


def test_each_app_adds_its_staff_pages_and_people_see_only_their_roles(
    client, registrar, examiner, engineer
):
    names = [link.url_name for link in staff_links()]
    for expected in (
        "accounts:audit",
        "certification:registrar_queue",
        "cpd:verification_queue",
        "appeals:appeals_queue",
        "exams:staff_sittings",
    ):
        assert expected in names
    assert len(names) == len(set(names))
    client.force_login(registrar)
    page = client.get("/en/dashboard/").content.decode()
    assert "Exam sittings" in page
    assert "Applications" in page
    assert "Essays to mark" not in page  # the examiners' page
    client.force_login(examiner)
    page = client.get("/en/dashboard/").content.decode()
    assert "Essays to mark" in page
    assert "Audit trail" not in page
    client.force_login(engineer)
    page = client.get("/en/dashboard/").content.decode()
    assert "Exam sittings" not in page

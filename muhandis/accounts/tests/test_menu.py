"""The staff menu is made of the links each app adds for its roles."""

import re

import pytest

from muhandis.accounts import services
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


def test_the_menu_groups_each_domains_pages_and_marks_the_page_open(client, registrar, examiner):
    from muhandis.accounts.roles import Role

    services.grant_role(user=registrar, role=Role.EXAMINER, actor=None, reason="both")
    client.force_login(registrar)
    html = client.get("/en/exams/staff/sittings/").content.decode()
    sidebar = html[
        html.index('id="work-menu"') : html.index("</nav>", html.index('id="work-menu"'))
    ]
    headings = re.findall(r'class="site-sidebar-heading"[^>]*>([^<]+)<', sidebar)
    assert headings == [
        "Dashboards",
        "Membership",
        "Training",
        "Invoices and payments",
        "Certification",
        "Examinations",
        "Professional development",
        "Appeals and complaints",
        "Community",
        "Administration",
    ]
    exams = sidebar[sidebar.index(">Examinations<") : sidebar.index(">Professional development<")]
    for label in ("My exams", "Item bank", "Essays to mark"):
        assert label in exams
    assert re.search(r'href="/en/exams/staff/sittings/" aria-current="page"', sidebar)
    assert sidebar.count('aria-current="page"') == 1


def test_a_link_to_a_group_nobody_opened_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from muhandis.accounts.menu import add_staff_link

    with pytest.raises(ImproperlyConfigured):
        add_staff_link("home", "Home", None, group="no-such-domain")

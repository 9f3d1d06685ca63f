import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.consultations.models import Comment, CommentRevision, Status
from muhandis.consultations.services import comments
from muhandis.core.models import AuditEntry
from tests.visible import read

from .factories import make_comment, make_consultation, make_firm_member, make_member

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _comment_url(consultation, clause):
    return reverse("consultations:comment", args=[consultation.public_id, clause.pk])


def _post(client, consultation, clause, **values):
    data = {f"c{clause.pk}-{k}": v for k, v in values.items()}
    return client.post("/en" + _comment_url(consultation, clause)[3:], data)


def _page(client, consultation):
    return client.get(f"/en/consultations/{consultation.public_id}/")


def test_a_member_comments_on_a_clause_and_sees_it_on_the_page(client):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    member = make_member(given_name="Dilnoza", family_name="Karimova", preferred_language="en")
    client.force_login(member)
    response = _post(
        client, consultation, clause, position="support", text="The pipe sizes are right."
    )
    assert response.status_code == 302
    text = read(_page(client, consultation).content.decode())[0]
    assert "The pipe sizes are right." in text
    assert "Dilnoza Karimova" in text
    assert "Support: 1" in text
    assert AuditEntry.objects.filter(action="consultations.comment.posted").count() == 1


def test_a_second_comment_on_the_same_clause_replaces_the_first_and_keeps_it(client):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    member = make_member(preferred_language="en")
    client.force_login(member)
    _post(client, consultation, clause, position="support", text="First thought.")
    _post(
        client,
        consultation,
        clause,
        position="suggest",
        text="On reflection, change it.",
        proposed_wording="Pipes of at least 110 mm.",
    )
    comment = Comment.objects.get(clause=clause, author=member)
    assert (comment.position, comment.text) == ("suggest", "On reflection, change it.")
    assert comment.revisions == 1
    earlier = CommentRevision.objects.get(comment=comment)
    assert (earlier.position, earlier.text) == ("support", "First thought.")
    assert AuditEntry.objects.filter(action="consultations.comment.revised").exists()
    text = read(_page(client, consultation).content.decode())[0]
    assert "Support: 0" in text
    assert "Suggest a change: 1" in text
    assert "First thought." not in text


@pytest.mark.parametrize(
    ("status", "opens", "closes", "said"),
    [
        (Status.CLOSED, -30, -2, "closed for comments on"),
        # Still marked open: the daily run has not closed it, the date does.
        (Status.OPEN, -30, -1, "closed for comments on"),
        (Status.OPEN, 3, 20, "opens for comments on"),
        (Status.RESPONDED, -30, -5, "closed for comments on"),
    ],
)
def test_commenting_outside_the_dates_is_refused_and_the_text_is_kept(
    client, status, opens, closes, said
):
    today = TODAY()
    consultation = make_consultation(
        status=status,
        opens=today + datetime.timedelta(days=opens),
        closes=today + datetime.timedelta(days=closes),
    )
    clause = consultation.clauses.first()
    member = make_member(preferred_language="en")
    client.force_login(member)
    typed = "A long and careful comment about pipe diameters & pressures."
    response = _post(
        client, consultation, clause, position="oppose", text=typed, proposed_wording="Keep 90 mm"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert said in read(page)[0]
    assert html.escape(typed) in page  # still in the form's text area
    assert "Keep 90 mm" in page
    assert not Comment.objects.exists()


def test_an_engineer_who_is_not_a_member_is_refused_on_a_members_only_consultation(client):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    outsider = make_person(Role.ENGINEER, preferred_language="en")
    client.force_login(outsider)
    page = read(_page(client, consultation).content.decode())[0]
    assert "for members of the association" in page
    assert "Send my comment" not in page
    response = _post(client, consultation, clause, position="support", text="I agree.")
    assert response.status_code == 400
    assert "Join the association to comment" in read(response.content.decode())[0]
    assert "I agree." in response.content.decode()
    assert not Comment.objects.exists()


def test_staff_of_a_member_firm_may_comment_and_the_firm_is_named(client):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    person, firm = make_firm_member(preferred_language="en")
    client.force_login(person)
    assert (
        _post(client, consultation, clause, position="neutral", text="No view.").status_code == 302
    )
    assert Comment.objects.get().organisation == firm


def test_every_signed_in_engineer_may_comment_where_the_consultation_says_so():
    consultation = make_consultation(audience="engineers")
    outsider = make_person(Role.ENGINEER)
    comments.comment_on_clause(
        actor=outsider, clause=consultation.clauses.first(), position="support", text="Yes."
    )
    stranger = make_person(None)
    with pytest.raises(ValidationError, match="engineer role"):
        comments.comment_on_clause(
            actor=stranger, clause=consultation.clauses.first(), position="support", text="Yes."
        )


def test_suggesting_a_change_needs_the_proposed_wording(client):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    client.force_login(make_member(preferred_language="en"))
    response = _post(client, consultation, clause, position="suggest", text="Change it.")
    assert response.status_code == 400
    assert "Give the wording you propose" in read(response.content.decode())[0]


def test_the_public_reads_the_draft_and_the_counts_but_not_the_comments(client):
    consultation = make_consultation()
    clause = consultation.clauses.first()
    make_comment(clause, make_member(), "oppose", text="Members-only reasoning.")
    text = read(_page(client, consultation).content.decode())[0]
    assert "Bandning matni 1" in text
    assert "Oppose: 1" in text
    assert "Members-only reasoning." not in text
    assert "Sign in" in text


def test_a_draft_is_not_shown_to_the_public(client):
    consultation = make_consultation(status=Status.DRAFT)
    assert _page(client, consultation).status_code == 404
    assert consultation.title_en not in client.get("/en/consultations/").content.decode()


def test_the_list_shows_open_and_past_consultations(client):
    make_consultation(title_en="Draft water rules")
    make_consultation(
        status=Status.RESPONDED,
        title_en="Pump standard",
        opens=TODAY() - datetime.timedelta(days=60),
        closes=TODAY() - datetime.timedelta(days=30),
    )
    text = read(client.get("/en/consultations/").content.decode())[0]
    assert text.index("Draft water rules") < text.index("Past consultations")
    assert text.index("Pump standard") > text.index("Past consultations")
    assert "Response published" in text


def test_the_consultation_page_stays_within_ten_queries_with_many_comments(
    client, django_assert_max_num_queries
):
    consultation = make_consultation(clauses=8)
    clauses = list(consultation.clauses.all())
    for index in range(12):
        person, firm = make_firm_member()
        for clause in clauses[: 2 + index % 6]:
            make_comment(
                clause, person, ["support", "oppose", "suggest"][index % 3], organisation=firm
            )
    reader = make_member(preferred_language="en")
    make_comment(clauses[0], reader, "neutral", text="My own view.")
    client.force_login(reader)
    _page(client, consultation)
    with django_assert_max_num_queries(10):
        response = _page(client, consultation)
    text = read(response.content.decode())[0]
    assert "My own view." in text
    assert "Suvloyiha" in text
    assert "Change your comment on clause 1.1" in text


def test_a_draft_takes_no_comments():
    consultation = make_consultation(status=Status.DRAFT)
    with pytest.raises(ValidationError, match="not published yet"):
        comments.comment_on_clause(
            actor=make_member(),
            clause=consultation.clauses.first(),
            position="support",
            text="Early.",
        )

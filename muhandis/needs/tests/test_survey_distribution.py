import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from muhandis.accounts import services as accounts
from muhandis.accounts.models import Region
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import OrganisationFactory, make_person
from muhandis.core.models import AuditEntry
from muhandis.needs import tasks
from muhandis.needs.models import Invitation
from muhandis.needs.services import distribution

from .factories import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return run


def test_everyone_with_a_role_is_invited_with_their_language_region_and_gender(settings):
    tashkent = Region.objects.get(code="UZ-TK")
    ru = make_person(Role.ENGINEER, preferred_language="ru", region=tashkent, gender="female")
    uz = make_person(Role.ENGINEER, preferred_language="uz")
    make_person(Role.TRAINER)
    survey = make_survey(areas=("FIN",))
    result = distribution.invite_role(
        actor=None, survey=survey, role=Role.ENGINEER, distribution="Members"
    )
    assert result.created == 2
    invitation = Invitation.objects.get(email=ru.email)
    assert (invitation.language, invitation.region, invitation.gender) == ("ru", tashkent, "female")
    assert (invitation.distribution, invitation.kind) == ("Members", "self")
    assert Invitation.objects.get(email=uz.email).language == "uz"


def test_inviting_twice_is_reported_and_not_repeated():
    person = make_person(Role.ENGINEER)
    survey = make_survey(areas=("FIN",))
    distribution.invite_role(actor=None, survey=survey, role=Role.ENGINEER, distribution="A")
    again = distribution.invite_emails(
        actor=None, survey=survey, text=f"{person.email.upper()}\nnew@firm.uz", distribution="B"
    )
    assert (again.created, again.already) == (1, [person.email])
    assert Invitation.objects.filter(survey=survey).count() == 2
    entry = AuditEntry.objects.filter(action="needs.invitations.added").order_by("sequence").last()
    assert entry.after["already_invited"] == 1


def test_the_same_address_may_answer_as_engineer_and_as_supervisor():
    survey = make_survey(areas=("FIN",))
    for kind in ("self", "supervisor"):
        distribution.invite_emails(
            actor=None, survey=survey, text="boss@firm.uz", distribution="L", kind=kind
        )
    assert Invitation.objects.filter(email="boss@firm.uz").count() == 2


def test_representatives_and_employers_are_invited_as_supervisors():
    employer = make_person(Role.EMPLOYER)
    representative = make_person(None)
    accounts.link_person(
        person=representative,
        organisation=OrganisationFactory(),
        relation="representative",
        actor=None,
    )
    make_person(Role.ENGINEER)
    survey = make_survey(areas=("FIN",))
    distribution.invite_supervisors(actor=None, survey=survey, distribution="Employers")
    invited = set(Invitation.objects.values_list("email", "kind"))
    assert invited == {(employer.email, "supervisor"), (representative.email, "supervisor")}


def test_a_pasted_list_names_each_line_that_is_not_an_address():
    survey = make_survey(areas=("FIN",))
    with pytest.raises(ValidationError) as refused:
        distribution.invite_emails(
            actor=None,
            survey=survey,
            text="a@firm.uz\n\nnot an address\nb@firm.uz\nc@@firm",
            distribution="Event",
        )
    messages = refused.value.message_dict["emails"]
    assert [m.split(":")[0] for m in messages] == ["Line 3", "Line 5"]
    assert not Invitation.objects.exists()


def test_unregistered_addresses_get_the_chosen_or_the_association_language(settings):
    settings.LANGUAGE_CODE = "uz"
    survey = make_survey(areas=("FIN",))
    distribution.invite_emails(actor=None, survey=survey, text="a@firm.uz", distribution="L")
    distribution.invite_emails(
        actor=None, survey=survey, text="b@firm.uz", distribution="L", language="ru"
    )
    assert dict(Invitation.objects.values_list("email", "language")) == {
        "a@firm.uz": "uz",
        "b@firm.uz": "ru",
    }


def test_a_closed_survey_invites_nobody_and_a_kind_it_does_not_ask_is_refused():
    survey = make_survey(areas=("FIN",), kinds=["self"])
    with pytest.raises(ValidationError):
        distribution.invite_supervisors(actor=None, survey=survey, distribution="E")
    survey.status = "closed"
    survey.save()
    with pytest.raises(ValidationError):
        distribution.invite_emails(actor=None, survey=survey, text="a@firm.uz", distribution="L")


def test_invitations_are_sent_once_each_in_the_persons_language(send, mailoutbox):
    make_person(Role.ENGINEER, preferred_language="ru", email="ru@firm.uz")
    make_person(Role.ENGINEER, preferred_language="uz", email="uz@firm.uz")
    survey = make_survey(areas=("FIN",))
    distribution.invite_role(actor=None, survey=survey, role=Role.ENGINEER, distribution="M")
    assert send(distribution.send_invitations, survey=survey) == 2
    assert send(distribution.send_invitations, survey=survey) == 0
    to_ru = next(m for m in mailoutbox if m.to == ["ru@firm.uz"])
    invitation = Invitation.objects.get(email="ru@firm.uz")
    assert f"/ru/needs/i/{invitation.token}/" in to_ru.body
    assert survey.title_ru in to_ru.subject
    to_uz = next(m for m in mailoutbox if m.to == ["uz@firm.uz"])
    assert survey.title_uz in to_uz.subject
    assert "/uz/needs/i/" in to_uz.body
    assert AuditEntry.objects.get(action="needs.invitations.sent").after == {"sent": 2}


def test_a_draft_survey_sends_nothing_and_the_task_waits_for_it_to_open(mailoutbox):
    survey = make_survey(areas=("FIN",), status="draft")
    distribution.invite_emails(actor=None, survey=survey, text="a@firm.uz", distribution="L")
    with pytest.raises(ValidationError):
        distribution.send_invitations(survey=survey)
    assert tasks.send_survey_invitations.call(survey.pk) == 0
    assert not mailoutbox


def test_reminders_go_every_few_days_at_most_the_configured_times(send, mailoutbox, settings):
    settings.NEEDS_REMINDER_DAYS = 7
    settings.NEEDS_MAX_REMINDERS = 2
    survey = make_survey(areas=("FIN",))
    distribution.invite_emails(
        actor=None, survey=survey, text="late@firm.uz\ndone@firm.uz", distribution="L"
    )
    start = timezone.now()
    send(distribution.send_invitations, survey=survey, now=start)
    Invitation.objects.filter(email="done@firm.uz").update(answered_at=start)
    mailoutbox.clear()
    with time_machine.travel(start + datetime.timedelta(days=6), tick=False):
        assert send(distribution.send_reminders) == 0
    with time_machine.travel(start + datetime.timedelta(days=7, minutes=1), tick=False):
        assert send(distribution.send_reminders) == 1
        assert send(distribution.send_reminders) == 0
    with time_machine.travel(start + datetime.timedelta(days=10), tick=False):
        assert send(distribution.send_reminders) == 0
    with time_machine.travel(start + datetime.timedelta(days=14, minutes=2), tick=False):
        assert send(distribution.send_reminders) == 1
    with time_machine.travel(start + datetime.timedelta(days=30), tick=False):
        assert send(distribution.send_reminders) == 0  # two reminders at most
    assert [m.to for m in mailoutbox] == [["late@firm.uz"], ["late@firm.uz"]]
    invitation = Invitation.objects.get(email="late@firm.uz")
    assert invitation.reminders == 2
    assert "/uz/needs/i/" in mailoutbox[0].body


def test_reminders_stop_when_the_survey_closes(send, mailoutbox):
    survey = make_survey(areas=("FIN",))
    distribution.invite_emails(actor=None, survey=survey, text="a@firm.uz", distribution="L")
    send(distribution.send_invitations, survey=survey)
    survey.status = "closed"
    survey.save()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8), tick=False):
        assert send(distribution.send_reminders) == 0


def test_the_daily_command_sends_the_reminders(send, capsys):
    survey = make_survey(areas=("FIN",))
    distribution.invite_emails(actor=None, survey=survey, text="a@firm.uz", distribution="L")
    send(distribution.send_invitations, survey=survey)
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    call_command("send_needs_reminders")
    assert "reminders sent: 1" in capsys.readouterr().out

"""Every page and API endpoint checks access on the server.

The URL walk makes a page added later without a check fail here, unless it is listed as public.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from muhandis.accounts.roles import Role

pytestmark = pytest.mark.django_db


# (url name, kwargs, roles allowed)
ROLE_PAGES = [
    ("accounts:people", {}, {Role.ADMIN}),
    ("accounts:audit", {}, {Role.REGISTRAR, Role.ADMIN}),
    ("accounts:deletion_requests", {}, {Role.REGISTRAR}),
    ("accounts:outbox", {}, {Role.REGISTRAR, Role.ADMIN}),
    ("certification:bulk_import", {}, {Role.REGISTRAR}),
    ("certification:bulk_import_template", {}, {Role.REGISTRAR}),
    ("cpd:verification_queue", {}, {Role.REGISTRAR}),
    ("cpd:committee_renewals", {}, {Role.COMMITTEE}),
    ("appeals:appeals_queue", {}, {Role.REGISTRAR}),
    ("appeals:complaints_queue", {}, {Role.REGISTRAR}),
    ("appeals:panels", {}, {Role.COMMITTEE}),
    ("exams:staff_sittings", {}, {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:bank_list", {}, {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:bank_export", {}, {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:bank_import_template", {}, {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:bank_new", {}, {Role.EXAMINER}),
    ("exams:analysis_index", {}, {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:angoff_studies", {}, {Role.REGISTRAR, Role.EXAMINER, Role.COMMITTEE}),
    ("exams:analysis_bank", {}, {Role.REGISTRAR, Role.EXAMINER}),
    ("exams:bank_import", {}, {Role.EXAMINER}),
    ("exams:staff_sitting_new", {}, {Role.REGISTRAR}),
    ("exams:staff_marking", {}, {Role.EXAMINER}),
    ("exams:staff_blueprints", {}, {Role.REGISTRAR}),
    (
        "training:evaluation_results",
        {},
        {Role.TRAINING_MANAGER, Role.ADMIN, Role.TRAINER},
    ),
    ("training:participants_import", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("training:participants_import_template", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("billing:staff_invoices", {}, {Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN}),
    ("billing:refunds", {}, {Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN}),
    ("billing:statement_upload", {}, {Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN}),
    ("exams:course_tests", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("training:bookings", {}, {Role.EMPLOYER}),
    ("needs:xlsform_import", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("needs:plans", {}, {Role.TRAINING_MANAGER, Role.ADMIN, Role.REPORT_VIEWER}),
    ("needs:report_index", {}, {Role.TRAINING_MANAGER, Role.ADMIN, Role.REPORT_VIEWER}),
    ("needs:survey_list", {}, {Role.TRAINING_MANAGER, Role.ADMIN, Role.REPORT_VIEWER}),
    ("needs:survey_new", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("membership:types", {}, {Role.REGISTRAR, Role.ADMIN}),
    ("membership:type_new", {}, {Role.REGISTRAR, Role.ADMIN}),
    ("membership:applications", {}, {Role.REGISTRAR, Role.ADMIN}),
    ("membership:register", {}, {Role.REGISTRAR, Role.ADMIN}),
    ("membership:register_export", {}, {Role.REGISTRAR, Role.ADMIN}),
    ("mentoring:staff_programmes", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("mentoring:programme_new", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("mentoring:outcomes", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("consultations:staff_list", {}, {Role.ADMIN, Role.MODERATOR, Role.REGISTRAR}),
    ("consultations:new", {}, {Role.ADMIN, Role.MODERATOR}),
    ("opportunities:manage", {}, {Role.MODERATOR, Role.ADMIN}),
    ("opportunities:import", {}, {Role.MODERATOR, Role.ADMIN}),
    ("opportunities:import_template", {}, {Role.MODERATOR, Role.ADMIN}),
    ("events:manage", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("events:new", {}, {Role.TRAINING_MANAGER, Role.ADMIN}),
    ("forum:review", {}, {Role.MODERATOR, Role.ADMIN}),
    *[("accounts:role_dashboard", {"role": role.value}, {role}) for role in Role],
]
SIGNED_IN_PAGES = [
    "accounts:dashboard",
    "accounts:profile",
    "accounts:profile_check",
    "accounts:my_data",
    "accounts:my_data_export",
    "accounts:tokens",
    "accounts:employment_add",
    "accounts:organisation_create",
    "certification:my_applications",
    "appeals:my_appeals",
    "cpd:ledger",
    "exams:my_exams",
    "billing:my_invoices",
    "training:check_in",
    "credentials:my_completions",
    "training:my_courses",
    "membership:join",
    "membership:mine",
    "mentoring:mine",
    "notifications:centre",
    "notifications:badge",
    "notifications:read",
    "notifications:settings",
    # Posting refuses with a message who may not post: muhandis/opportunities/tests/
    # test_posting.py; matches and preferences explain themselves to non-members.
    "opportunities:new",
    "opportunities:matches",
    "opportunities:preferences",
    "events:mine",
    "directory:my_listing",
    "forum:ask",
]


# Pages anyone may open: published reference information, no personal data.
PUBLIC_PAGES = {
    # A certificate's signed credential: the same public facts as the register, by its UUID.
    "credentials:credential_json",
    "credentials:credential_jwt",
    "competencies:list",
    "competencies:detail",
    "competencies:export",
    "certification:schemes",
    "certification:scheme",
    "certification:register",
    "certification:verify_form",
    # Guarded by a signed, single-use, expiring token instead of an account.
    "certification:referee",
    # A course evaluation's personal, single-use link: muhandis/training/tests/
    # test_evaluation_requests.py.
    "training:evaluation_answer",
    # Anyone may complain about a certified engineer (rate-limited, with a honeypot).
    "appeals:complain",
    # The page a certificate of completion's QR code opens, by its UUID (rate-limited).
    "credentials:completion_verify",
    # The training catalogue: published courses, their upcoming sessions and feeds.
    "training:catalogue",
    "training:course",
    "training:course_feed",
    "training:sessions_feed",
    # A survey's published headline findings (top competencies and areas, no breakdowns).
    "needs:findings",
    # Answering a needs survey: its public link, a personal single-use link, and the pages of a
    # response, each addressed by an unguessable token (muhandis/needs/tests/
    # test_respond_pages.py).
    "needs:respond_public",
    "needs:respond_personal",
    "needs:respond_resume",
    "needs:respond_page",
    "needs:respond_save",
    "needs:respond_submit",
    # Mentoring programmes open for applications and their public descriptions.
    "mentoring:home",
    "mentoring:programme",
    # Policy consultations: the drafts and the published responses are public, the comments
    # only shown to those who may take part (muhandis/consultations/tests/test_commenting.py).
    "consultations:list",
    "consultations:detail",
    # The opportunities board and one opportunity (contact details for signed-in people only).
    "opportunities:list",
    "opportunities:detail",
    # Published events, each event's page and iCalendar file, and the feed of upcoming ones.
    "events:list",
    "events:detail",
    "events:ics",
    "events:feed",
    # The public directory: member firms in good standing and engineers who opted in.
    "directory:firms",
    "directory:engineers",
    "directory:firm",
    # The forum: its questions, answers and their edit history are public while visible
    # (hidden ones show only that they wait for review: muhandis/forum/tests/test_pages_topic.py).
    "forum:index",
    "forum:category",
    "forum:tag",
    "forum:search",
    "forum:topic",
    "forum:revisions",
    # The page reports a view once it has loaded (counted for anonymous readers too).
    "forum:read",
}
# Protected pages whose refusals are tested in their own app's tests.
TESTED_ELSEWHERE = {
    "competencies:import",
    "competencies:publish",
    "certification:scheme_activate",
    "certification:scheme_new_version",
    "certification:apply",
    "certification:application",
    "certification:remove_entry",
    "certification:withdraw",
    "certification:evidence",
    "certification:registrar_queue",
    "certification:registrar_application",
    "certification:assign_assessor",
    "certification:my_assessments",
    "certification:assessment",
    "certification:committee_queue",
    "certification:committee_application",
    "certification:certificate",
    "appeals:lodge",
    "appeals:appeal",
    "appeals:appeal_evidence",
    "appeals:appeal_staff",
    "appeals:panel_appeal",
    "appeals:complaint_staff",
    "appeals:complaint_evidence",
    "certification:bulk_import_confirm",
    "certification:register_export",
    "credentials:scheme_documents_zip",
    "credentials:certificate_pdf",
    # A registrar's write token only (401 without one, 403 for another role):
    # muhandis/credentials/tests/test_api_status.py.
    "credentials:vc_status",
    # Only the candidate: muhandis/exams/tests/test_pages.py.
    "exams:attempt",
    "exams:save",
    "exams:hand_in",
    "exams:start",
    "exams:choose_language",
    "exams:attempt_image",
    # The item bank: muhandis/exams/tests/test_bank_pages.py.
    "exams:bank_item",
    "exams:bank_edit",
    "exams:bank_retire",
    "exams:bank_image_add",
    "exams:bank_image",
    "exams:bank_review",
    "exams:bank_activate",
    "exams:bank_import_confirm",
    # Standard setting: muhandis/exams/tests/test_angoff.py.
    "exams:angoff_study_new",
    "exams:angoff_study",
    "exams:angoff_round_two",
    "exams:angoff_decide",
    "exams:angoff_rate",
    # Item analysis: muhandis/exams/tests/test_analysis_pages.py.
    "exams:analysis_sitting",
    "exams:analysis_sitting_export",
    # Course tests and the learning gain: muhandis/exams/tests/test_course_tests.py.
    "exams:course_test_blueprint",
    "exams:course_test_session",
    "exams:course_test_open",
    "exams:course_test_register",
    "exams:learning_gain_session",
    "exams:learning_gain_course",
    # Exam staff pages: muhandis/exams/tests/test_staff_pages.py.
    "exams:staff_sitting",
    "exams:staff_register_accepted",
    "exams:staff_incident",
    "exams:staff_release",
    "exams:staff_registration",
    "exams:staff_check_identity",
    "exams:staff_attempt",
    "exams:staff_mark",
    "exams:staff_blueprint",
    "cpd:activity_edit",
    "cpd:activity_delete",
    "cpd:evidence",
    "cpd:draw_sample",
    "cpd:review",
    "cpd:renewal_apply",
    "cpd:committee_renewal",
    # Evaluation results (a trainer sees only their own sessions):
    # muhandis/training/tests/test_evaluation_results.py.
    "training:evaluation_course",
    "training:evaluation_session",
    "training:evaluation_trainer",
    # muhandis/training/tests/test_participant_import.py and test_attendance_export.py.
    "training:participants_import_confirm",
    "training:attendance_export",
    # Payment providers' callbacks: no account, each provider's own credential (Payme's Basic
    # key, Click's signature) refused when wrong or missing: muhandis/billing/tests/
    # test_payme_api.py and test_click_api.py.
    "payments:payme",
    "payments:click_prepare",
    "payments:click_complete",
    # Billing: muhandis/billing/tests/test_pages.py (strangers, other payers, other roles).
    "billing:invoice",
    "billing:invoice_pdf",
    "billing:credit_note_pdf",
    "billing:staff_invoices_export",
    "billing:staff_invoice",
    "billing:staff_record_payment",
    "billing:staff_cancel",
    "billing:staff_refund",
    "billing:refund_payment",
    "billing:statement_confirm",
    # Attendance and completion (a trainer of the session or a training manager; the
    # participant's own apology): muhandis/training/tests/test_attendance.py.
    "training:attendance",
    "training:attendance_day",
    "training:completion",
    "training:post_test",
    "training:apologise",
    # The participant's own certificate of completion: test_completions.py in credentials.
    "credentials:completion_pdf",
    "credentials:completion_json",
    "credentials:completion_jwt",
    # Enrolment and bookings: muhandis/training/tests/test_enrolment_pages.py.
    "training:enrol",
    "training:offer_accept",
    "training:offer_decline",
    "training:enrolment_cancel",
    "training:book",
    "training:session_enrolments",
    "training:session_enrolments_export",
    "training:staff_cancel",
    "training:staff_seat",
    # Training managers' pages: muhandis/training/tests/test_manage_pages.py.
    "training:manage_courses",
    "training:manage_course_new",
    "training:manage_course",
    "training:manage_course_prices",
    "training:manage_course_competencies",
    "training:manage_course_publish",
    "training:manage_session_new",
    "training:manage_session",
    "training:manage_session_cancel",
    "training:manage_venues",
    "training:manage_venue",
    "training:manage_room",
    # A needs survey as an XLSForm and the answers imported from KoboToolbox or ODK:
    # muhandis/needs/tests/test_import_answers.py.
    "needs:xlsform",
    "needs:xlsform_download",
    "needs:answers_import",
    "needs:answers_import_confirm",
    # Priorities and training plans: muhandis/needs/tests/test_plan_pages.py; publishing
    # findings: test_findings_pages.py.
    "needs:priorities",
    "needs:plan_new",
    "needs:plan",
    "needs:plan_edit",
    "needs:plan_line_new",
    "needs:plan_line",
    "needs:plan_line_remove",
    "needs:findings_publish",
    "needs:findings_withdraw",
    # A needs survey's report, its downloads and the wave comparison (report viewers read, only
    # those who run surveys download the microdata): muhandis/needs/tests/test_report_pages.py.
    "needs:report",
    "needs:report_xlsx",
    "needs:report_pdf",
    "needs:report_codebook",
    "needs:report_microdata",
    "needs:report_waves",
    # A needs survey's staff pages (managers only): muhandis/needs/tests/test_survey_pages.py.
    "needs:survey_detail",
    "needs:survey_edit",
    "needs:survey_open",
    "needs:survey_close",
    "needs:survey_qr",
    "needs:survey_invite_role",
    "needs:survey_invite_supervisors",
    "needs:survey_invite_emails",
    "needs:survey_send",
    # A membership type, one membership and the staff's decisions on it (registrar and
    # administrator only): muhandis/membership/tests/test_pages_types.py.
    "membership:type_edit",
    "membership:membership",
    "membership:approve",
    "membership:refuse",
    "membership:cancel",
    # Applying and withdrawing (signed in; only the applicant withdraws):
    # muhandis/mentoring/tests/test_applications.py. A pair's page, meetings and goals (its
    # mentor and mentee only; staff and strangers never read the notes): test_pairs.py. A
    # programme's staff pages (training manager and administrator): test_pages.py.
    "mentoring:apply",
    "mentoring:withdraw",
    "mentoring:pair",
    "mentoring:meeting_log",
    "mentoring:goal_add",
    "mentoring:goal_met",
    "mentoring:staff_programme",
    "mentoring:programme_edit",
    "mentoring:matching",
    "mentoring:pair_create",
    "mentoring:staff_pair",
    "mentoring:pair_end",
    # A consultation's staff pages (administrator and moderator write, the registrar reads)
    # and commenting (signed in, a member): muhandis/consultations/tests/test_staff.py.
    "consultations:manage",
    "consultations:edit",
    "consultations:open",
    "consultations:clauses",
    "consultations:clause_new",
    "consultations:clause_edit",
    "consultations:clause_remove",
    "consultations:summary",
    "consultations:response",
    "consultations:publish",
    "consultations:export_xlsx",
    "consultations:export_pdf",
    "consultations:comment",
    # Changing an opportunity (its firm's representatives or staff) and confirming an import
    # (staff): muhandis/opportunities/tests/test_posting.py and test_import.py.
    "opportunities:edit",
    "opportunities:withdraw",
    "opportunities:close",
    "opportunities:import_confirm",
    # One event's staff pages (training manager and administrator only), registering and
    # withdrawing (signed in): muhandis/events/tests/test_pages.py.
    "events:staff_event",
    "events:edit",
    "events:publish",
    "events:cancel",
    "events:attendance",
    "events:register",
    "events:withdraw",
    # A firm's directory profile (its representatives and staff; a stranger and another firm's
    # representative are refused): muhandis/directory/tests/test_editing.py.
    "directory:firm_edit",
    # Writing in the forum (signed in; the services refuse what a person may not do) and its
    # moderators' pages: muhandis/forum/tests/test_pages_access.py.
    "forum:answer",
    "forum:comment",
    "forum:vote",
    "forum:accept",
    "forum:edit",
    "forum:flag",
    "forum:decide",
    "forum:person",
    "forum:suspend",
    "forum:lift",
    "forum:topic_state",
}
OUR_NAMESPACES = {
    "accounts",
    "competencies",
    "certification",
    "cpd",
    "appeals",
    "credentials",
    "exams",
    "payments",
    "billing",
    "training",
    "needs",
    "membership",
    "notifications",
    "directory",
    "events",
    "forum",
    "opportunities",
    "mentoring",
    "consultations",
}


def _our_url_names():
    resolver = get_resolver()
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name and namespace in OUR_NAMESPACES:
                names.add(f"{namespace}:{p.name}")

    walk(resolver.url_patterns)
    return names


def test_every_page_is_public_on_purpose_or_covered_by_the_access_tests():
    covered = {name for name, _, _ in ROLE_PAGES} | set(SIGNED_IN_PAGES)
    covered |= {
        "accounts:person_roles",
        "accounts:deletion_decide",
        "accounts:employment_end",
        "accounts:token_revoke",
    }
    assert _our_url_names() - covered - PUBLIC_PAGES - TESTED_ELSEWHERE == set()


def _url(name, kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize(("name", "kwargs", "roles"), ROLE_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(client, name, kwargs, roles):
    response = client.get(_url(name, kwargs))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in_from_personal_pages(client, name):
    response = client.get(_url(name, {}))
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize(("name", "kwargs", "roles"), ROLE_PAGES)
def test_person_without_the_role_is_refused(client, name, kwargs, roles):
    from muhandis.accounts.tests.factories import make_person

    other_roles = [r for r in Role if r not in roles]
    person = make_person(other_roles[0], two_factor=True)
    for role in other_roles[1:]:
        from muhandis.accounts import services

        services.grant_role(user=person, role=role, actor=None, reason="test")
    client.force_login(person)
    response = client.get(_url(name, kwargs))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "kwargs", "roles"), ROLE_PAGES)
def test_person_with_the_role_gets_the_page(client, name, kwargs, roles):
    from muhandis.accounts.tests.factories import make_person

    person = make_person(sorted(roles)[0], two_factor=True)
    client.force_login(person)
    response = client.get(_url(name, kwargs))
    assert response.status_code == 200


def test_registrar_without_two_factor_is_sent_to_set_it_up(client, registrar_without_two_factor):
    client.force_login(registrar_without_two_factor)
    response = client.get(_url("accounts:role_dashboard", {"role": "registrar"}))
    assert response.status_code == 302
    assert "/account/2fa/totp/activate/" in response["Location"]


def test_engineer_pages_do_not_need_two_factor(client, engineer):
    client.force_login(engineer)
    assert client.get(_url("accounts:role_dashboard", {"role": "engineer"})).status_code == 200


def test_unknown_role_dashboard_is_not_found(client, engineer):
    client.force_login(engineer)
    assert client.get("/uz/dashboard/wizard/").status_code == 404


def test_admin_site_requires_staff_role_and_two_factor(client, engineer, administrator):
    client.force_login(engineer)
    assert client.get("/uz/admin/").status_code == 302
    client.force_login(administrator)
    assert client.get("/uz/admin/").status_code == 200


def test_admin_site_refuses_staff_without_two_factor(client, registrar_without_two_factor):
    client.force_login(registrar_without_two_factor)
    response = client.get("/uz/admin/")
    assert response.status_code == 302


def test_admin_login_goes_through_the_application_sign_in(client):
    response = client.get("/uz/admin/login/?next=/uz/admin/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_other_peoples_tokens_and_employments_cannot_be_touched(client, engineer, employer):
    from muhandis.accounts import services
    from muhandis.accounts.tests.factories import OrganisationFactory

    token, _ = services.create_api_token(user=employer, name="ci", scope="read")
    employment = services.link_person(
        person=employer, organisation=OrganisationFactory(), relation="employee", actor=employer
    )
    client.force_login(engineer)
    assert client.post(_url("accounts:token_revoke", {"pk": token.pk})).status_code == 404
    assert client.post(_url("accounts:employment_end", {"pk": employment.pk})).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None

import pytest
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.test import override_settings

from muhandis.core.models import OutboxMessage

# The workers close database connections, as they do in production.
pytestmark = pytest.mark.django_db(transaction=True)

MAILERS = {
    "default": {"BACKEND": "muhandis.core.mail.TaskEmailBackend"},
    "delivery": {"BACKEND": "muhandis.core.mail.OutboxEmailBackend"},
}


def _send():
    message = EmailMultiAlternatives(
        "Welcome", "Plain body", "noreply@muhandis.uz", ["a@example.uz"]
    )
    message.attach_alternative("<p>HTML body</p>", "text/html")
    message.send()


@override_settings(
    MAILERS=MAILERS, TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
)
def test_email_waits_in_the_task_queue_until_the_worker_delivers_it():
    from django_tasks_db.models import DBTaskResult

    _send()
    assert OutboxMessage.objects.count() == 0
    assert DBTaskResult.objects.filter(task_path="muhandis.core.tasks.deliver_email").count() == 1
    call_command("db_worker", batch=True, interval=0, verbosity=0)
    message = OutboxMessage.objects.get()
    assert message.subject == "Welcome"
    assert message.to == "a@example.uz"
    assert message.html_body == "<p>HTML body</p>"


@override_settings(
    MAILERS=MAILERS,
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}},
)
def test_outbox_page_shows_delivered_email_to_staff(client, registrar):
    _send()
    client.force_login(registrar)
    html = client.get("/en/staff/outbox/").content.decode()
    assert "Welcome" in html
    assert "a@example.uz" in html

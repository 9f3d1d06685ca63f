"""The scale-out task backend: RQ on a real Redis server."""

import os

import pytest
from django.test import override_settings

from muhandis.core.models import OutboxMessage

# The workers close database connections, as they do in production.
pytestmark = pytest.mark.django_db(transaction=True)


def _redis_or_skip():
    import django_rq
    from redis.exceptions import ConnectionError as RedisConnectionError

    connection = django_rq.get_connection("default")
    try:
        connection.ping()
    except RedisConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return connection


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    RQ_QUEUES={"default": {"URL": "redis://127.0.0.1:6379/15"}},
    MAILERS={
        "default": {"BACKEND": "muhandis.core.mail.TaskEmailBackend"},
        "delivery": {"BACKEND": "muhandis.core.mail.OutboxEmailBackend"},
    },
)
def test_email_is_delivered_by_an_rq_worker():
    import django_rq
    from django.core.mail import EmailMessage
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    from muhandis.core.tasks import deliver_email

    _redis_or_skip()
    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    EmailMessage("Via Redis", "Body", "noreply@muhandis.uz", ["r@example.uz"]).send()
    assert OutboxMessage.objects.count() == 0
    assert queue.count == 1
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)
    assert OutboxMessage.objects.get().subject == "Via Redis"
    assert deliver_email.get_backend().__class__.__name__ == "RQBackend"

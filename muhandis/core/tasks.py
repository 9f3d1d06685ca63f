"""Background tasks that any app may enqueue."""

from django.core.mail import EmailMultiAlternatives, mailers
from django.tasks import task


@task(queue_name="default")
def deliver_email(message: dict) -> int:
    """Deliver one email, given as the plain dict that ``TaskEmailBackend`` made of it."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        cc=message.get("cc") or [],
        bcc=message.get("bcc") or [],
        reply_to=message.get("reply_to") or [],
        headers=message.get("headers") or {},
    )
    for content, mimetype in message.get("alternatives") or []:
        email.attach_alternative(content, mimetype)
    return mailers["delivery"].send_messages([email])

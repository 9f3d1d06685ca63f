"""The trainer's dashboard section: sessions to come and days whose attendance waits."""

from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Section
from muhandis.accounts.models import User

from .attendance import days_to_mark_today, trainer_sessions


def dashboard_trainer(person: User) -> Section:
    to_mark = days_to_mark_today(person)
    return Section(
        key="training.trainer",
        title=_("Your training sessions"),
        template="training/attendance/_dashboard.html",
        items=trainer_sessions(person),
        empty=_("No session of yours is coming up."),
        extra={"to_mark": to_mark},
        urgent=bool(to_mark),
    )

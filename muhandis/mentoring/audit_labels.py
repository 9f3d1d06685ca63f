"""What the audit trail's mentoring actions mean, for the pages staff read. A meeting's notes
are never written to the trail."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "mentoring.programme.created": _("Mentoring programme created"),
    "mentoring.programme.updated": _("Mentoring programme changed"),
    "mentoring.application.submitted": _("Applied to a mentoring programme"),
    "mentoring.application.withdrawn": _("Mentoring application withdrawn"),
    "mentoring.pair.created": _("Mentor and mentee paired"),
    "mentoring.pair.ended": _("Mentoring pair ended"),
    "mentoring.meeting.logged": _("Mentoring meeting logged"),
    "mentoring.goal.added": _("Mentoring goal added"),
    "mentoring.goal.met": _("Mentoring goal marked met or not met"),
}
SENTENCES: dict = {
    "mentoring.programme.created": _("%(actor)s created the mentoring programme %(target)s"),
    "mentoring.programme.updated": _("%(actor)s changed the mentoring programme %(target)s"),
    "mentoring.application.submitted": _("%(actor)s applied to mentoring as %(target)s"),
    "mentoring.application.withdrawn": _(
        "%(actor)s withdrew the mentoring application of %(target)s"
    ),
    "mentoring.pair.created": _("%(actor)s paired %(target)s"),
    "mentoring.pair.ended": _("%(actor)s ended the mentoring pair %(target)s"),
    "mentoring.meeting.logged": _("%(actor)s logged a meeting of a mentoring pair"),
    "mentoring.goal.added": _("%(actor)s added a goal to a mentoring pair"),
    "mentoring.goal.met": _("%(actor)s marked whether a mentoring goal is met"),
}
FIELDS: dict = {}


def values() -> dict:
    return {}

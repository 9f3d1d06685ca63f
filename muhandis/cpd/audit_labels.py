"""What the audit trail's CPD actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "cpd.activity.recorded": _("CPD activity recorded"),
    "cpd.activity.updated": _("CPD activity changed"),
    "cpd.activity.deleted": _("CPD activity deleted"),
    "cpd.activity.verified": _("CPD activity verified"),
    "cpd.activity.credited_from_training": _("CPD hours credited for a completed course"),
    "cpd.activity.rejected": _("CPD activity not accepted"),
    "cpd.audit.sample_drawn": _("CPD audit sample drawn"),
    "cpd.renewal.applied": _("Renewal applied for"),
    "cpd.renewal.voted": _("Committee vote on a renewal"),
    "cpd.renewal.decided": _("Renewal decided"),
}

SENTENCES = {
    "cpd.activity.recorded": _("%(actor)s recorded the CPD activity “%(target)s”"),
    "cpd.activity.updated": _("%(actor)s changed the CPD activity “%(target)s”"),
    "cpd.activity.deleted": _("%(actor)s deleted the CPD activity “%(target)s”"),
    "cpd.activity.verified": _("%(actor)s verified the CPD activity “%(target)s”"),
    "cpd.activity.credited_from_training": _(
        "The CPD hours of the completed course “%(target)s” were credited"
    ),
    "cpd.activity.rejected": _("%(actor)s did not accept the CPD activity “%(target)s”"),
    "cpd.audit.sample_drawn": _("%(actor)s drew the CPD audit sample"),
    "cpd.renewal.applied": _("%(actor)s applied to renew certificate %(target)s"),
    "cpd.renewal.voted": _("%(actor)s voted on the renewal of certificate %(target)s"),
    "cpd.renewal.decided": _("The committee decided the renewal of certificate %(target)s"),
}

FIELDS = {
    "title": _("title"),
    "date": _("date"),
    "hours": _("hours"),
    "category": _("category"),
    "source": _("source"),
    "renewal": _("renewal"),
    "verified_hours": _("verified hours"),
    "seed": _("random seed"),
    "population": _("activities to draw from"),
    "chosen": _("activities chosen"),
}


def values() -> dict[str, dict]:
    from muhandis.certification.models import CpdRequirement

    from .models import CpdActivity

    return {
        "cpd.cpdactivity/status": dict(CpdActivity.Status.choices),
        "category": dict(CpdRequirement.Category.choices),
    }

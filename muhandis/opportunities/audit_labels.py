"""What the audit trail's opportunities actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "opportunities.opportunity.posted": _("Opportunity posted"),
    "opportunities.opportunity.updated": _("Opportunity changed"),
    "opportunities.opportunity.closed": _("Opportunity closed"),
    "opportunities.opportunity.withdrawn": _("Opportunity withdrawn"),
    "opportunities.opportunity.expired": _("Opportunity expired"),
    "opportunities.opportunity.change_refused": _("Change of another firm's opportunity refused"),
    "opportunities.import.completed": _("Tenders imported"),
    "opportunities.preferences.saved": _("Opportunity preferences saved"),
}
SENTENCES: dict = {
    "opportunities.opportunity.posted": _("%(actor)s posted the opportunity %(target)s"),
    "opportunities.opportunity.updated": _("%(actor)s changed the opportunity %(target)s"),
    "opportunities.opportunity.closed": _("%(actor)s closed the opportunity %(target)s"),
    "opportunities.opportunity.withdrawn": _("%(actor)s withdrew the opportunity %(target)s"),
    "opportunities.opportunity.expired": _(
        "The opportunity %(target)s expired when its deadline passed"
    ),
    "opportunities.opportunity.change_refused": _(
        "%(actor)s was refused a change of the opportunity %(target)s, posted by another firm"
    ),
    "opportunities.import.completed": _("%(actor)s imported tenders from a spreadsheet"),
    "opportunities.preferences.saved": _("%(actor)s chose the opportunities %(target)s looks for"),
}
FIELDS: dict = {}


def values() -> dict:
    return {}

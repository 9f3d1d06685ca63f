"""What the audit trail's competency-framework actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "competencies.framework.imported": _("Competency framework imported"),
    "competencies.framework.published": _("Competency framework published"),
}

SENTENCES = {
    "competencies.framework.imported": _(
        "%(actor)s imported the competency framework “%(target)s”"
    ),
    "competencies.framework.published": _(
        "%(actor)s published the competency framework “%(target)s”"
    ),
}

FIELDS = {
    "areas": _("competency areas"),
    "competencies": _("competencies"),
    "levels": _("levels of the tree"),
    "retired_versions": _("versions retired"),
}

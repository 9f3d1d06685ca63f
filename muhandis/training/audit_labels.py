"""What the audit trail's training actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "training.enrolment.post_test_recorded": _("Post-test result recorded on an enrolment"),
}

SENTENCES = {
    "training.enrolment.post_test_recorded": _(
        "%(actor)s: post-test result recorded on the enrolment “%(target)s”"
    ),
}

FIELDS = {
    "post_test_passed": _("post-test passed"),
}

"""What the audit trail's forum actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "forum.post.hidden": _("Forum post hidden"),
    "forum.post.restored": _("Forum post shown again"),
    "forum.post.edited": _("Forum post edited by a moderator"),
    "forum.post.deleted": _("Forum post deleted by a moderator"),
    "forum.comment.deleted": _("Forum comment deleted by a moderator"),
    "forum.flags.agreed": _("Flags on a forum post agreed"),
    "forum.flags.disagreed": _("Flags on a forum post disagreed"),
    "forum.topic.changed": _("Forum topic closed, opened, pinned or unpinned"),
    "forum.answer.accepted": _("Answer accepted by a moderator"),
    "forum.answer.unaccepted": _("Accepted answer withdrawn by a moderator"),
    "forum.person.suspended": _("Suspended from the forum"),
    "forum.person.unsuspended": _("Forum suspension lifted"),
    "forum.trust_level.changed": _("Forum trust level changed"),
}
SENTENCES: dict = {
    "forum.post.hidden": _("%(actor)s hid the forum post %(target)s"),
    "forum.post.restored": _("%(actor)s showed the forum post %(target)s again"),
    "forum.post.edited": _("%(actor)s edited the forum post %(target)s"),
    "forum.post.deleted": _("%(actor)s deleted the forum post %(target)s"),
    "forum.comment.deleted": _("%(actor)s deleted a comment on the forum post %(target)s"),
    "forum.flags.agreed": _("%(actor)s agreed with the flags on the forum post %(target)s"),
    "forum.flags.disagreed": _("%(actor)s disagreed with the flags on the forum post %(target)s"),
    "forum.topic.changed": _("%(actor)s closed, opened, pinned or unpinned the topic %(target)s"),
    "forum.answer.accepted": _("%(actor)s accepted an answer to %(target)s"),
    "forum.answer.unaccepted": _("%(actor)s withdrew the accepted answer to %(target)s"),
    "forum.person.suspended": _("%(actor)s suspended %(target)s from the forum"),
    "forum.person.unsuspended": _("%(actor)s lifted the forum suspension of %(target)s"),
    "forum.trust_level.changed": _("The forum trust level of %(target)s changed"),
}
FIELDS: dict = {
    "trust_level": _("trust level"),
    "level_locked": _("level set by a moderator"),
    "is_closed": _("closed"),
    "is_pinned": _("pinned"),
    "hidden_reason": _("why hidden"),
    "accepted_answer": _("accepted answer"),
    "flags": _("flags"),
    "until": _("until"),
}


def values() -> dict:
    from .models import HiddenReason, TrustLevel

    return {
        "hidden_reason": dict(HiddenReason.choices),
        "trust_level": dict(TrustLevel.choices),
    }

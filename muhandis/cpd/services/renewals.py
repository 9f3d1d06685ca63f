"""Renewal of certificates: a holder whose verified hours meet the scheme's CPD rule applies, and
the committee decides under the same rules of impartiality and majority as for certification
(``muhandis.certification.services.committee``)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.certification.models import Certificate
from muhandis.certification.services.committee import MajorityRule, tally
from muhandis.certification.services.decisions import impartiality_problem
from muhandis.certification.services.renewals import renew_certificate
from muhandis.core import audit
from muhandis.core.dates import add_months, add_years

from ..models import Renewal, RenewalVote
from .common import link, notify, require_role
from .progress import cpd_progress

RENEWAL_GRACE_MONTHS = 6


def renewal_window(certificate: Certificate) -> tuple[datetime.date, datetime.date]:
    """A holder may apply to renew from one year before expiry until six months after it."""
    expiry = certificate.expiry_date
    return add_years(expiry, -1), add_months(expiry, RENEWAL_GRACE_MONTHS)


def renewal_problems(certificate: Certificate, *, today: datetime.date | None = None) -> list[str]:
    """Why the holder cannot apply to renew now; empty when they can.

    The rule: the certificate is valid (not suspended, withdrawn or replaced); today lies in
    its last year of validity or within six months after expiry; no renewal is already
    waiting; and the verified CPD hours of the validity period meet the scheme's total and
    every category's minimum.
    """
    today = today or timezone.localdate()
    if certificate.status != Certificate.Status.VALID:
        return [
            _("A %(status)s certificate cannot be renewed.")
            % {"status": certificate.get_status_display().lower()}
        ]
    opens, closes = renewal_window(certificate)
    if today < opens:
        return [
            _("You can apply to renew from %(day)s, a year before the certificate expires.")
            % {"day": formats.date_format(opens)}
        ]
    if today > closes:
        return [
            _(
                "Renewal was possible until %(day)s, six months after expiry. "
                "Apply for certification again."
            )
            % {"day": formats.date_format(closes)}
        ]
    if certificate.renewals.filter(status=Renewal.Status.SUBMITTED).exists():
        return [_("Your renewal is already waiting for the committee.")]
    return cpd_progress(certificate).shortfalls()


def apply_for_renewal(
    *, certificate: Certificate, actor: User, request: HttpRequest | None = None
) -> Renewal:
    if certificate.holder_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This is not your certificate."))
    problems = renewal_problems(certificate)
    if problems:
        raise ValidationError(problems)
    progress = cpd_progress(certificate)
    try:
        with transaction.atomic():
            renewal = Renewal.objects.create(
                certificate=certificate,
                holder=actor,
                old_expiry_date=certificate.expiry_date,
                verified_hours=progress.verified,
            )
            audit.record(
                "cpd.renewal.applied",
                actor=actor,
                target=certificate,
                after={"renewal": str(renewal.public_id), "verified_hours": str(progress.verified)},
                request=request,
            )
    except IntegrityError as exc:
        raise ValidationError(_("Your renewal is already waiting for the committee.")) from exc
    return renewal


def renewal_vote_problem(member: User, renewal: Renewal) -> str | None:
    """Why ``member`` may not vote on ``renewal``: the holder and their colleagues never do."""
    return impartiality_problem(member, renewal)


def cast_renewal_vote(
    *, renewal: Renewal, actor: User, outcome: str, reasons: str, request: HttpRequest | None = None
) -> RenewalVote:
    """A committee member's vote; at least two votes with a majority decide."""
    require_role(actor, Role.COMMITTEE, _("Only certification committee members vote."))
    problem = renewal_vote_problem(actor, renewal)
    if problem:
        raise PermissionDenied(problem)
    if outcome not in RenewalVote.Outcome.values:
        raise ValidationError({"outcome": _("Choose grant or refuse.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for your vote.")})
    with transaction.atomic():
        renewal = Renewal.objects.select_for_update().get(pk=renewal.pk)
        if renewal.status != Renewal.Status.SUBMITTED:
            raise ValidationError(_("The committee has already decided on this renewal."))
        if renewal.votes.filter(member=actor).exists():
            raise ValidationError(_("You have already voted on this renewal."))
        vote = RenewalVote.objects.create(
            renewal=renewal, member=actor, outcome=outcome, reasons=reasons.strip()
        )
        audit.record(
            "cpd.renewal.voted",
            actor=actor,
            target=renewal.certificate,
            after={"renewal": str(renewal.public_id), "outcome": outcome},
            reason=reasons.strip(),
            request=request,
        )
        decided = _decide_if_majority(renewal, actor, request)
    if decided:
        _tell_holder(renewal)
    return vote


def _decide_if_majority(renewal: Renewal, actor: User, request: HttpRequest | None) -> bool:
    votes = list(renewal.votes.all())
    outcome = tally((v.outcome for v in votes), rule=MajorityRule.VOTES_CAST)
    if outcome is None:
        return False  # no majority yet: another member votes
    renewal.reasons = "\n\n".join(v.reasons for v in votes if v.outcome == outcome)
    renewal.decided_at = timezone.now()
    if outcome == RenewalVote.Outcome.GRANT:
        change = renew_certificate(
            certificate=renewal.certificate, actor=actor, reasons=renewal.reasons, request=request
        )
        renewal.status = Renewal.Status.GRANTED
        renewal.new_expiry_date = change.new_expiry_date
    else:
        renewal.status = Renewal.Status.REFUSED
    renewal.save(update_fields=["status", "reasons", "decided_at", "new_expiry_date", "updated_at"])
    audit.record(
        "cpd.renewal.decided",
        target=renewal.certificate,
        after={"renewal": str(renewal.public_id), "outcome": outcome, "votes": len(votes)},
        reason=renewal.reasons,
        request=request,
    )
    return True


def _tell_holder(renewal: Renewal) -> None:
    holder = renewal.holder
    certificate = renewal.certificate
    certificate.refresh_from_db()
    notify(
        holder,
        "renewal_decision",
        {
            "renewal": renewal,
            "certificate": certificate,
            "holder": holder,
            "link": link(holder, "cpd:renewal_apply", public_id=certificate.public_id),
        },
    )

"""Committee votes: when the votes cast on a case decide it.

Three processes are decided by committee members' votes: certification decisions
(``decisions.cast_vote``), CPD renewals (``muhandis.cpd.services.cast_renewal_vote``) and
appeals (``muhandis.appeals.services.cast_panel_vote``). Each counts its votes with
``tally`` under one of two named rules:

``MajorityRule.VOTES_CAST`` — certification decisions and CPD renewals.
    At least ``MIN_VOTES`` members have voted and more than half of the votes cast agree.
    The committee is an open pool of members: any impartial member may vote, so there is no
    fixed number of voters to count against, and a case waits until enough members have voted
    and a majority of them agrees (a split committee waits for another member).

``MajorityRule.WHOLE_PANEL`` — appeals.
    More than half of the whole appointed panel agree, whether or not every member has voted.
    An appeal is heard by a panel the registrar appoints (at least two members, none of whom
    took part in the appealed decision); the panel as a body decides, so a majority is counted
    against its size, and a tie once everyone has voted is broken by appointing another member.

The rule a process uses is named where it calls ``tally``; a scheme that needs the other rule
changes that one argument.

The committee pages of certification and CPD (a queue of cases, and a case with its votes and
the member's ballot) share ``ballot`` below and the templates under
``certification/committee/``.
"""

from collections import Counter
from collections.abc import Iterable
from enum import Enum
from typing import Any, Protocol

from django.db.models import Model, QuerySet

from muhandis.accounts.models import User

MIN_VOTES = 2


class Candidacy(Protocol):
    """What the rules of impartiality look at in a case: the person it concerns. An
    application, a renewal (its holder) or an appeal's ``CertificateHolder`` are candidacies."""

    @property
    def candidate_id(self) -> int: ...


class MajorityRule(Enum):
    """What a majority is counted against (see the module docstring for who uses which)."""

    VOTES_CAST = "votes_cast"
    WHOLE_PANEL = "whole_panel"


def tally(votes: Iterable[str], *, rule: MajorityRule, panel_size: int | None = None) -> str | None:
    """The outcome more than half agree on under ``rule``, or None while there is none.

    ``votes`` are the outcomes voted (a blank one is a seat not yet voted and is not a vote
    cast); ``panel_size`` is the number of members who may vote, needed by
    ``MajorityRule.WHOLE_PANEL``.
    """
    cast = [vote for vote in votes if vote]
    if rule is MajorityRule.VOTES_CAST:
        if len(cast) < MIN_VOTES:
            return None
        counted_against = len(cast)
    else:
        if panel_size is None:
            raise ValueError("A majority of the whole panel needs the panel's size.")
        counted_against = panel_size
    for outcome, count in Counter(cast).items():
        if count * 2 > counted_against:
            return outcome
    return None


def ballot[VoteRow: Model](
    *, votes: QuerySet[VoteRow], member: User, problem: str | None, voting_open: bool
) -> dict[str, Any]:
    """What a committee member sees beside a case (``certification/committee/vote.html``):
    the votes so far, fetched with their members when shown; whether voting is still open;
    why the member may not vote (or None); and whether they have voted."""
    return {
        "votes": votes.select_related("member"),
        "voting_open": voting_open,
        "problem": problem,
        "has_voted": votes.filter(member=member).exists(),
    }

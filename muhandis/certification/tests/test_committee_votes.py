import pytest

from muhandis.certification.services.committee import MajorityRule, tally


def test_one_vote_cast_never_decides_a_committee_case():
    assert tally(["grant"], rule=MajorityRule.VOTES_CAST) is None


def test_more_than_half_of_the_votes_cast_decide():
    assert tally(["grant", "grant", "refuse"], rule=MajorityRule.VOTES_CAST) == "grant"


def test_a_split_committee_has_no_majority():
    assert tally(["grant", "refuse"], rule=MajorityRule.VOTES_CAST) is None


def test_a_panel_majority_counts_members_who_have_not_voted():
    seats = ["uphold", "uphold", "", ""]
    assert tally(seats, rule=MajorityRule.WHOLE_PANEL, panel_size=len(seats)) is None
    seats = ["uphold", "uphold", "dismiss"]
    assert tally(seats, rule=MajorityRule.WHOLE_PANEL, panel_size=len(seats)) == "uphold"


def test_a_panel_majority_needs_the_panel_size():
    with pytest.raises(ValueError, match="size"):
        tally(["uphold"], rule=MajorityRule.WHOLE_PANEL)

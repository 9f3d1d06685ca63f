import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muhandis.exams.blueprints.drawing import Candidate, NotEnoughItems, Row, draw

POOL = [
    Candidate(
        version_id=100 + i,
        item_id=i,
        areas=frozenset({"TEC" if i % 2 else "LEG"}),
        difficulty=1 + i % 3,
    )
    for i in range(60)
]
ROWS = [Row("TEC", None, 10), Row("LEG", 2, 5)]


def test_a_form_meets_the_blueprint_exactly_and_uses_each_item_once():
    form = draw(POOL, ROWS, seed=7)
    by_version = {c.version_id: c for c in POOL}
    chosen = [by_version[v] for v in form]
    assert len(form) == 15
    assert len({c.item_id for c in chosen}) == 15
    assert sum("TEC" in c.areas for c in chosen[:10]) == 10
    assert all("LEG" in c.areas and c.difficulty == 2 for c in chosen[10:])


def test_the_same_seed_gives_the_same_form_and_another_seed_another():
    assert draw(POOL, ROWS, seed=42) == draw(list(reversed(POOL)), ROWS, seed=42)
    assert draw(POOL, ROWS, seed=42) != draw(POOL, ROWS, seed=43)


def test_a_bank_too_small_for_the_blueprint_is_explained():
    with pytest.raises(NotEnoughItems, match="has 10 active items for LEG"):
        draw(POOL, [Row("LEG", 2, 11)], seed=1)


@settings(max_examples=50)
@given(st.integers(min_value=0, max_value=2**32))
def test_any_seed_gives_a_valid_form(seed):
    form = draw(POOL, ROWS, seed=seed)
    assert len(set(form)) == len(form) == 15

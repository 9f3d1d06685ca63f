import pytest

from muhandis.exams.marking.objective import mark

OPTIONS = [{"fraction": 1}, {"fraction": 0}, {"fraction": 0}]
MULTI = [{"fraction": 0.5}, {"fraction": 0.5}, {"fraction": -0.5}, {"fraction": 0}]


@pytest.mark.parametrize(
    ("kind", "content", "response", "expected"),
    [
        ("single", {"options": OPTIONS}, {"choice": 0}, 1.0),
        ("single", {"options": OPTIONS}, {"choice": 2}, 0.0),
        ("single", {"options": OPTIONS}, {"choice": 9}, 0.0),
        ("multiple", {"options": MULTI}, {"choices": [0, 1]}, 1.0),
        ("multiple", {"options": MULTI}, {"choices": [0]}, 0.5),
        ("multiple", {"options": MULTI}, {"choices": [0, 2]}, 0.0),  # a wrong pick costs
        ("multiple", {"options": MULTI}, {"choices": [2, 3]}, 0.0),  # never below zero
        ("true_false", {"truth": False}, {"value": False}, 1.0),
        ("true_false", {"truth": False}, {"value": True}, 0.0),
        # The flow in a 200 mm pipe: 0.955 m/s, within 0.01.
        ("numeric", {"answer": 0.955, "tolerance": 0.01}, {"value": 0.96}, 1.0),
        ("numeric", {"answer": 0.955, "tolerance": 0.01}, {"value": 0.97}, 0.0),
        ("numeric", {"answer": None}, {"value": 0.97}, 0.0),
        (
            "short_text",
            {"options": [{"texts": {"en": "FIDIC Red Book"}, "fraction": 1}]},
            {"text": "  fidic  red book "},
            1.0,
        ),
        (
            "short_text",
            {"options": [{"texts": {"en": "Pa"}, "fraction": 1}], "case_sensitive": True},
            {"text": "pa"},
            0.0,
        ),
        ("essay", {"rubric": {"en": "…"}}, {"text": "A long answer."}, None),
        ("single", {"options": OPTIONS}, None, 0.0),  # unanswered
    ],
)
def test_objective_items_are_marked_by_their_key(kind, content, response, expected):
    assert mark(kind, content, response, "en") == expected


def test_matching_earns_a_share_per_right_pair_in_the_candidates_language():
    content = {
        "pairs": [
            {"left": {"ru": "Насос"}, "right": {"ru": "напор"}},
            {"left": {"ru": "Задвижка"}, "right": {"ru": "перекрытие"}},
            {"left": {"ru": "Счётчик"}, "right": {"ru": "расход"}},
        ]
    }
    response = {"pairs": {"0": "напор", "1": "расход", "2": "расход"}}
    assert mark("matching", content, response, "ru") == pytest.approx(2 / 3)
    assert mark("matching", content, response, "en") == 0.0


def test_items_read_from_a_gift_file_are_marked_as_their_author_meant():
    from muhandis.exams.formats import gift
    from muhandis.exams.formats.items import to_content

    bank = gift.parse(
        "::Q1:: Hazen-Williams C for new PVC? {=150 ~100 ~80}\n\n"
        "::Q2:: Velocity in m/s? {#0.955:0.01}\n\n"
        "::Q3:: A FIDIC Red Book contract is a lump sum. {F}\n"
    )
    assert not bank.errors
    single, numeric, truth = (to_content(item) for item in bank.items)
    assert mark("single", single, {"choice": 0}, "en") == 1.0
    assert mark("numeric", numeric, {"value": 0.95}, "en") == 1.0
    assert mark("true_false", truth, {"value": False}, "en") == 1.0

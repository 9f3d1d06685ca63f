import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muhandis.accounts.tests.factories import make_person
from muhandis.training.models import EvaluationRequest, SessionTrainer
from muhandis.training.selectors import evaluation as selectors

from .evaluation_factories import answered, participant, past_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(trainer):
    """Session A (trained by ``trainer``): four asked at level 1, three answered; two answered
    at level 3. Session B of the same course (another trainer): one answer."""
    a = past_session(days_ago=2)
    SessionTrainer.objects.create(session=a, trainer=trainer)
    other = make_person("trainer")
    b = past_session(days_ago=5, course=a.course)
    SessionTrainer.objects.create(session=b, trainer=other)
    people = [participant(a, given_name=f"Person{n}", family_name="Secret") for n in range(4)]
    answered(people[0], {"l1_overall": 5, "l1_recommend": 10, "l1_most_useful": "Site visits."})
    answered(people[1], {"l1_overall": 4, "l1_recommend": 9})
    answered(people[2], {"l1_overall": 2, "l1_recommend": 3, "l1_improve": "Slower pace."})
    EvaluationRequest.objects.create(enrolment=people[3], level=1, language="en")
    answered(people[0], {"l3_applied": 1}, level=3)
    answered(people[1], {"l3_applied": 0}, level=3)
    answered(participant(b), {"l1_overall": 1, "l1_recommend": 0})
    return {"a": a, "b": b, "course": a.course, "other": other, "people": people}


def _question(level, key):
    return next(q for q in level.questions if q.question.key == key)


def test_session_figures_match_the_hand_computed_ones(data, training_manager):
    results = selectors.results(viewer=training_manager, session=data["a"])
    level_1, level_3 = results.levels
    assert (level_1.sent, level_1.answered, level_1.response_rate) == (4, 3, 0.75)
    overall = _question(level_1, "l1_overall")
    assert overall.distribution == [(1, 0), (2, 1), (3, 0), (4, 1), (5, 1)]
    assert overall.mean == pytest.approx(11 / 3)
    recommend = _question(level_1, "l1_recommend")
    assert recommend.nps == 33  # two promoters (10, 9), one detractor (3), of three
    assert _question(level_1, "l1_most_useful").comments == ["Site visits."]
    assert _question(level_1, "l1_improve").comments == ["Slower pace."]
    assert level_3.applied_share == 0.5
    assert _question(level_3, "l3_applied").distribution == [(1, 1), (0, 1)]


def test_course_figures_join_its_sessions(data, training_manager):
    level_1 = selectors.results(viewer=training_manager, course=data["course"]).levels[0]
    assert (level_1.sent, level_1.answered) == (5, 4)
    assert _question(level_1, "l1_overall").mean == pytest.approx(12 / 4)
    assert _question(level_1, "l1_recommend").nps == 0  # 2 promoters, 2 detractors of 4


def test_a_trainer_sees_aggregates_of_their_own_sessions_only(data, trainer):
    results = selectors.results(viewer=trainer, course=data["course"])
    level_1, level_3 = results.levels
    assert (level_1.sent, level_1.answered) == (4, 3)  # session B left out
    assert not results.show_comments
    assert all(q.question.kind != "text" for q in level_1.questions)
    assert level_3.hidden
    assert level_3.questions == []
    with pytest.raises(PermissionDenied):
        selectors.results(viewer=trainer, session=data["b"])
    with pytest.raises(PermissionDenied):
        selectors.results(viewer=trainer, trainer=data["other"])


def test_the_results_are_read_in_a_fixed_number_of_queries(data, training_manager):
    def count():
        with CaptureQueriesContext(connection) as queries:
            selectors.results(viewer=training_manager, course=data["course"])
        return len(queries)

    count()  # the viewer's roles are read once per request and kept
    first = count()
    for n in range(5):
        answered(participant(data["a"]), {"l1_overall": 3, "l1_improve": f"Note {n}"})
    assert count() == first == 4


def test_the_staff_page_shows_charts_tables_and_comments_without_names(
    client, data, training_manager
):
    client.force_login(training_manager)
    response = client.get(f"/en/training/evaluation/results/session/{data['a'].public_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") >= 3
    assert "<title id=" in html
    assert 'role="img"' in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert "Site visits." in html
    assert "Slower pace." in html
    assert "Secret" not in html
    assert "Person0" not in html
    assert "75 %" in html
    assert f"/en/training/imports/attendance/{data['a'].public_id}.xlsx" in html


def test_the_trainer_page_has_no_comments(client, data, trainer):
    client.force_login(trainer)
    response = client.get(f"/en/training/evaluation/results/session/{data['a'].public_id}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Site visits." not in html
    assert "<svg" in html
    assert "/imports/attendance/" not in html
    index = client.get("/en/training/evaluation/results/").content.decode()
    assert str(data["a"].public_id) in index
    assert str(data["b"].public_id) not in index


@pytest.mark.parametrize("page", ["session_b", "trainer_other", "course"])
def test_strangers_are_refused(client, data, engineer, page):
    from muhandis.accounts.tests.factories import make_person

    urls = {
        "session_b": f"/en/training/evaluation/results/session/{data['b'].public_id}/",
        "trainer_other": f"/en/training/evaluation/results/trainer/{data['other'].public_id}/",
        "course": f"/en/training/evaluation/results/course/{data['course'].code}/",
    }
    url = urls[page]
    assert client.get(url).status_code == 302  # anonymous: to sign in
    client.force_login(engineer)
    assert client.get(url).status_code == 403
    client.force_login(make_person("trainer"))  # trains no session here
    assert client.get(url).status_code == 403


def test_staff_see_a_trainers_sessions_and_trainers_only_their_own(client, data, trainer):
    manager = make_person("training_manager", two_factor=True)
    results = selectors.results(viewer=manager, trainer=data["other"])
    assert [(lv.sent, lv.answered) for lv in results.levels] == [(1, 1)]
    client.force_login(manager)
    index = client.get("/en/training/evaluation/results/").content.decode()
    assert str(data["other"].public_id) in index
    assert str(trainer.public_id) in index
    client.force_login(trainer)
    own = client.get(f"/en/training/evaluation/results/trainer/{trainer.public_id}/")
    assert own.status_code == 200
    assert "(75 %)" in own.content.decode()

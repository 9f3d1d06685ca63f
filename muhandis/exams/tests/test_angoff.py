"""Modified-Angoff standard setting: opening a study, rating in one or two rounds, the cut
score and its spread, recording it as the blueprint's pass mark, and who may do what."""

import math
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.exams.attempts import services as attempts
from muhandis.exams.models import AngoffRating, AngoffStudy, Blueprint, Item, ItemVersion
from muhandis.exams.standard_setting import services as angoff
from muhandis.exams.tests.support import NOW

pytestmark = pytest.mark.django_db

# The hand-worked example: three panellists rate the four items of the test sitting's pool.
#   panellist A: 60 70 80 90 -> mean 75
#   panellist B: 50 60 70 80 -> mean 65
#   panellist C: 70 70 70 72 -> mean 70.5
# cut = (75 + 65 + 70.5) / 3 = 70.1666…; pass mark 71 (rounded up).
# The means' deviations from the cut: 29/6, -31/6, 1/3; their squares sum to 301/6, so the
# sample SD is sqrt(301/12) = 5.0083 and the standard error sqrt(301/12) / sqrt(3) = 2.8916.
RATINGS = {"A": [60, 70, 80, 90], "B": [50, 60, 70, 80], "C": [70, 70, 70, 72]}


@pytest.fixture
def panel(examiner, committee_member):
    third = make_person("examiner", two_factor=True, given_name="Bobur", family_name="Aliyev")
    return [examiner, committee_member, third]


@pytest.fixture
def study(sitting, registrar, panel):
    return angoff.open_study(blueprint=sitting.blueprint, actor=registrar, panellists=panel)


def _ids(study):
    return [v.pk for v in angoff.study_versions(study)]


def _rate(study, person, values):
    ratings = dict(zip(_ids(study), values, strict=True))
    return angoff.rate(study=study, actor=person, ratings=ratings)


def _rate_all(study, panel):
    for person, values in zip(panel, RATINGS.values(), strict=True):
        _rate(study, person, values)


def test_a_study_rates_the_blueprints_whole_pool_by_default(study):
    codes = [v.item.code for v in angoff.study_versions(study)]
    assert codes == ["TEC-01-0000", "TEC-01-0001", "TEC-01-0002", "TEC-01-0003"]
    assert AuditEntry.objects.filter(action="exams.angoff.opened").count() == 1


def test_a_fixed_form_study_rates_the_fixed_items(sitting, registrar, panel):
    blueprint = sitting.blueprint
    blueprint.form_mode = Blueprint.FormMode.FIXED
    blueprint.save()
    blueprint.fixed_items.set(Item.objects.filter(code__in=["TEC-01-0001", "TEC-01-0003"]))
    study = angoff.open_study(blueprint=blueprint, actor=registrar, panellists=panel)
    assert [v.item.code for v in angoff.study_versions(study)] == ["TEC-01-0001", "TEC-01-0003"]


def test_the_hand_worked_example_gives_the_exact_cut_sd_and_standard_error(study, panel):
    _rate_all(study, panel)
    summary = angoff.summarise(study)
    assert [p.mean for p in summary.panellists if p.person == panel[0]] == [75.0]
    assert sorted(p.mean for p in summary.panellists) == [65.0, 70.5, 75.0]
    assert summary.cut == Fraction(421, 6)
    assert summary.cut_score == pytest.approx(70.166667)
    assert summary.sd == pytest.approx(math.sqrt(301 / 12))
    assert summary.sd == pytest.approx(5.0083, abs=1e-4)
    assert summary.se == pytest.approx(2.8916, abs=1e-4)
    assert summary.pass_mark == 71
    assert summary.missing == []
    item_means = [i.mean for i in summary.items]
    assert item_means == pytest.approx([60, 200 / 3, 220 / 3, 242 / 3])
    assert summary.items[0].sd == pytest.approx(10.0)


def test_the_pass_mark_is_the_cut_rounded_up_to_a_whole_percent():
    assert angoff.pass_mark_for(Fraction(70)) == 70
    assert angoff.pass_mark_for(Fraction(7001, 100)) == 71
    assert angoff.pass_mark_for(Fraction(421, 6)) == 71
    assert angoff.pass_mark_for(70.0) == 70


def test_recording_the_cut_sets_the_pass_mark_and_is_audited(study, panel, registrar):
    _rate_all(study, panel)
    angoff.decide(study=study, actor=registrar)
    study.refresh_from_db()
    blueprint = Blueprint.objects.get(pk=study.blueprint_id)
    assert study.status == AngoffStudy.Status.DECIDED
    assert study.cut_score == pytest.approx(421 / 6)
    assert study.decided_by == registrar
    assert (blueprint.pass_mark, blueprint.pass_rule) == (71, Blueprint.PassRule.ANGOFF)
    entry = AuditEntry.objects.get(action="exams.angoff.decided")
    assert entry.actor == registrar
    assert entry.before == {"pass_mark": 70, "pass_rule": "fixed"}
    assert entry.after["pass_mark"] == 71
    assert entry.after["panellists"][str(panel[1].pk)]["ratings"] == {
        "TEC-01-0000 v1": 50,
        "TEC-01-0001 v1": 60,
        "TEC-01-0002 v1": 70,
        "TEC-01-0003 v1": 80,
    }
    assert entry.after["items"]["TEC-01-0000 v1"]["mean"] == pytest.approx(60)


def test_rating_again_in_the_same_round_replaces_the_rating(study, panel):
    _rate(study, panel[0], [60, 70, 80, 90])
    _rate(study, panel[0], [65, 70, 80, 90])
    mine = AngoffRating.objects.filter(study=study, panellist=panel[0])
    assert mine.count() == 4
    assert mine.get(version_id=_ids(study)[0]).percent == 65


def test_round_two_replaces_round_one_for_those_who_revised(study, panel, registrar):
    _rate_all(study, panel)
    angoff.open_round_two(study=study, actor=registrar)
    assert _rate(study, panel[1], [60, 70, 70, 80]) == 2  # B revises: mean 70
    summary = angoff.summarise(study)
    assert [(p.round, p.mean) for p in summary.panellists if p.person == panel[1]] == [(2, 70.0)]
    # A and C keep round 1: (75 + 70 + 70.5) / 3 = 71.8333 -> 72
    assert summary.cut == Fraction(431, 6)
    assert summary.pass_mark == 72
    # Round 1 stays as it was, and still gives the panel mean shown in round 2.
    assert AngoffRating.objects.filter(study=study, round=1).count() == 12
    assert summary.items[0].round_one_mean == pytest.approx(60)
    assert summary.items[0].mean == pytest.approx(190 / 3)  # 60, 60 (revised), 70
    angoff.decide(study=study, actor=registrar)
    assert Blueprint.objects.get(pk=study.blueprint_id).pass_mark == 72


def test_round_two_waits_until_every_panellist_has_rated_every_item(study, panel, registrar):
    _rate(study, panel[0], RATINGS["A"])
    with pytest.raises(ValidationError) as refused:
        angoff.open_round_two(study=study, actor=registrar)
    assert panel[1].display_name in refused.value.messages[0]
    assert angoff.current_round(study) == 1


def test_missing_ratings_block_the_decision_and_name_who_is_missing(study, panel, registrar):
    _rate(study, panel[0], RATINGS["A"])
    angoff.rate(study=study, actor=panel[1], ratings={_ids(study)[0]: 50})
    with pytest.raises(ValidationError) as refused:
        angoff.decide(study=study, actor=registrar)
    message = refused.value.messages[0]
    assert panel[0].display_name not in message
    assert f"{panel[1].display_name} (round 1: 1 of 4 items)" in message
    assert f"{panel[2].display_name} (round 1: 0 of 4 items)" in message
    study.refresh_from_db()
    assert study.status == AngoffStudy.Status.OPEN
    assert Blueprint.objects.get(pk=study.blueprint_id).pass_mark == 70


def test_a_round_two_left_half_done_blocks_the_decision(study, panel, registrar):
    _rate_all(study, panel)
    angoff.open_round_two(study=study, actor=registrar)
    angoff.rate(study=study, actor=panel[2], ratings={_ids(study)[0]: 75})
    with pytest.raises(ValidationError) as refused:
        angoff.decide(study=study, actor=registrar)
    assert f"{panel[2].display_name} (round 2: 1 of 4 items)" in refused.value.messages[0]


def test_a_panel_needs_three_examiners_or_committee_members(sitting, registrar, examiner, engineer):
    with pytest.raises(ValidationError) as refused:
        angoff.open_study(
            blueprint=sitting.blueprint, actor=registrar, panellists=[examiner, engineer]
        )
    messages = refused.value.message_dict["panellists"]
    assert "at least 3 panellists; 2 chosen" in messages[0]
    assert engineer.display_name in messages[1]
    assert not AngoffStudy.objects.exists()


def test_only_the_exam_manager_opens_and_decides(sitting, panel, study):
    with pytest.raises(PermissionDenied):
        angoff.open_study(blueprint=sitting.blueprint, actor=panel[0], panellists=panel)
    _rate_all(study, panel)
    with pytest.raises(PermissionDenied):
        angoff.decide(study=study, actor=panel[0])
    with pytest.raises(PermissionDenied):
        angoff.open_round_two(study=study, actor=panel[0])


def test_only_panellists_rate(study, registrar):
    outsider = make_person("examiner", two_factor=True)
    for person in (outsider, registrar):
        with pytest.raises(PermissionDenied):
            angoff.rate(study=study, actor=person, ratings={_ids(study)[0]: 50})
    assert not AngoffRating.objects.exists()


def test_ratings_are_whole_percentages_of_the_studys_items(study, panel):
    other = ItemVersion.objects.exclude(pk__in=_ids(study)).first()
    for ratings in ({_ids(study)[0]: 101}, {_ids(study)[0]: -1}, {_ids(study)[0]: 50.5}):
        with pytest.raises(ValidationError):
            angoff.rate(study=study, actor=panel[0], ratings=ratings)
    if other is not None:
        with pytest.raises(ValidationError):
            angoff.rate(study=study, actor=panel[0], ratings={other.pk: 50})
    assert not AngoffRating.objects.exists()


def test_a_decided_study_cannot_change_but_a_new_one_can_be_opened(
    study, panel, registrar, sitting
):
    with pytest.raises(ValidationError, match="still open"):
        angoff.open_study(blueprint=sitting.blueprint, actor=registrar, panellists=panel)
    _rate_all(study, panel)
    angoff.decide(study=study, actor=registrar)
    with pytest.raises(ValidationError):
        _rate(study, panel[0], [0, 0, 0, 0])
    with pytest.raises(ValidationError):
        angoff.open_round_two(study=study, actor=registrar)
    with pytest.raises(ValidationError):
        angoff.decide(study=study, actor=registrar)
    assert AngoffRating.objects.filter(study=study, percent=0).count() == 0
    again = angoff.open_study(blueprint=sitting.blueprint, actor=registrar, panellists=panel)
    assert again.status == AngoffStudy.Status.OPEN


def _sit_and_answer(attempt, engineer):
    """Answer every item of the attempt's form; the single-choice items wrongly."""
    for version in ItemVersion.objects.filter(pk__in=attempt.form).select_related("item"):
        response = {"choice": 1} if version.item.kind == "single" else {"value": 1.0}
        attempts.save_answer(
            attempt=attempt, actor=engineer, version_id=version.pk, response=response, now=NOW
        )
    return attempts.submit(attempt=attempt, actor=engineer, now=NOW)


def test_observed_difficulty_comes_from_submitted_attempts(study, attempt, engineer):
    submitted = _sit_and_answer(attempt, engineer)
    summary = angoff.summarise(study)
    sat = {i.version.pk: i for i in summary.items if i.version.pk in submitted.form}
    not_sat = [i for i in summary.items if i.version.pk not in submitted.form]
    assert len(sat) == 3
    assert len(not_sat) == 1
    scores = {a.version_id: a.score for a in submitted.answers.all()}
    for version_id, item in sat.items():
        assert (item.observed, item.answers) == (scores[version_id], 1)
    assert (not_sat[0].observed, not_sat[0].answers) == (None, 0)


# Pages


def _urls(study):
    return [
        ("get", reverse("exams:angoff_studies")),
        ("get", reverse("exams:angoff_study_new", args=[study.blueprint_id])),
        ("post", reverse("exams:angoff_study_new", args=[study.blueprint_id])),
        ("get", reverse("exams:angoff_study", args=[study.pk])),
        ("post", reverse("exams:angoff_round_two", args=[study.pk])),
        ("post", reverse("exams:angoff_decide", args=[study.pk])),
        ("get", reverse("exams:angoff_rate", args=[study.pk])),
        ("post", reverse("exams:angoff_rate", args=[study.pk])),
    ]


def test_anonymous_visitors_strangers_and_engineers_are_refused_everywhere(
    client, study, stranger, engineer
):
    for method, url in _urls(study):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response.url, url
    for person in (stranger, engineer):
        client.force_login(person)
        for method, url in _urls(study):
            assert getattr(client, method)(url).status_code in (403, 404), (person, url)
    assert AngoffStudy.objects.count() == 1
    assert not AuditEntry.objects.filter(action="exams.angoff.items_viewed").exists()


def test_an_examiner_off_the_panel_sees_neither_the_study_nor_its_items(client, study):
    client.force_login(make_person("examiner", two_factor=True))
    assert b"TEC-01" not in client.get(reverse("exams:angoff_studies")).content
    for method, url in _urls(study)[1:6]:
        assert getattr(client, method)(url).status_code == 403, url
    for method, url in _urls(study)[6:]:
        assert getattr(client, method)(url).status_code == 404, url
    assert not AuditEntry.objects.filter(action="exams.angoff.items_viewed").exists()


def test_the_manager_opens_a_study_on_its_page(client, sitting, registrar, panel):
    client.force_login(registrar)
    listing = client.get(reverse("exams:angoff_studies"))
    url = reverse("exams:angoff_study_new", args=[sitting.blueprint.pk])
    assert url in listing.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count('name="versions"') == 4
    too_few = client.post(url, {"panellists": [panel[0].pk], "versions": []})
    assert too_few.status_code == 400
    assert "at least 3 panellists" in too_few.content.decode()
    versions = list(ItemVersion.objects.filter(status="active").values_list("pk", flat=True))
    response = client.post(url, {"panellists": [p.pk for p in panel], "versions": versions})
    study = AngoffStudy.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("exams:angoff_study", args=[study.pk])
    assert set(study.panellists.all()) == set(panel)


def test_a_panellist_rates_every_item_on_one_page_and_the_view_is_recorded(client, study, panel):
    client.force_login(panel[0])
    url = reverse("exams:angoff_rate", args=[study.pk])
    assert url in client.get(reverse("exams:angoff_studies")).content.decode()
    page = client.get(url).content.decode()
    assert "Question 0" in page
    assert "Question 3" in page
    assert page.count('type="number"') == 4
    assert 'for="id_v' in page
    viewed = AuditEntry.objects.get(action="exams.angoff.items_viewed")
    assert viewed.actor == panel[0]
    data = {f"v{pk}": value for pk, value in zip(_ids(study), RATINGS["A"], strict=True)}
    assert client.post(url, {**data, f"v{_ids(study)[0]}": "101"}).status_code == 400
    assert not AngoffRating.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302
    mine = AngoffRating.objects.filter(study=study, panellist=panel[0], round=1)
    assert sorted(mine.values_list("percent", flat=True)) == [60, 70, 80, 90]
    assert 'value="90"' in client.get(url).content.decode()


def test_the_rating_page_falls_back_to_the_first_language_written(client, study, panel):
    version = angoff.study_versions(study)[0]
    version.content = {**version.content, "texts": {"en": "In English", "ru": "По-русски"}}
    version.languages = ["ru", "en"]
    version.save()
    client.force_login(panel[0])
    url = reverse("exams:angoff_rate", args=[study.pk])
    russian = client.get(url.replace("/en/", "/ru/", 1)).content.decode()
    assert "По-русски" in russian
    assert "Question 1" in russian
    uzbek = client.get(url.replace("/en/", "/uz/", 1)).content.decode()
    assert "По-русски" in uzbek
    assert "In English" not in uzbek


def test_round_two_shows_the_panel_mean_and_observed_difficulty(
    client, study, panel, registrar, attempt, engineer
):
    submitted = _sit_and_answer(attempt, engineer)
    _rate_all(study, panel)
    client.force_login(registrar)
    assert client.post(reverse("exams:angoff_round_two", args=[study.pk])).status_code == 302
    client.force_login(panel[1])
    page = client.get(reverse("exams:angoff_rate", args=[study.pk])).content.decode()
    assert "round 2" in page
    assert "Panel mean in round 1: 60.0 %" in page
    assert "candidates earned 0.0 % of the marks (1 answer)" in page
    assert "Observed difficulty: not sat yet." in page
    assert 'value="50"' in page  # round-1 ratings filled in
    sat = next(v for v in angoff.study_versions(study) if v.pk in submitted.form)
    assert f'id="id_v{sat.pk}"' in page


def test_the_study_page_shows_the_computation_and_records_the_cut(client, study, panel, registrar):
    _rate_all(study, panel)
    client.force_login(registrar)
    url = reverse("exams:angoff_study", args=[study.pk])
    page = client.get(url).content.decode()
    assert "70.17 %" in page
    means = {p.person.pk: f"{p.mean:.2f}" for p in angoff.summarise(study).panellists}
    sum_shown = " + ".join(
        means[p.pk] for p in study.panellists.order_by("family_name", "given_name", "pk")
    )
    assert sorted(means.values()) == ["65.00", "70.50", "75.00"]
    assert f"({sum_shown}) / 3" in page
    assert "5.01" in page
    assert "2.89" in page
    assert "71 %" in page
    response = client.post(reverse("exams:angoff_decide", args=[study.pk]), follow=True)
    assert "the pass mark is now 71 %" in response.content.decode()
    assert Blueprint.objects.get(pk=study.blueprint_id).pass_rule == "angoff"
    assert "Record the cut score" not in client.get(url).content.decode()


def test_the_study_page_names_who_must_still_rate(client, study, panel, registrar):
    _rate(study, panel[0], RATINGS["A"])
    client.force_login(registrar)
    response = client.post(reverse("exams:angoff_decide", args=[study.pk]), follow=True)
    page = response.content.decode()
    assert "Still to rate" in page
    assert panel[2].display_name in page
    assert AngoffStudy.objects.get().status == AngoffStudy.Status.OPEN


def test_the_list_of_studies_takes_a_fixed_number_of_queries(
    client, study, sitting, registrar, panel, django_assert_max_num_queries
):
    _rate_all(study, panel)
    angoff.decide(study=study, actor=registrar)
    angoff.open_study(blueprint=sitting.blueprint, actor=registrar, panellists=panel)
    client.force_login(registrar)
    url = reverse("exams:angoff_studies")
    client.get(url)
    with django_assert_max_num_queries(6):
        page = client.get(url).content.decode()
    assert page.count(reverse("exams:angoff_study", args=[study.pk])) == 1
    assert page.count("Open the study") == 2


def test_every_standard_setting_action_has_a_label():
    import re
    from pathlib import Path

    from muhandis.core.audit import ACTION_LABELS

    source = Path(angoff.__file__).read_text()
    recorded = set(re.findall(r'"(exams\.angoff\.[a-z_]+)"', source))
    assert len(recorded) == 5
    assert sorted(recorded - set(ACTION_LABELS)) == []

import csv
import datetime
import io
import re
import zipfile

import openpyxl
import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from muhandis.accounts.tests.factories import make_person
from muhandis.core.models import AuditEntry
from muhandis.exams.analysis import charts
from muhandis.exams.analysis import selectors as analysis_data
from muhandis.exams.analysis.export import SHEETS, safe_cell
from muhandis.exams.analysis.statistics import OMITTED
from muhandis.exams.attempts import services as attempts
from muhandis.exams.models import Answer, Item, ItemVersion, Registration, Sitting
from muhandis.exams.tests.support import NOW, sit

CODES = ["TEC-01-0000", "TEC-01-0001", "TEC-01-0002", "TEC-01-0003"]
# The hand-scored test of test_analysis.py, on a real sitting. Items 0000 and 0002 are numeric
# (right answer 5), 0001 and 0003 single choice (B is right). "-" is an item left unanswered.
RIGHT = {"numeric": {"value": 5}, "single": {"choice": 1}}
ANSWERS = [
    [RIGHT, RIGHT, RIGHT, RIGHT],  # total 4
    [RIGHT, RIGHT, RIGHT, "-"],  # 3
    [RIGHT, RIGHT, {"value": 4}, {"choice": 0}],  # 2
    [RIGHT, {"choice": 2}, RIGHT, {"choice": 2}],  # 2
    ["-", {"choice": 0}, {"value": 1}, RIGHT],  # 1
]
SCORES = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 1, 0], [0, 0, 0, 1]]
KR20 = 8 / 39  # worked out by hand in test_analysis.py


def _keyed(sitting):
    """Give the test items a key: numeric items answer 5, single-choice items option B."""
    for version in ItemVersion.objects.select_related("item"):
        content = dict(version.content)
        if version.item.kind == "numeric":
            content.update(answer=5, tolerance=0)
        else:
            content["options"] = [
                {"texts": {"en": t}, "fraction": f} for t, f in (("a", 0), ("b", 1), ("c", 0))
            ]
        ItemVersion.objects.filter(pk=version.pk).update(content=content)


def _sit(sitting, candidate, invigilator, answers, now=NOW):
    registration = Registration.objects.create(sitting=sitting, candidate=candidate, language="en")
    attempts.check_identity(registration=registration, actor=invigilator)
    attempt = attempts.start(registration=registration, actor=candidate, now=now)
    versions = ItemVersion.objects.select_related("item").filter(pk__in=attempt.form)
    for version in versions:
        answer = answers[CODES.index(version.item.code)]
        if answer == "-":
            continue
        response = answer[version.item.kind] if answer is RIGHT else answer
        attempts.save_answer(
            attempt=attempt, actor=candidate, version_id=version.pk, response=response, now=now
        )
    return attempts.submit(attempt=attempt, actor=candidate, now=now)


@pytest.fixture
def fixed_sitting(sitting, examiner):
    """Five candidates sat the same four items and scored the hand-made matrix."""
    _keyed(sitting)
    blueprint = sitting.blueprint
    blueprint.form_mode = blueprint.FormMode.FIXED
    blueprint.save()
    blueprint.fixed_items.set(Item.objects.filter(code__in=CODES))
    for answers in ANSWERS:
        _sit(sitting, make_person("engineer"), examiner, answers)
    return sitting


def _rows_by_total(data):
    return sorted(data.scores, key=lambda row: -sum(row))


# Building the matrix ------------------------------------------------------------------------


def test_the_sitting_matrix_holds_each_candidates_scores_and_chosen_options(fixed_sitting):
    data = analysis_data.sitting_data(fixed_sitting)

    assert [c.code for c in data.columns] == CODES
    assert [c.key for c in data.columns] == [None, "B", None, "B"]
    assert sorted(data.scores) == sorted(SCORES)
    assert data.complete
    assert data.pending == 0
    choices = {tuple(row[1::2]) for row in data.choices}
    assert choices == {("B", "B"), ("B", OMITTED), ("B", "A"), ("C", "C"), ("A", "B")}
    assert len(set(data.candidates)) == 5
    assert all(re.fullmatch(r"C-[0-9A-F]{10}", name) for name in data.candidates)


def test_the_whole_matrix_gives_the_figures_worked_out_by_hand(fixed_sitting):
    result = analysis_data.analyse_sitting(fixed_sitting)

    assert result.whole_matrix
    assert result.test.kr20 == pytest.approx(KR20)
    assert result.test.n_candidates == 5
    assert [i.stats.difficulty for i in result.items] == pytest.approx([0.8, 0.6, 0.6, 0.4])
    assert result.items[3].stats.flags == ["negative_discrimination"]
    assert result.items[1].stats.omitted == 0
    assert result.items[3].stats.omitted == 1
    options = {d.option: d for d in result.items[1].distractors}
    assert options["B"].is_key
    assert options["B"].count == 3
    assert options["C"].count == 1
    assert "attracts_upper_group" not in options["C"].notes


def test_an_item_not_on_a_form_is_left_out_rather_than_counted_wrong(sitting, examiner):
    _keyed(sitting)  # random forms: three of the four items each
    for answers in ANSWERS:
        _sit(sitting, make_person("engineer"), examiner, answers)

    result = analysis_data.analyse_sitting(sitting)

    data = result.data
    assert not result.whole_matrix
    assert all(sum(cell is not None for cell in row) == 3 for row in data.scores)
    for index, item in enumerate(result.items):
        seen = [row[index] for row in data.scores if row[index] is not None]
        assert item.stats.n == len(seen)
        assert item.stats.difficulty == pytest.approx(sum(seen) / len(seen))
    assert result.test.kr20 is None
    assert result.test.alpha is None


def test_an_essay_waiting_for_its_marker_is_left_out_until_marked(essay_sitting, examiner):
    sit(essay_sitting, make_person("engineer"), examiner)

    data = analysis_data.sitting_data(essay_sitting)
    essay = next(i for i, c in enumerate(data.columns) if c.kind == "essay")
    assert data.pending == 1
    assert data.scores[0][essay] is None

    Answer.objects.filter(version__item__kind="essay").update(score=0.5)
    data = analysis_data.sitting_data(essay_sitting)
    assert data.pending == 0
    assert data.scores[0][essay] == 0.5


def test_the_bank_shows_each_items_difficulty_per_sitting_oldest_first(fixed_sitting, examiner):
    earlier = NOW - datetime.timedelta(days=200)
    old = Sitting.objects.create(
        blueprint=fixed_sitting.blueprint,
        opens_at=earlier - datetime.timedelta(minutes=5),
        closes_at=earlier + datetime.timedelta(hours=2),
    )
    old.invigilators.add(examiner)
    for answers in (ANSWERS[0], ANSWERS[4]):
        _sit(old, make_person("engineer"), examiner, answers, now=earlier)

    trends = {t.code: t for t in analysis_data.bank_trends(period="quarter")}

    points = trends["TEC-01-0001"].versions[0].points
    assert [p.n for p in points] == [2, 5]
    assert [p.difficulty for p in points] == pytest.approx([0.5, 0.6])
    assert points[0].discrimination == pytest.approx(1.0)  # the stronger one got it right
    recent = analysis_data.bank_trends(since=timezone.localdate(NOW) - datetime.timedelta(days=30))
    assert [len(t.versions[0].points) for t in recent] == [1, 1, 1, 1]
    assert analysis_data.bank_trends(area_code="NO-SUCH-AREA") == []
    assert analysis_data.bank_trends(scheme_code="NO-SUCH-SCHEME") == []


# Exports ------------------------------------------------------------------------------------


def _kr20(matrix):
    n, k = len(matrix), len(matrix[0])
    totals = [sum(row) for row in matrix]
    mean = sum(totals) / n
    variance = sum((t - mean) ** 2 for t in totals) / n
    pq = sum(p * (1 - p) for p in (sum(row[i] for row in matrix) / n for i in range(k)))
    return k / (k - 1) * (1 - pq / variance)


def test_the_workbook_holds_the_raw_matrix_that_gives_the_pages_kr20(
    client, registrar, fixed_sitting
):
    client.force_login(registrar)
    page = client.get(reverse("exams:analysis_sitting", args=[fixed_sitting.pk]))
    shown = re.search(r'id="kr20">([^<]+)<', page.content.decode()).group(1)

    response = client.get(reverse("exams:analysis_sitting_export", args=[fixed_sitting.pk, "xlsx"]))

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == list(SHEETS)
    rows = list(workbook["responses"].iter_rows(values_only=True))
    assert rows[0][1:] == tuple(f"{code} v1" for code in CODES)
    matrix = [list(row[1:]) for row in rows[1:]]
    assert sorted(matrix) == sorted(SCORES)
    assert f"{_kr20(matrix):.3f}" == shown == f"{KR20:.3f}"
    assert AuditEntry.objects.filter(
        action="exams.analysis.exported", after__format="xlsx"
    ).exists()


def test_the_csv_download_is_a_zip_with_every_sheet(client, examiner, fixed_sitting):
    client.force_login(examiner)

    response = client.get(reverse("exams:analysis_sitting_export", args=[fixed_sitting.pk, "csv"]))

    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted(f"{name}.csv" for name in SHEETS)
    text = archive.read("responses.csv").decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text)))) == 6
    choices = archive.read("choices.csv").decode("utf-8-sig")
    assert OMITTED in choices
    assert AuditEntry.objects.filter(action="exams.analysis.exported", actor=examiner).exists()


def test_text_that_looks_like_a_formula_is_neutralised(client, registrar, fixed_sitting):
    scheme = fixed_sitting.blueprint.scheme
    scheme.title = '=HYPERLINK("http://evil.example","x")'
    scheme.save()
    Item.objects.filter(code=CODES[0]).update(code="@SUM")
    client.force_login(registrar)

    response = client.get(reverse("exams:analysis_sitting_export", args=[fixed_sitting.pk, "xlsx"]))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    exam = dict(workbook["test"].iter_rows(values_only=True))["Exam"]
    assert exam.startswith("'=HYPERLINK")
    assert "'@SUM v1" in next(workbook["responses"].iter_rows(values_only=True))
    assert [safe_cell(v) for v in ("+1", "-2", "plain", -2.5)] == ["'+1", "'-2", "plain", -2.5]


# Charts -------------------------------------------------------------------------------------


def test_the_distribution_chart_is_svg_with_a_title_and_a_bar_per_score(fixed_sitting):
    test = analysis_data.analyse_sitting(fixed_sitting).test
    bins = charts.score_bins(test.distribution, test.max_total)

    svg = ElementTree.fromstring(charts.distribution_svg(bins, title="Scores <&>"))

    ns = {"s": "http://www.w3.org/2000/svg"}
    assert svg.find("s:title", ns).text == "Scores <&>"
    assert svg.find("s:desc", ns).text
    bars = [r for r in svg.iter("{http://www.w3.org/2000/svg}rect") if r.get("class") == "bar"]
    assert len(bars) == len(bins) == 5  # totals 0 to 4
    assert [b.count for b in bins] == [0, 1, 2, 1, 1]
    assert "style" not in charts.distribution_svg(bins, title="x")


def test_partial_scores_are_grouped_in_one_point_bins():
    bins = charts.score_bins([(0.5, 1), (1.5, 2), (2.0, 1)], 2)

    assert [(b.low, b.high, b.count) for b in bins] == [(0, 1, 1), (1, 2, 3)]


def test_the_sparkline_is_svg_with_a_title_and_skips_missing_values():
    svg = ElementTree.fromstring(
        charts.sparkline_svg([0.2, None, 0.8], title="Difficulty", ids="d-1")
    )

    assert svg.find("{http://www.w3.org/2000/svg}title").text == "Difficulty"
    assert len(list(svg.iter("{http://www.w3.org/2000/svg}circle"))) == 2


# Pages --------------------------------------------------------------------------------------


def test_the_sitting_page_explains_flags_and_shows_the_chart(client, examiner, fixed_sitting):
    client.force_login(examiner)

    page = client.get(reverse("exams:analysis_sitting", args=[fixed_sitting.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    assert 'data-flag="negative_discrimination"' in html
    assert str(analysis_data.FLAG_TEXTS["negative_discrimination"]) in html
    assert 'class="table-warning"' in html


def test_the_sitting_page_takes_a_bounded_number_of_queries(
    client, registrar, fixed_sitting, examiner, django_assert_max_num_queries
):
    client.force_login(registrar)
    url = reverse("exams:analysis_sitting", args=[fixed_sitting.pk])
    client.get(url)
    for _ in range(3):
        _sit(fixed_sitting, make_person("engineer"), examiner, ANSWERS[0])

    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_the_bank_page_filters_and_shows_trends(client, registrar, fixed_sitting):
    client.force_login(registrar)
    url = reverse("exams:analysis_bank")

    page = client.get(url)
    assert page.status_code == 200
    assert "TEC-01-0001 v1" in page.content.decode()
    assert "Difficulty of TEC-01-0001 v1 over time" in page.content.decode()

    empty = client.get(url, {"since": timezone.localdate(NOW) + datetime.timedelta(days=1)})
    assert "TEC-01-0001 v1" not in empty.content.decode()
    wrong = client.get(url, {"since": "2025-02-01", "until": "2025-01-01"})
    assert wrong.status_code == 400


def _urls(sitting_pk: int) -> list[str]:
    return [
        reverse("exams:analysis_index"),
        reverse("exams:analysis_sitting", args=[sitting_pk]),
        reverse("exams:analysis_sitting_export", args=[sitting_pk, "csv"]),
        reverse("exams:analysis_sitting_export", args=[sitting_pk, "xlsx"]),
        reverse("exams:analysis_bank"),
    ]


def test_every_analysis_page_refuses_anonymous_visitors_engineers_and_strangers(
    client, engineer, stranger, sitting
):
    for url in _urls(sitting.pk):
        anonymous = client.get(url)
        assert anonymous.status_code == 302
        assert "login" in anonymous["Location"]
    for person in (engineer, stranger):
        client.force_login(person)
        for url in _urls(sitting.pk):
            assert client.get(url).status_code == 403, url
    assert not AuditEntry.objects.filter(action="exams.analysis.exported").exists()


def test_the_exam_manager_and_examiners_open_every_analysis_page(
    client, registrar, examiner, sitting
):
    for person in (registrar, examiner):
        client.force_login(person)
        for url in _urls(sitting.pk):
            assert client.get(url).status_code == 200, url

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from muhandis.accounts.models import Region
from muhandis.competencies.models import Competency
from muhandis.training import selectors
from muhandis.training.models import CourseCompetency
from muhandis.training.selectors import CatalogueFilters

from .factories import (
    CourseFactory,
    CourseSessionFactory,
    EnrolmentFactory,
    RoomFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


def codes(filters=None, **kwargs):
    filters = filters or CatalogueFilters(**kwargs)
    return [c.code for c in selectors.catalogue_courses(filters)]


def soon(days):
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def test_text_search_finds_a_title_in_either_script_and_the_code():
    CourseFactory(
        code="WSS-201",
        title_uz="Yomgʻir suvini boshqarish",
        title_ru="Управление дождевыми водами",
        title_en="Rainwater management",
    )
    CourseFactory(code="IWW-101", title="Industrial wastewater")
    assert codes(q="дождевыми") == ["WSS-201"]
    assert codes(q="Yomgir") == ["WSS-201"]
    assert codes(q="iww-101") == ["IWW-101"]
    assert codes(q="nothing like it") == []


def test_only_published_courses_are_in_the_catalogue():
    CourseFactory(code="SHOWN")
    CourseFactory(code="HIDDEN", is_published=False)
    assert codes() == ["SHOWN"]


def test_a_competency_filter_includes_courses_on_nodes_below_it():
    child = Competency.objects.filter(parent__isnull=False).select_related("parent").first()
    if child is None:  # the shipped framework is flat: nest one for the test
        top, child = Competency.objects.all()[:2]
        child.parent = top
        child.area = top.area
        child.save()
    parent = child.parent
    deep = CourseFactory(code="DEEP")
    CourseCompetency.objects.create(course=deep, competency=child)
    top = CourseFactory(code="TOP")
    CourseCompetency.objects.create(course=top, competency=parent)
    CourseFactory(code="OTHER")
    assert sorted(codes(competency=parent.pk)) == ["DEEP", "TOP"]
    assert codes(competency=child.pk) == ["DEEP"]
    assert sorted(codes(area=parent.area_id)) == ["DEEP", "TOP"]


def test_format_language_cpd_and_price_filters():
    CourseFactory(code="A", format="online_live", languages=["ru"], cpd_hours=8, price=500000)
    CourseFactory(code="B", format="classroom", languages=["uz", "en"], cpd_hours=24, price=2000000)
    assert codes(format="online_live") == ["A"]
    assert codes(language="en") == ["B"]
    assert codes(language="ru") == ["A"]
    assert codes(cpd_min=Decimal(10)) == ["B"]
    assert codes(price_max=Decimal(1000000)) == ["A"]
    assert codes(price_min=Decimal(1000000)) == ["B"]
    assert codes(sort="price") == ["A", "B"]
    assert codes(sort="cpd") == ["B", "A"]


def test_place_and_date_filters_look_at_upcoming_open_sessions():
    samarkand = VenueFactory(
        city="Samarkand",
        city_uz="Samarqand",
        city_ru="Самарканд",
        region=Region.objects.get(code="UZ-SA"),
    )
    in_tashkent = CourseFactory(code="TAS")
    in_samarkand = CourseFactory(code="SAM")
    CourseSessionFactory(course=in_tashkent, starts_at=soon(10), ends_at=soon(11))
    CourseSessionFactory(
        course=in_samarkand,
        room=RoomFactory(venue=samarkand),
        starts_at=soon(40),
        ends_at=soon(41),
    )
    # A past session and a cancelled one do not count.
    CourseSessionFactory(
        course=in_tashkent,
        room=RoomFactory(venue=samarkand),
        starts_at=soon(-5),
        ends_at=soon(-4),
    )
    CourseSessionFactory(
        course=in_tashkent,
        room=RoomFactory(venue=samarkand),
        starts_at=soon(50),
        ends_at=soon(51),
        status="cancelled",
    )
    sa = Region.objects.get(code="UZ-SA")
    assert codes(region=sa.pk) == ["SAM"]
    assert codes(city="Самарканд") == ["SAM"]
    assert codes(date_to=soon(20).date()) == ["TAS"]
    assert codes(date_from=soon(30).date()) == ["SAM"]
    assert codes(sort="date") == ["TAS", "SAM"]
    page = selectors.catalogue_page(CatalogueFilters(region=sa.pk))
    assert [len(c.upcoming) for c in page.courses] == [1]


def test_seats_left_counts_only_enrolments_that_hold_a_seat():
    session = CourseSessionFactory(max_seats=3)
    for status in ("confirmed", "paid", "waitlisted", "cancelled"):
        EnrolmentFactory(session=session, status=status)
    found = selectors.upcoming_sessions().get(pk=session.pk)
    assert found.seats_left == 1
    EnrolmentFactory(session=session, status="requested")
    EnrolmentFactory(session=session, status="offered")  # over-full still shows 0
    assert selectors.upcoming_sessions().get(pk=session.pk).seats_left == 0


def test_the_catalogue_page_reads_many_courses_in_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    for n in range(30):
        course = CourseFactory(code=f"C-{n:03d}")
        for k in range(3):
            session = CourseSessionFactory(
                course=course, starts_at=soon(10 + k * 3), ends_at=soon(11 + k * 3)
            )
            EnrolmentFactory(session=session)
    with django_assert_max_num_queries(4):
        page = selectors.catalogue_page(CatalogueFilters(sort="date"))
        rows = [
            (c.code, [s.seats_left for s in c.upcoming], [p.amount for p in c.prices.all()])
            for c in page.courses
        ]
    assert len(rows) == selectors.catalogue.PAGE_SIZE
    assert all(seats == [19, 19, 19] for _code, seats, _prices in rows)
    assert page.total == 30


def test_titles_sort_in_the_readers_language_falling_back_to_uzbek():
    from django.utils import translation

    CourseFactory(code="A", title="Bbb", title_uz="Bbb", title_en="Zzz")
    CourseFactory(code="B", title="Ccc", title_uz="Ccc", title_en="Aaa")
    CourseFactory(code="C", title="Mmm", title_uz="Mmm", title_en="")
    with translation.override("en"):
        assert codes() == ["B", "C", "A"]
    with translation.override("uz"):
        assert codes() == ["A", "B", "C"]

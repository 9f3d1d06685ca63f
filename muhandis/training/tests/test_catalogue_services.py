import datetime
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person
from muhandis.competencies.models import Competency, ProficiencyLevel, ProficiencyScale
from muhandis.core.models import AuditEntry
from muhandis.training import services
from muhandis.training.models import CourseSession, SessionDay
from muhandis.training.services import CompetencyTarget, PriceInput

from .factories import CourseFactory, CourseSessionFactory, EnrolmentFactory, RoomFactory

pytestmark = pytest.mark.django_db
TASHKENT = datetime.timezone(datetime.timedelta(hours=5))


def course_values(**extra):
    return {
        "code": "WSS-201",
        "title_uz": "Yomgʻir suvini boshqarish",
        "title_ru": "Управление дождевыми водами",
        "title_en": "Rainwater management",
        "summary_uz": "Yashil yechimlar",
        "level": "intermediate",
        "format": "classroom",
        "languages": ["uz", "ru"],
        "duration_hours": Decimal(24),
        "cpd_hours": Decimal(24),
        "cpd_category": "technical",
    } | extra


def at(day, hour, minute=0):
    """A moment in Tashkent time, `day` days from a fixed future Monday."""
    base = datetime.datetime(2030, 3, 4, tzinfo=TASHKENT)
    return base + datetime.timedelta(days=day, hours=hour, minutes=minute)


def session_values(room, start, end, **extra):
    return {
        "starts_at": start,
        "ends_at": end,
        "room": room,
        "language": "uz",
        "min_seats": 1,
        "max_seats": 10,
        "enrolment_deadline": start - datetime.timedelta(days=3),
    } | extra


@pytest.fixture
def manager():
    return make_person(Role.TRAINING_MANAGER, two_factor=True)


@pytest.fixture
def trainer_a():
    return make_person(Role.TRAINER, given_name="Anvar", family_name="Tursunov")


class TestCourses:
    def test_a_course_is_created_with_prices_competencies_and_an_audit_entry(self, manager):
        competency = Competency.objects.filter(parent__isnull=False).first() or (
            Competency.objects.first()
        )
        level = ProficiencyLevel.objects.filter(scale=competency.framework.scale).last()
        course = services.create_course(
            actor=manager,
            values=course_values(),
            prices=[
                PriceInput("individual", "UZS", "1 500 000"),
                PriceInput("member_firm", "UZS", Decimal("1200000")),
                PriceInput("individual", "KZT", "90000,50"),
            ],
            competencies=[CompetencyTarget(competency, level)],
        )
        assert not course.is_published
        prices = {(p.payer_kind, p.currency): p.amount for p in course.prices.all()}
        assert prices == {
            ("individual", "UZS"): Decimal("1500000"),
            ("member_firm", "UZS"): Decimal("1200000"),
            ("individual", "KZT"): Decimal("90000.50"),
        }
        link = course.course_competencies.get()
        assert (link.competency, link.level) == (competency, level)
        actions = set(AuditEntry.objects.values_list("action", flat=True))
        assert {
            "training.course.created",
            "training.course.prices_set",
            "training.course.competencies_set",
        } <= actions
        # The search key holds the titles of every language, reduced to Latin.
        assert "upravlenie" in course.search_text
        assert "rainwater" in course.search_text

    def test_a_negative_price_is_refused_with_a_clear_message(self, manager):
        course = CourseFactory()
        with pytest.raises(ValidationError) as refused:
            services.set_prices(
                course=course, prices=[PriceInput("individual", "UZS", "-10")], actor=manager
            )
        assert "cannot be negative" in " ".join(refused.value.messages)
        # The old prices stay.
        assert course.prices.count() == 3

    def test_a_price_given_twice_or_not_a_number_is_refused(self, manager):
        course = CourseFactory()
        with pytest.raises(ValidationError) as refused:
            services.set_prices(
                course=course,
                prices=[
                    PriceInput("individual", "UZS", "10"),
                    PriceInput("individual", "UZS", "12"),
                    PriceInput("member_firm", "UZS", "ten"),
                ],
                actor=manager,
            )
        text = " ".join(refused.value.messages)
        assert "given twice" in text
        assert "not an amount" in text

    def test_a_level_from_another_scale_is_refused(self, manager):
        course = CourseFactory()
        competency = Competency.objects.first()
        other = ProficiencyScale.objects.create(title="Other")
        level = ProficiencyLevel.objects.create(scale=other, value=1, name="One")
        with pytest.raises(ValidationError, match="not on the scale"):
            services.set_competencies(
                course=course, targets=[CompetencyTarget(competency, level)], actor=manager
            )

    def test_a_course_without_a_language_or_with_a_used_code_is_refused(self, manager):
        CourseFactory(code="WSS-201")
        with pytest.raises(ValidationError) as refused:
            services.create_course(actor=manager, values=course_values(languages=[]))
        assert "languages" in refused.value.message_dict
        with pytest.raises(ValidationError) as refused:
            services.create_course(actor=manager, values=course_values())
        assert "code" in refused.value.message_dict

    def test_publishing_needs_a_price_and_is_audited(self, manager):
        course = services.create_course(actor=manager, values=course_values())
        with pytest.raises(ValidationError, match="at least one price"):
            services.publish_course(course=course, published=True, actor=manager)
        services.set_prices(
            course=course, prices=[PriceInput("individual", "UZS", "100")], actor=manager
        )
        course = services.publish_course(course=course, published=True, actor=manager)
        assert course.is_published
        services.publish_course(course=course, published=False, actor=manager)
        assert AuditEntry.objects.filter(action="training.course.unpublished").count() == 1

    def test_an_update_records_only_what_changed(self, manager):
        course = services.create_course(actor=manager, values=course_values())
        services.update_course(
            course=course, actor=manager, values={"title_en": "Stormwater", "cpd_hours": 20}
        )
        entry = AuditEntry.objects.get(action="training.course.updated")
        assert entry.after == {"title_en": "Stormwater", "cpd_hours": "20"}


class TestVenues:
    def test_a_venue_and_room_are_saved_and_a_room_cannot_shrink_below_a_session(self, manager):
        from muhandis.accounts.models import Region

        venue = services.save_venue(
            values={
                "name_uz": "Markaz",
                "address_uz": "Navoiy 5",
                "city_uz": "Toshkent",
                "city_ru": "Ташкент",
                "region": Region.objects.get(code="UZ-TK"),
            },
            actor=manager,
        )
        room = services.save_room(venue=venue, name="A-1", capacity=30, actor=manager)
        CourseSessionFactory(room=room, max_seats=25)
        with pytest.raises(ValidationError) as refused:
            services.save_room(venue=venue, room=room, name="A-1", capacity=20, actor=manager)
        assert "25 seats" in " ".join(refused.value.messages)
        assert AuditEntry.objects.filter(action="training.venue.created").exists()


class TestSessions:
    def test_a_session_gets_one_day_per_calendar_day_in_tashkent_with_codes(self, manager):
        course = CourseFactory()
        room = RoomFactory()
        # 02:00 in Tashkent on day 0 is still the evening before in UTC.
        session = services.create_session(
            course=course,
            values=session_values(room, at(0, 2), at(2, 17)),
            trainers=[],
            actor=manager,
        )
        days = list(SessionDay.objects.filter(session=session).order_by("date"))
        assert [d.date for d in days] == [
            datetime.date(2030, 3, 4),
            datetime.date(2030, 3, 5),
            datetime.date(2030, 3, 6),
        ]
        assert len({d.check_in_code for d in days}) == 3
        assert all(len(d.check_in_code) == 6 for d in days)
        assert AuditEntry.objects.filter(action="training.session.created").exists()

    def test_changing_the_dates_keeps_the_codes_of_days_kept(self, manager):
        session = services.create_session(
            course=CourseFactory(),
            values=session_values(RoomFactory(), at(0, 9), at(1, 17)),
            trainers=[],
            actor=manager,
        )
        first = SessionDay.objects.get(session=session, date=datetime.date(2030, 3, 4))
        services.update_session(
            session=session,
            values={"ends_at": at(2, 17)},
            trainers=[],
            actor=manager,
        )
        dates = list(session.days.values_list("date", "check_in_code"))
        assert len(dates) == 3
        assert (first.date, first.check_in_code) in dates

    def test_a_room_cannot_host_two_overlapping_sessions(self, manager):
        room = RoomFactory()
        first = services.create_session(
            course=CourseFactory(code="WSS-A", title="Rainwater"),
            values=session_values(room, at(0, 9), at(0, 17)),
            trainers=[],
            actor=manager,
        )
        with pytest.raises(ValidationError) as refused:
            services.create_session(
                course=CourseFactory(),
                values=session_values(room, at(0, 16), at(0, 18)),
                trainers=[],
                actor=manager,
            )
        message = " ".join(refused.value.message_dict["room"])
        assert "WSS-A Rainwater" in message
        # Back to back is fine, and a cancelled session frees the room.
        services.create_session(
            course=CourseFactory(),
            values=session_values(room, at(0, 17), at(0, 19)),
            trainers=[],
            actor=manager,
        )
        services.cancel_session(session=first, reason="Trainer ill", actor=manager)
        services.create_session(
            course=CourseFactory(),
            values=session_values(room, at(0, 9), at(0, 12)),
            trainers=[],
            actor=manager,
        )

    def test_a_trainer_cannot_be_in_two_places_at_once(self, manager, trainer_a):
        services.create_session(
            course=CourseFactory(code="WSS-B", title="Wastewater"),
            values=session_values(RoomFactory(), at(1, 9), at(2, 17)),
            trainers=[trainer_a],
            actor=manager,
        )
        with pytest.raises(ValidationError) as refused:
            services.create_session(
                course=CourseFactory(format="online_live"),
                values=session_values(
                    None, at(2, 10), at(2, 12), online_url="https://meet.example.uz/x"
                ),
                trainers=[trainer_a],
                actor=manager,
            )
        message = " ".join(refused.value.message_dict["trainers"])
        assert "Anvar Tursunov" in message
        assert "WSS-B Wastewater" in message

    def test_editing_a_session_does_not_clash_with_itself(self, manager, trainer_a):
        session = services.create_session(
            course=CourseFactory(),
            values=session_values(RoomFactory(), at(0, 9), at(0, 17)),
            trainers=[trainer_a],
            actor=manager,
        )
        services.update_session(
            session=session, values={"ends_at": at(0, 18)}, trainers=[trainer_a], actor=manager
        )
        session.refresh_from_db()
        assert session.ends_at == at(0, 18)

    def test_bad_session_values_each_get_a_message(self, manager, stranger):
        room = RoomFactory(capacity=5)
        with pytest.raises(ValidationError) as refused:
            services.create_session(
                course=CourseFactory(languages=["uz"]),
                values=session_values(
                    room,
                    at(0, 9),
                    at(0, 8),
                    max_seats=8,
                    language="en",
                    enrolment_deadline=at(1, 0),
                ),
                trainers=[stranger],
                actor=manager,
            )
        errors = refused.value.message_dict
        assert {"ends_at", "max_seats", "language", "trainers", "enrolment_deadline"} <= set(errors)
        assert "holds 5 people" in " ".join(errors["max_seats"])

    def test_seats_cannot_drop_below_the_people_holding_one(self, manager):
        session = CourseSessionFactory(max_seats=5)
        for _ in range(3):
            EnrolmentFactory(session=session, status="confirmed")
        with pytest.raises(ValidationError, match="3 people already hold a seat"):
            services.update_session(
                session=session, values={"max_seats": 2}, trainers=[], actor=manager
            )

    def test_cancelling_needs_a_reason_and_a_cancelled_session_cannot_change(self, manager):
        session = CourseSessionFactory()
        with pytest.raises(ValidationError):
            services.cancel_session(session=session, reason=" ", actor=manager)
        services.cancel_session(session=session, reason="Too few people", actor=manager)
        session.refresh_from_db()
        assert session.status == CourseSession.Status.CANCELLED
        assert AuditEntry.objects.get(action="training.session.cancelled").reason == (
            "Too few people"
        )
        with pytest.raises(ValidationError, match="can no longer be changed"):
            services.update_session(
                session=session, values={"max_seats": 3}, trainers=[], actor=manager
            )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_bookings_of_a_room_cannot_both_pass(reference_data):
    manager = make_person(Role.TRAINING_MANAGER)
    room = RoomFactory()
    courses = [CourseFactory(), CourseFactory()]
    barrier = threading.Barrier(2)
    outcomes = []

    def book(course):
        try:
            barrier.wait()
            services.create_session(
                course=course,
                values=session_values(room, at(0, 9), at(0, 17)),
                trainers=[],
                actor=manager,
            )
            outcomes.append("created")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(c,)) for c in courses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused"]
    assert CourseSession.objects.filter(room=room).count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (SQLite has none)"
)
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_bookings_of_a_trainer_cannot_both_pass(reference_data):
    manager = make_person(Role.TRAINING_MANAGER)
    trainer = make_person(Role.TRAINER)
    barrier = threading.Barrier(2)
    outcomes = []

    def book(course):
        try:
            barrier.wait()
            services.create_session(
                course=course,
                values=session_values(
                    None, at(0, 9), at(0, 17), online_url="https://meet.example.uz/a"
                ),
                trainers=[trainer],
                actor=manager,
            )
            outcomes.append("created")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    courses = [CourseFactory(format="online_live"), CourseFactory(format="online_live")]
    threads = [threading.Thread(target=book, args=(c,)) for c in courses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "refused"]

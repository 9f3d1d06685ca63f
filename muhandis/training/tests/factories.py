import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from muhandis.accounts.models import Region
from muhandis.accounts.tests.factories import UserFactory
from muhandis.training.models import (
    Course,
    CoursePrice,
    CourseSession,
    Enrolment,
    Room,
    Venue,
)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"ENG-{100 + n}")
    title = factory.Sequence(lambda n: f"Course {n}")
    title_uz = factory.LazyAttribute(lambda o: o.title)
    summary = "What the course teaches."
    summary_uz = factory.LazyAttribute(lambda o: o.summary)
    level = "foundation"
    format = "classroom"
    languages = factory.LazyFunction(lambda: ["uz", "ru"])
    duration_hours = Decimal(16)
    cpd_hours = Decimal(16)
    cpd_category = "technical"
    ikpu_code = "10305001001000000"
    package_code = "1501367"
    is_published = True
    search_text = factory.LazyAttribute(
        lambda o: Course.search_text_for(
            o.code, [getattr(o, f"title_{lang}", "") or "" for lang in ("uz", "ru", "en")]
        )
    )

    @factory.post_generation
    def price(obj, create, extracted, **kwargs):
        if create:
            amount = Decimal(extracted) if extracted is not None else Decimal("1120000")
            for kind, factor in (
                ("individual", 1),
                ("member_firm", Decimal("0.8")),
                ("non_member_firm", Decimal("1.2")),
            ):
                CoursePrice.objects.create(
                    course=obj, payer_kind=kind, currency="UZS", amount=amount * factor
                )


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = "UZACE training centre"
    name_uz = "UZACE oʻquv markazi"
    address = "Amir Temur 1"
    address_uz = "Amir Temur 1"
    city = "Tashkent"
    city_uz = "Toshkent"
    region = factory.LazyFunction(lambda: Region.objects.get(code="UZ-TK"))


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Room {n}")
    capacity = 30


def _start() -> datetime.datetime:
    return timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=30
    )


class CourseSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSession

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(_start)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(days=1, hours=8))
    room = factory.SubFactory(RoomFactory)
    language = "uz"
    min_seats = 1
    max_seats = 20
    enrolment_deadline = factory.LazyAttribute(lambda o: o.starts_at - datetime.timedelta(days=2))
    status = "open"


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(CourseSessionFactory)
    person = factory.SubFactory(UserFactory)
    status = "confirmed"
    payer_kind = "individual"
    price = Decimal("1120000")
    currency = "UZS"
    requested_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)

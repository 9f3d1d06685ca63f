"""Demo CPD: the certified demo engineer has verified and unverified activities.

Loading twice changes nothing. Runs after the certification demo, which grants the certificate.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from . import services
from .models import CpdActivity

HOLDER = "malika.saidova@demo.muhandis.uz"
REGISTRAR = "registrar@demo.muhandis.uz"
DEMO_PDF = b"%PDF-1.4\n% Muhandis demo CPD certificate\n%%EOF\n"
# (title, provider, days ago, hours, category, competency codes, verified)
ACTIVITIES = [
    (
        "EPANET yordamida suv tarmoqlarini gidravlik modellashtirish",
        "Toshkent davlat texnika universiteti",
        0,
        "24",
        "technical",
        ["TEC-01", "TEC-02"],
        True,
    ),
    (
        "Suv loyihalari uchun FIDIC shartnomalari",
        "Oʻzbekiston muhandislar assotsiatsiyasi",
        0,
        "16",
        "management",
        ["FIN-01"],
        True,
    ),
    ("Muhandislik etikasi seminari", "Muhandis", 0, "4", "professional", ["PRO-01"], True),
    (
        "Ichimlik suvi uchun yangi sanitariya qoidalari",
        "Qurilish vazirligi vebinari",
        0,
        "3.5",
        "regulatory",
        ["REG-01"],
        False,
    ),
    (
        "Nasos stansiyalari: energiya samaradorligi",
        "Suvloyiha MChJ",
        200,
        "8",
        "technical",
        ["TEC-04"],
        False,
    ),
]


# The demo engineer's CPD for the level I certificate: one course verified, one waiting.
ENGINEER = "engineer@demo.muhandis.uz"
ENGINEER_ACTIVITIES = [
    (
        "Suv tarmoqlarida sizib chiqishlarni aniqlash",
        "Suvsoz AJ oʻquv markazi",
        40,
        "16",
        "technical",
        ["TEC-02"],
        True,
    ),
    (
        "Qurilish maydonida xavfsizlik: takrorlash kursi",
        "Qurilish vazirligi vebinari",
        5,
        "6",
        "regulatory",
        [],
        False,
    ),
]


def load(write: Callable[[str], object]) -> None:
    _load_for(write, HOLDER, ACTIVITIES)
    _load_for(write, ENGINEER, ENGINEER_ACTIVITIES)


def _load_for(write: Callable[[str], object], email: str, activities: list) -> None:
    from muhandis.accounts.models import User
    from muhandis.competencies.models import Competency

    holder = User.objects.filter(email=email).first()
    registrar = User.objects.filter(email=REGISTRAR).first()
    if holder is None or registrar is None:
        write("Demo CPD: skipped (no demo holder or registrar).")
        return
    if CpdActivity.objects.filter(person=holder).exists():
        write(f"Demo CPD activities: {CpdActivity.objects.count()} (0 created now).")
        return
    today = timezone.localdate()
    for title, provider, days_ago, hours, category, codes, verified in activities:
        activity = services.record_activity(
            person=holder,
            title=title,
            provider=provider,
            start_date=today - datetime.timedelta(days=days_ago),
            hours=Decimal(hours),
            category=category,
            competencies=Competency.objects.filter(code__in=codes, framework__code="MUHANDIS-CORE"),
            evidence=SimpleUploadedFile("certificate.pdf", DEMO_PDF),
        )
        if verified:
            services.verify_activity(activity=activity, actor=registrar)
    write(f"Demo CPD activities: {CpdActivity.objects.count()} ({len(activities)} created now).")

"""Demo certification schemes, open for applications. Loading twice changes nothing."""

from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils import timezone

from muhandis.accounts.models import User
from muhandis.competencies.models import Competency, Framework

from . import services
from .models import (
    Application,
    AssessmentMethod,
    Certificate,
    CpdRequirement,
    Scheme,
    SchemeCompetency,
)

# Texts are (uz, ru, en).
WSS = (
    "Suv taʼminoti va kanalizatsiya boʻyicha sertifikatlangan muhandis",
    "Сертифицированный инженер в области водоснабжения и канализации",
    "Certified Engineer, Water Supply and Sanitation",
)
LEVEL = ("{} daraja", "уровень {}", "level {}")
SCOPES = {
    "I": (
        "II yoki III darajali muhandis rahbarligida suv taʼminoti va kanalizatsiya tizimlarini "
        "loyihalash, qurish va ekspluatatsiya qilish ishlarini bajaradi.",
        "Выполняет работы по проектированию, строительству и эксплуатации систем водоснабжения "
        "и канализации под руководством инженера II или III уровня.",
        "Works on the design, construction and operation of water supply and sanitation "
        "systems under the supervision of a level II or III engineer.",
    ),
    "II": (
        "Suv taʼminoti va kanalizatsiya tizimlarini mustaqil loyihalaydi, nazorat qiladi va "
        "ekspluatatsiya qiladi hamda oʻz ishi hujjatlarini imzolaydi.",
        "Самостоятельно проектирует, осуществляет надзор и эксплуатирует системы водоснабжения "
        "и канализации и подписывает документацию по своей работе.",
        "Designs, supervises and operates water supply and sanitation systems independently "
        "and signs the documents of their own work.",
    ),
    "III": (
        "Murakkab suv taʼminoti va kanalizatsiya loyihalariga rahbarlik qiladi, boshqalarning "
        "ishini tasdiqlaydi, muhandislarni oʻqitadi va baholaydi.",
        "Руководит сложными проектами водоснабжения и канализации, утверждает работу других "
        "специалистов, обучает и оценивает инженеров.",
        "Leads complex water supply and sanitation projects, approves the work of others, and "
        "trains and assesses engineers.",
    ),
}
CONSTRUCTION = (
    "Sertifikatlangan qurilish muhandisi",
    "Сертифицированный инженер-строитель",
    "Certified Construction Engineer",
)
CONSTRUCTION_SCOPE = (
    "Binolar va inshootlarni loyihalaydi hamda qurilish ustidan texnik nazoratni amalga "
    "oshiradi, jumladan poydevorlar, konstruksiyalar va maydondagi xavfsizlik.",
    "Проектирует здания и сооружения и осуществляет технический надзор за строительством, "
    "включая фундаменты, конструкции и безопасность на площадке.",
    "Designs buildings and civil works and supervises their construction, including "
    "foundations, structures and site safety.",
)
CONDUCT = (
    "Men odamlar salomatligi va xavfsizligini birinchi oʻringa qoʻyaman, faqat oʻz malakam va "
    "sertifikatlangan sohamda ishlayman, har qanday manfaatlar toʻqnashuvini maʼlum qilaman, "
    "mijozlar maʼlumotlarining maxfiyligini saqlayman, malakamni muntazam oshirib boraman va "
    "hamkasblarimga jinsi va kelib chiqishidan qatʼi nazar hurmat bilan munosabatda boʻlaman.",
    "Я ставлю здоровье и безопасность людей на первое место, работаю только в пределах своей "
    "компетенции и сертифицированной области, заявляю о любом конфликте интересов, сохраняю "
    "конфиденциальность информации клиентов, поддерживаю свою компетентность и уважительно "
    "отношусь к коллегам независимо от их пола и происхождения.",
    "I put public health and safety first, work only within my competence and certified scope, "
    "declare every conflict of interest, keep clients' information confidential, keep my "
    "competence up to date, and treat colleagues with respect whatever their gender or "
    "background.",
)
FIDIC_COURSE = (
    "Assotsiatsiyaning FIDIC shartnoma shartlari boʻyicha kursi (24 soat)",
    "Курс ассоциации по условиям контрактов FIDIC (24 часа)",
    "The association's course on FIDIC conditions of contract (24 hours)",
)
ASSESSORS = (
    "Shu sohada teng yoki yuqori darajada sertifikatlangan ikki nafar baholovchi",
    "Два эксперта-оценщика, сертифицированные на том же или более высоком уровне в той же области",
    "Two assessors certified at the same or a higher level in the same field",
)
WSS_II = (
    "TEC-01:3 TEC-02:3 TEC-04:3 TEC-05:2 TCH-01:2 FIN-01:2 ENV-02:2 REG-01:3 REG-03:3 REG-04:3 "
    "LEG-01:2 PRO-01:3 PRO-02:2"
)
# code, level, texts, education, years, training, fee, requirements, methods
SCHEMES = [
    (
        "CE-WSS-I",
        "I",
        WSS,
        "bachelor",
        1,
        None,
        1_500_000,
        "TEC-01:2 TEC-02:2 TEC-04:2 REG-01:2 REG-03:2 PRO-01:3",
        {"written_exam"},
    ),
    (
        "CE-WSS-II",
        "II",
        WSS,
        "bachelor",
        3,
        FIDIC_COURSE,
        2_500_000,
        WSS_II,
        {"written_exam", "portfolio"},
    ),
    (
        "CE-WSS-III",
        "III",
        WSS,
        "master",
        7,
        FIDIC_COURSE,
        3_500_000,
        " ".join(f"{c.split(':')[0]}:{min(int(c.split(':')[1]) + 1, 4)}" for c in WSS_II.split())
        + " PRO-03:3 LEG-03:2",
        {"written_exam", "portfolio", "interview"},
    ),
    (
        "CE-CON",
        "",
        CONSTRUCTION,
        "bachelor",
        3,
        FIDIC_COURSE,
        2_500_000,
        "TEC-03:3 TEC-05:3 TCH-02:3 FIN-01:2 REG-01:3 REG-02:2 REG-03:3 LEG-01:2 PRO-01:3 PRO-02:2",
        {"written_exam", "portfolio"},
    ),
]
CPD_MINIMUMS = {"technical": 60, "management": 20, "regulatory": 20, "professional": 10}


def _texts(field: str, texts: tuple[str, str, str], level: str = "") -> dict[str, str]:
    uz, ru, en = texts
    if level:
        uz, ru, en = (
            f"{t}, {pattern.format(level)}" for t, pattern in zip(texts, LEVEL, strict=True)
        )
    return {field: uz, f"{field}_uz": uz, f"{field}_ru": ru, f"{field}_en": en}


def load(write: Callable[[str], object]) -> None:
    framework = Framework.objects.get(code="MUHANDIS-CORE", version=1)
    competencies = {c.code: c for c in Competency.objects.filter(framework=framework)}
    created = 0
    for code, level, title, education, years, training, fee, required, methods in SCHEMES:
        if Scheme.objects.filter(code=code).exists():
            continue
        scheme = Scheme.objects.create(
            code=code,
            level=level,
            framework=framework,
            education_level=education,
            experience_years=years,
            fee=Decimal(fee),
            validity_years=3,
            cpd_hours=150,
            **_texts("title", title, level),
            **_texts("scope", SCOPES[level] if title is WSS else CONSTRUCTION_SCOPE),
            **_texts("code_of_conduct", CONDUCT),
            **(_texts("required_training", training) if training else {}),
        )
        for item in required.split():
            competency_code, value = item.split(":")
            SchemeCompetency.objects.create(
                scheme=scheme, competency=competencies[competency_code], level=int(value)
            )
        for kind in [k for k in ("written_exam", "portfolio", "interview") if k in methods]:
            AssessmentMethod.objects.create(
                scheme=scheme,
                kind=kind,
                pass_mark=70 if kind == "written_exam" else None,
                **_texts("assessors", ASSESSORS),
            )
        for category, hours in CPD_MINIMUMS.items():
            CpdRequirement.objects.create(scheme=scheme, category=category, hours=hours)
        services.activate_scheme(scheme=scheme, actor=None)
        created += 1
    open_now = Scheme.objects.filter(status=Scheme.Status.ACTIVE).count()
    write(f"Certification schemes open for applications: {open_now} ({created} created now).")


# Candidates at each stage, so that the registrar's queue and the register are alive.
# (email, given, family, gender, region, scheme, stage)
CANDIDATES = [
    (
        "engineer@demo.muhandis.uz",
        "Dilnoza",
        "Karimova",
        "female",
        "UZ-TK",
        "CE-WSS-II",
        "submitted",
    ),
    ("jasur.qodirov@demo.muhandis.uz", "Jasur", "Qodirov", "male", "UZ-SA", "CE-WSS-I", "draft"),
    (
        "zarina.mirzayeva@demo.muhandis.uz",
        "Zarina",
        "Mirzayeva",
        "female",
        "UZ-FA",
        "CE-CON",
        "info_requested",
    ),
    (
        "otabek.ismoilov@demo.muhandis.uz",
        "Otabek",
        "Ismoilov",
        "male",
        "UZ-NG",
        "CE-WSS-III",
        "accepted",
    ),
    (
        "malika.saidova@demo.muhandis.uz",
        "Malika",
        "Saidova",
        "female",
        "UZ-TK",
        "CE-WSS-II",
        "granted",
    ),
    # The demo engineer has held level I for two years (renewal opens) and applies for level II.
    ("engineer@demo.muhandis.uz", "Dilnoza", "Karimova", "female", "UZ-TK", "CE-WSS-I", "held"),
    # Work for the demo examiner (an assessment to do) and the committee (a vote due).
    (
        "sevara.xolova@demo.muhandis.uz",
        "Sevara",
        "Xolova",
        "female",
        "UZ-SA",
        "CE-CON",
        "assessing",
    ),
    (
        "bahodir.yoqubov@demo.muhandis.uz",
        "Bahodir",
        "Yoqubov",
        "male",
        "UZ-NW",
        "CE-WSS-I",
        "ready",
    ),
]
DEMO_PDF = b"%PDF-1.4\n% Muhandis demo document\n%%EOF\n"


def load_applications(write: Callable[[str], object]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from muhandis.accounts.demo import person
    from muhandis.accounts.models import User
    from muhandis.accounts.roles import Role

    from .models import Application

    registrar = User.objects.filter(email="registrar@demo.muhandis.uz").first()
    made = 0
    for email, given, family, gender, region, code, stage in CANDIDATES:
        if not User.objects.filter(email=email).exists():
            person(Role.ENGINEER, email, given, family, gender, region)
        candidate = User.objects.get(email=email)
        scheme = Scheme.objects.get(code=code, status=Scheme.Status.ACTIVE)
        if Application.objects.filter(candidate=candidate, scheme__code=code).exists():
            continue
        application = services.start_application(candidate=candidate, scheme=scheme)
        _fill(application, candidate, scheme, SimpleUploadedFile("diploma.pdf", DEMO_PDF))
        if stage != "draft":
            services.submit_application(
                application=application,
                actor=candidate,
                accept_code_of_conduct=True,
                accept_data_processing=True,
            )
            _first_referee_confirms(application)
        if stage != "draft" and stage != "submitted":
            _all_referees_confirm(application)
        if stage not in ("draft", "submitted") and registrar is not None:
            decision = "request_info" if stage == "info_requested" else "accept"
            reason = (
                "Iltimos, mehnat daftarchangizni yuklang." if decision == "request_info" else ""
            )
            services.decide_eligibility(
                application=application, actor=registrar, decision=decision, reason=reason
            )
        application.refresh_from_db()
        if stage in ("granted", "held") and registrar is not None:
            _assess_and_grant(application, registrar)
        if stage == "held" and registrar is not None:
            _granted_earlier(application, months=26)
        elif stage == "ready" and registrar is not None:
            _assess(application, registrar)
        elif stage == "assessing" and registrar is not None:
            examiner = User.objects.get(email="examiner@demo.muhandis.uz")
            services.assign_assessor(application=application, assessor=examiner, actor=registrar)
        made += 1
    write(f"Demo applications: {Application.objects.count()} ({made} created now).")
    from .models import Certificate

    for certificate in Certificate.objects.all()[:3]:
        address = settings.SITE_URL.rstrip("/") + reverse("verify", args=[certificate.number])
        write(f"  Certificate {certificate.number}: {address}")


def _fill(application: Application, candidate: User, scheme: Scheme, upload: UploadedFile) -> None:
    import datetime

    services.add_education(
        application=application,
        actor=candidate,
        level="master" if scheme.education_level == "master" else "bachelor",
        institution="Toshkent davlat texnika universiteti",
        field="Suv taʼminoti va kanalizatsiya",
        year=2010,
    )
    services.add_experience(
        application=application,
        actor=candidate,
        employer="Suvloyiha MChJ",
        position="Muhandis",
        start_date=datetime.date(2011, 9, 1),
        end_date=None,
    )
    for index in range(scheme.referees_required):
        services.add_referee(
            application=application,
            actor=candidate,
            name=f"Tavsiyachi {index + 1}",
            email=f"referee{index + 1}.{candidate.pk}@demo.muhandis.uz",
            relation="Loyihalash boʻlimi boshligʻi",
        )
    services.add_evidence(application=application, actor=candidate, upload=upload, kind="diploma")


def _assess_and_grant(application: Application, registrar: User) -> None:
    """The demo examiner assesses, and two committee members grant."""
    from muhandis.accounts.demo import person
    from muhandis.accounts.models import User
    from muhandis.accounts.roles import Role

    if not User.objects.filter(email="committee2@demo.muhandis.uz").exists():
        person(Role.COMMITTEE, "committee2@demo.muhandis.uz", "Timur", "Xolmatov", "male", "UZ-XO")
    members = User.objects.filter(
        email__in=["committee@demo.muhandis.uz", "committee2@demo.muhandis.uz"]
    )
    _assess(application, registrar)
    for member in members:
        services.cast_vote(
            application=application,
            actor=member,
            outcome="grant",
            reasons="Baholash va imtihon talab qilingan darajalarni koʻrsatdi.",
        )


def _assess(application: Application, registrar: User) -> None:
    """The demo examiner assesses and enters the exam score: ready for the committee."""
    from muhandis.accounts.models import User

    examiner = User.objects.get(email="examiner@demo.muhandis.uz")
    assessment = services.assign_assessor(
        application=application, assessor=examiner, actor=registrar
    )
    services.declare_conflict(assessment=assessment, actor=examiner, has_conflict=False)
    for item in application.scheme.competencies.select_related("competency"):
        services.record_finding(
            assessment=assessment,
            actor=examiner,
            competency=item.competency,
            level=item.level,
            evidence="Loyiha hujjatlari va suhbat.",
        )
    services.complete_assessment(
        assessment=assessment,
        actor=examiner,
        recommendation="grant",
        note="Barcha talab qilingan darajalarga javob beradi.",
    )
    services.record_exam_result(application=application, actor=examiner, score=84)


def _granted_earlier(application: Application, *, months: int) -> None:
    """Move the certificate granted on ``application`` back in time, as if granted earlier."""
    import datetime

    from muhandis.core.dates import add_years

    from .models import Certificate

    certificate = Certificate.objects.get(decision__application=application)
    years = application.scheme.validity_years
    start = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
    Certificate.objects.filter(pk=certificate.pk).update(
        effective_date=start, expiry_date=add_years(start, years)
    )


def _all_referees_confirm(application: Application) -> None:
    for referee in application.referees.filter(invited_at__isnull=False, answered_at__isnull=True):
        services.respond_as_referee(
            token=services.referee_token(referee),
            confirmed=True,
            years=10,
            statement="Men bu muhandisning ishiga rahbarlik qilganman.",
        )


def _first_referee_confirms(application: Application) -> None:
    referee = application.referees.filter(invited_at__isnull=False).first()
    if referee is not None:
        services.respond_as_referee(
            token=services.referee_token(referee),
            confirmed=True,
            years=10,
            statement="Men bu muhandisning ishiga rahbarlik qilganman.",
        )


# Certified engineers for a living register: (email, given, family, Cyrillic name, gender,
# region, scheme, what happened after the grant).
REGISTER = [
    ("dilshod.tursunov@demo.muhandis.uz", "Dilshod", "Tursunov", "Дилшод Турсунов", "male",
     "UZ-SA", "CE-WSS-I", "valid"),
    ("gulnora.yusupova@demo.muhandis.uz", "Gulnora", "Yusupova", "Гулнора Юсупова", "female",
     "UZ-TO", "CE-WSS-III", "valid"),
    ("shahlo.ergasheva@demo.muhandis.uz", "Shahlo", "Ergasheva", "Шахло Эргашева", "female",
     "UZ-AN", "CE-CON", "limited"),
    ("rustam.nazarov@demo.muhandis.uz", "Rustam", "Nazarov", "Рустам Назаров", "male",
     "UZ-BU", "CE-CON", "suspended"),
    ("akmal.rashidov@demo.muhandis.uz", "Akmal", "Rashidov", "Акмал Рашидов", "male",
     "UZ-QR", "CE-WSS-II", "withdrawn"),
    ("feruza.aliyeva@demo.muhandis.uz", "Feruza", "Aliyeva", "Феруза Алиева", "female",
     "UZ-TK", "CE-WSS-I", "expired"),
    ("kamola.usmonova@demo.muhandis.uz", "Kamola", "Usmonova", "Камола Усмонова", "female",
     "UZ-SI", "CE-WSS-II", "reissued"),
]  # fmt: skip


def load_register(write: Callable[[str], object]) -> None:
    """Certified engineers whose certificates show each public status."""

    from django.core.files.uploadedfile import SimpleUploadedFile

    from muhandis.accounts.demo import person
    from muhandis.accounts.models import User
    from muhandis.accounts.roles import Role

    from .models import Certificate

    registrar = User.objects.filter(email="registrar@demo.muhandis.uz").first()
    if registrar is None:
        return
    made = 0
    for email, given, family, cyrillic, gender, region, code, fate in REGISTER:
        if Certificate.objects.filter(holder__email=email).exists():
            continue
        person(Role.ENGINEER, email, given, family, gender, region)
        holder = User.objects.get(email=email)
        holder.name_cyrillic = cyrillic
        holder.save(update_fields=["name_cyrillic"])
        scheme = Scheme.objects.get(code=code, status=Scheme.Status.ACTIVE)
        application = services.start_application(candidate=holder, scheme=scheme)
        _fill(application, holder, scheme, SimpleUploadedFile("diploma.pdf", DEMO_PDF))
        services.submit_application(
            application=application,
            actor=holder,
            accept_code_of_conduct=True,
            accept_data_processing=True,
        )
        _first_referee_confirms(application)
        services.decide_eligibility(
            application=application, actor=registrar, decision="accept", reason=""
        )
        application.refresh_from_db()
        _assess_and_grant(application, registrar)
        certificate = Certificate.objects.get(decision__application=application)
        _give_fate(certificate, fate, registrar)
        made += 1
    write(f"Demo register: {Certificate.objects.count()} certificates ({made} holders added now).")


def _give_fate(certificate: Certificate, fate: str, registrar: User) -> None:
    """Make a demo certificate show the public status ``fate`` names."""
    import datetime

    if fate in ("suspended", "withdrawn"):
        services.change_certificate_status(
            certificate=certificate,
            actor=registrar,
            action="suspend" if fate == "suspended" else "withdraw",
            reason="Namoyish: qurilish maydonidagi nazorat haqidagi shikoyat tekshirilmoqda.",
        )
    elif fate == "limited":
        services.reduce_scope(
            certificate=certificate,
            actor=registrar,
            limitation="Besh qavatgacha boʻlgan binolar.",
            reason="Namoyish: portfolio faqat kam qavatli binolarni qamrab olgan.",
        )
    elif fate == "reissued":
        services.reissue_certificate(
            certificate=certificate,
            actor=registrar,
            reason="Namoyish: egasi qogʻoz nusxani yoʻqotgan.",
        )
    elif fate == "expired":
        # Granted long ago: the validity period has ended.
        start = timezone.localdate() - datetime.timedelta(
            days=365 * certificate.scheme.validity_years + 30
        )
        Certificate.objects.filter(pk=certificate.pk).update(
            effective_date=start,
            expiry_date=start + datetime.timedelta(days=365 * certificate.scheme.validity_years),
        )

"""Demo exams: a small item bank in Uzbek, Russian and English for the water-supply and
sanitation schemes, blueprints, a sitting open now for the demo engineer, and a past sitting
whose essays wait for a marker. Loading twice changes nothing."""

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from muhandis.accounts.models import User
from muhandis.certification.models import Scheme
from muhandis.exams.formats.items import ItemDraft, Option, Pair, Unit, to_content
from muhandis.exams.models import Blueprint, Item, ItemVersion, Registration, Sitting

SCHEMES = ("CE-WSS-I", "CE-WSS-II", "CE-WSS-III")


def _t(uz: str, ru: str, en: str) -> dict[str, str]:
    return {"uz": uz, "ru": ru, "en": en}


def _choices(*options: tuple[dict, float]) -> tuple[Option, ...]:
    return tuple(Option(texts=texts, fraction=fraction) for texts, fraction in options)


# (code, competency, difficulty, draft)
ITEMS = [
    (
        "DEMO-TEC-001",
        "TEC-01",
        1,
        ItemDraft(
            kind="single",
            texts=_t(
                "Quvurdagi oqim tezligi 1,5 m/s, quvurning ichki kesim yuzasi 0,02 m². "
                "Suv sarfi qancha?",
                "Скорость потока в трубе 1,5 м/с, площадь внутреннего сечения 0,02 м². "
                "Каков расход воды?",
                "The flow velocity in a pipe is 1.5 m/s and its inner cross-section is "
                "0.02 m². What is the flow rate?",
            ),
            options=_choices(
                (_t("0,03 m³/s", "0,03 м³/с", "0.03 m³/s"), 1.0),
                (_t("0,3 m³/s", "0,3 м³/с", "0.3 m³/s"), 0.0),
                (_t("0,013 m³/s", "0,013 м³/с", "0.013 m³/s"), 0.0),
                (_t("75 m³/s", "75 м³/с", "75 m³/s"), 0.0),
            ),
        ),
    ),
    (
        "DEMO-TEC-002",
        "TEC-01",
        2,
        ItemDraft(
            kind="numeric",
            texts=_t(
                "Darsi–Veysbax formulasi \\(h_f = \\lambda \\frac{L}{D} \\frac{v^2}{2g}\\) "
                "boʻyicha: λ = 0,02, L = 500 m, D = 0,2 m, v = 1 m/s, g = 9,81 m/s². "
                "Bosim yoʻqotilishini metrda hisoblang.",
                "По формуле Дарси–Вейсбаха \\(h_f = \\lambda \\frac{L}{D} \\frac{v^2}{2g}\\): "
                "λ = 0,02, L = 500 м, D = 0,2 м, v = 1 м/с, g = 9,81 м/с². "
                "Рассчитайте потери напора в метрах.",
                "Using Darcy–Weisbach \\(h_f = \\lambda \\frac{L}{D} \\frac{v^2}{2g}\\): "
                "λ = 0.02, L = 500 m, D = 0.2 m, v = 1 m/s, g = 9.81 m/s². "
                "Compute the head loss in metres.",
            ),
            answer=2.55,
            tolerance=0.05,
            units=(Unit("m"),),
        ),
    ),
    (
        "DEMO-TEC-003",
        "TEC-02",
        2,
        ItemDraft(
            kind="multiple",
            texts=_t(
                "Ichimlik suvini tozalashning qaysi bosqichlari zarrachalarni olib tashlaydi?",
                "Какие стадии очистки питьевой воды удаляют взвешенные частицы?",
                "Which stages of drinking-water treatment remove suspended particles?",
            ),
            options=_choices(
                (
                    _t(
                        "Koagulyatsiya va flokulyatsiya",
                        "Коагуляция и флокуляция",
                        "Coagulation and flocculation",
                    ),
                    0.5,
                ),
                (_t("Filtrlash", "Фильтрация", "Filtration"), 0.5),
                (_t("Xlorlash", "Хлорирование", "Chlorination"), -0.5),
                (_t("Ftorlash", "Фторирование", "Fluoridation"), -0.5),
            ),
        ),
    ),
    (
        "DEMO-TEC-004",
        "TEC-04",
        1,
        ItemDraft(
            kind="true_false",
            texts=_t(
                "Nasos kavitatsiyasi soʻrish tomonidagi bosim suvning bugʻ bosimidan "
                "pastga tushganda yuz beradi.",
                "Кавитация насоса возникает, когда давление на всасывании падает ниже "
                "давления насыщенного пара воды.",
                "Pump cavitation occurs when the suction pressure falls below the vapour "
                "pressure of the water.",
            ),
            truth=True,
        ),
    ),
    (
        "DEMO-TEC-005",
        "TEC-03",
        3,
        ItemDraft(
            kind="essay",
            texts=_t(
                "Kichik shahar uchun 5 000 m³/sut quvvatli nasos stansiyasini loyihalashda "
                "qaysi omillarni hisobga olasiz? Ishonchlilik, energiya va texnik xizmatni "
                "asoslab bering.",
                "Какие факторы вы учтёте при проектировании насосной станции "
                "производительностью 5 000 м³/сут для малого города? Обоснуйте решения по "
                "надёжности, энергии и обслуживанию.",
                "Which factors would you weigh when designing a 5,000 m³/day pumping "
                "station for a small town? Justify your choices on reliability, energy "
                "and maintenance.",
            ),
            rubric=_t(
                "Ishonchlilik (zaxira nasoslar) — 30 %; energiya (ish nuqtasi, "
                "chastota oʻzgartirgich) — 30 %; texnik xizmat — 20 %; asoslash — 20 %.",
                "Надёжность (резервные насосы) — 30 %; энергия (рабочая точка, "
                "частотный преобразователь) — 30 %; обслуживание — 20 %; обоснование — 20 %.",
                "Reliability (standby pumps) 30 %; energy (duty point, variable-speed "
                "drive) 30 %; maintenance 20 %; reasoning 20 %.",
            ),
        ),
    ),
    (
        "DEMO-REG-001",
        "REG-04",
        2,
        ItemDraft(
            kind="single",
            texts=_t(
                "Ichimlik suvidagi qoldiq erkin xlor qaysi maqsadda nazorat qilinadi?",
                "С какой целью контролируется остаточный свободный хлор в питьевой воде?",
                "Why is residual free chlorine monitored in drinking water?",
            ),
            options=_choices(
                (
                    _t(
                        "Tarmoqdagi qayta ifloslanishdan himoya uchun",
                        "Для защиты от вторичного загрязнения в сети",
                        "To protect against recontamination in the network",
                    ),
                    1.0,
                ),
                (
                    _t(
                        "Suvning qattiqligini kamaytirish uchun",
                        "Для снижения жёсткости воды",
                        "To reduce water hardness",
                    ),
                    0.0,
                ),
                (
                    _t(
                        "Suvning rangini oshirish uchun",
                        "Для усиления цветности воды",
                        "To increase the colour of the water",
                    ),
                    0.0,
                ),
            ),
        ),
    ),
    (
        "DEMO-REG-002",
        "REG-03",
        1,
        ItemDraft(
            kind="true_false",
            texts=_t(
                "Quduqqa (yopiq joyga) kirishdan oldin havo tarkibini oʻlchash shart emas, "
                "agar ish 10 daqiqadan kam davom etsa.",
                "Перед входом в колодец (замкнутое пространство) не нужно проверять воздух, "
                "если работа длится меньше 10 минут.",
                "Before entering a manhole (a confined space) the air need not be tested "
                "if the work takes less than 10 minutes.",
            ),
            truth=False,
        ),
    ),
    (
        "DEMO-REG-003",
        "REG-01",
        2,
        ItemDraft(
            kind="short_text",
            texts=_t(
                "Oʻzbekistonda shaharsozlik normalari va qoidalari qisqacha qanday "
                "belgilanadi (lotin harflarida, 3 harf)?",
                "Как кратко обозначаются градостроительные нормы и правила в Узбекистане "
                "(латиницей, 3 буквы)?",
                "What is the short name of the town-planning norms and rules in "
                "Uzbekistan (3 Latin letters)?",
            ),
            options=_choices(
                (_t("ShNQ", "ShNQ", "ShNQ"), 1.0),
                (_t("SHNQ", "SHNQ", "SHNQ"), 1.0),
            ),
        ),
    ),
    (
        "DEMO-FIN-001",
        "FIN-01",
        2,
        ItemDraft(
            kind="numeric",
            texts=_t(
                "Smeta: materiallar 400 mln soʻm, mehnat 250 mln soʻm, mexanizmlar "
                "150 mln soʻm; kutilmagan xarajatlar 10 %. Jami necha mln soʻm?",
                "Смета: материалы 400 млн сумов, труд 250 млн, механизмы 150 млн; "
                "непредвиденные расходы 10 %. Итого, млн сумов?",
                "Estimate: materials 400 million soʻm, labour 250 million, plant "
                "150 million; contingency 10 %. Total, in million soʻm?",
            ),
            answer=880,
            tolerance=0.5,
        ),
    ),
    (
        "DEMO-ENV-001",
        "ENV-01",
        2,
        ItemDraft(
            kind="single",
            texts=_t(
                "Atrof-muhitga taʼsirni baholash (ATB) loyiha hayotining qaysi bosqichida "
                "boshlanishi kerak?",
                "На каком этапе жизненного цикла проекта должна начинаться оценка "
                "воздействия на окружающую среду (ОВОС)?",
                "At which stage of a project should the environmental impact assessment "
                "(EIA) begin?",
            ),
            options=_choices(
                (
                    _t("Texnik-iqtisodiy asoslashda", "На стадии ТЭО", "At the feasibility stage"),
                    1.0,
                ),
                (
                    _t(
                        "Qurilish tugagach",
                        "После завершения строительства",
                        "After construction is complete",
                    ),
                    0.0,
                ),
                (
                    _t(
                        "Foydalanishga topshirishda", "При вводе в эксплуатацию", "At commissioning"
                    ),
                    0.0,
                ),
            ),
        ),
    ),
    (
        "DEMO-LEG-001",
        "LEG-01",
        2,
        ItemDraft(
            kind="matching",
            texts=_t(
                "FIDIC kitoblarini ularning qoʻllanishi bilan moslang.",
                "Сопоставьте книги FIDIC с областью их применения.",
                "Match the FIDIC books to what they are for.",
            ),
            pairs=(
                Pair(
                    _t("Qizil kitob", "Красная книга", "Red Book"),
                    _t(
                        "Buyurtmachi loyihalagan qurilish",
                        "Строительство по проекту заказчика",
                        "Construction designed by the employer",
                    ),
                ),
                Pair(
                    _t("Sariq kitob", "Жёлтая книга", "Yellow Book"),
                    _t(
                        "Pudratchi loyihalaydi va quradi",
                        "Проектирование и строительство подрядчиком",
                        "Plant and design-build by the contractor",
                    ),
                ),
                Pair(
                    _t("Kumush kitob", "Серебряная книга", "Silver Book"),
                    _t("EPC / kalit topshirish", "EPC / под ключ", "EPC / turnkey"),
                ),
            ),
        ),
    ),
    (
        "DEMO-PRO-001",
        "PRO-01",
        1,
        ItemDraft(
            kind="single",
            texts=_t(
                "Buyurtmachi sizdan sinov natijalarini yaxshilab koʻrsatishni soʻradi. "
                "Muhandis qanday yoʻl tutadi?",
                "Заказчик просит вас «улучшить» результаты испытаний. Как поступает инженер?",
                "The client asks you to make the test results look better. What does an "
                "engineer do?",
            ),
            options=_choices(
                (
                    _t(
                        "Haqiqiy natijalarni yozadi va xavfni tushuntiradi",
                        "Фиксирует фактические результаты и объясняет риск",
                        "Reports the actual results and explains the risk",
                    ),
                    1.0,
                ),
                (
                    _t(
                        "Buyurtmachi soʻraganini bajaradi",
                        "Делает, как просит заказчик",
                        "Does as the client asks",
                    ),
                    0.0,
                ),
                (
                    _t(
                        "Natijalarni umuman yozmaydi",
                        "Не записывает результаты вовсе",
                        "Does not record the results at all",
                    ),
                    0.0,
                ),
            ),
        ),
    ),
]

BLUEPRINT_ROWS = [("TEC", 4), ("REG", 2), ("FIN", 1), ("ENV", 1), ("LEG", 1), ("PRO", 1)]


def load(write: Callable[[str], object]) -> None:
    from muhandis.accounts.demo import person
    from muhandis.accounts.roles import Role

    author = User.objects.filter(email="examiner@demo.muhandis.uz").first()
    manager = User.objects.filter(email="registrar@demo.muhandis.uz").first()
    if author is None or manager is None:
        return
    reviewer = User.objects.filter(email="reviewer@demo.muhandis.uz").first()
    if reviewer is None:
        person(Role.EXAMINER, "reviewer@demo.muhandis.uz", "Laylo", "Hamidova", "female", "UZ-TK")
        reviewer = User.objects.get(email="reviewer@demo.muhandis.uz")
    schemes = list(Scheme.objects.filter(code__in=SCHEMES, status=Scheme.Status.ACTIVE))
    if not schemes:
        return
    _load_bank(schemes, author=author, reviewer=reviewer, manager=manager)
    write(f"Demo item bank: {Item.objects.count()} items; blueprints for {', '.join(SCHEMES)}.")
    now = timezone.now()
    _open_sitting(schemes, now=now, author=author, manager=manager)
    _past_sitting(schemes, now=now, author=author, manager=manager, write=write)


def _load_bank(schemes: list[Scheme], *, author: User, reviewer: User, manager: User) -> None:
    """The demo items, reviewed and active, and a blueprint for each scheme."""
    from muhandis.competencies.models import Competency
    from muhandis.exams.bank import services

    framework = schemes[0].framework
    with transaction.atomic():
        for code, competency, difficulty, draft in ITEMS:
            if Item.objects.filter(code=code).exists():
                continue
            item = services.create_item(
                actor=author,
                code=code,
                kind=draft.kind,
                content=to_content(draft),
                competencies=Competency.objects.filter(code=competency, framework=framework),
                schemes=schemes,
                difficulty=difficulty,
            )
            version = item.versions.get()
            services.review(version=version, actor=reviewer)
            services.activate(version=version, actor=manager)
        for scheme in schemes:
            blueprint, created = Blueprint.objects.get_or_create(
                scheme=scheme, defaults={"time_limit_minutes": 40, "pass_mark": 60}
            )
            if created:
                blueprint.rows.bulk_create(
                    [
                        blueprint.rows.model(blueprint=blueprint, area_code=area, count=count)
                        for area, count in BLUEPRINT_ROWS
                    ]
                )


def _open_sitting(
    schemes: list[Scheme], *, now: datetime.datetime, author: User, manager: User
) -> None:
    """A sitting open now, the demo engineer registered and their identity checked."""
    from muhandis.exams.attempts import services as attempts
    from muhandis.exams.sittings import services as sittings

    level_two = next(s for s in schemes if s.code == "CE-WSS-II")
    engineer = User.objects.filter(email="engineer@demo.muhandis.uz").first()
    if not Sitting.objects.filter(room="Onlayn (namoyish)").exists() and engineer is not None:
        sitting = sittings.create_sitting(
            actor=manager,
            blueprint=level_two.blueprint,
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=60),
            room="Onlayn (namoyish)",
            invigilators=[author],
        )
        registration = Registration.objects.create(
            sitting=sitting, candidate=engineer, language=engineer.preferred_language
        )
        attempts.check_identity(registration=registration, actor=author)


def _past_sitting(
    schemes: list[Scheme],
    *,
    now: datetime.datetime,
    author: User,
    manager: User,
    write: Callable[[str], object],
) -> None:
    """A sitting of last week whose candidates have sat, their essays waiting for a marker."""
    from muhandis.accounts.demo import person
    from muhandis.accounts.roles import Role
    from muhandis.exams.sittings import services as sittings

    level_three = next((s for s in schemes if s.code == "CE-WSS-III"), None)
    if level_three and not Sitting.objects.filter(room="204-xona (namoyish)").exists():
        opens = now - datetime.timedelta(days=7)
        past = sittings.create_sitting(
            actor=manager,
            blueprint=level_three.blueprint,
            opens_at=opens,
            closes_at=opens + datetime.timedelta(hours=3),
            room="204-xona (namoyish)",
            invigilators=[author],
        )
        registered = sittings.register_accepted(sitting=past, actor=manager)
        for number in range(1, 6):
            person(
                Role.ENGINEER,
                f"candidate{number}@demo.muhandis.uz",
                ["Aziza", "Bekzod", "Charos", "Doston", "Elyor"][number - 1],
                "Namunaliyev" if number % 2 else "Namunaliyeva",
                "female" if number % 2 else "male",
                "UZ-TK",
            )
            candidate = User.objects.get(email=f"candidate{number}@demo.muhandis.uz")
            registered.append(
                Registration.objects.create(sitting=past, candidate=candidate, language="uz")
            )
        for index, registration in enumerate(registered):
            _sit_demo(registration, author, opens + datetime.timedelta(minutes=10), index)
        write(
            f"Demo sittings: one open now for the demo engineer, one past with "
            f"{len(registered)} candidates whose essays wait for a marker."
        )


def _sit_demo(
    registration: Registration, invigilator: User, start: datetime.datetime, index: int
) -> None:
    """A candidate who answered some questions right and wrote an essay."""
    from muhandis.exams.attempts import services as attempts
    from muhandis.exams.models import ItemVersion

    attempts.check_identity(registration=registration, actor=invigilator)
    candidate = registration.candidate
    attempt = attempts.start(registration=registration, actor=candidate, now=start)
    versions = ItemVersion.objects.select_related("item").filter(pk__in=attempt.form)
    for position, version in enumerate(sorted(versions, key=lambda v: v.pk)):
        right = position % 6 >= index % 6  # the first candidate right throughout, the others less
        response = _response(version, right, index)
        if response is None:
            continue
        attempts.save_answer(
            attempt=attempt,
            actor=candidate,
            version_id=version.pk,
            response=response,
            now=start + datetime.timedelta(minutes=position + 1),
        )
    attempts.submit(attempt=attempt, actor=candidate, now=start + datetime.timedelta(minutes=35))


def _response(version: ItemVersion, right: bool, index: int) -> dict | None:
    content, kind = version.content, version.item.kind
    language = "uz"
    if kind == "single":
        best = max(range(len(content["options"])), key=lambda i: content["options"][i]["fraction"])
        return {"choice": best if right else (best + 1) % len(content["options"])}
    if kind == "multiple":
        good = [i for i, o in enumerate(content["options"]) if o["fraction"] > 0]
        return {"choices": good if right else [*good[:1], len(content["options"]) - 1]}
    if kind == "true_false":
        return {"value": content["truth"] if right else not content["truth"]}
    if kind == "numeric":
        return {"value": content["answer"] if right else content["answer"] * 1.5}
    if kind == "matching":
        rights = [p["right"][language] for p in content["pairs"]]
        if not right:
            rights = rights[1:] + rights[:1]
        return {"pairs": {str(i): text for i, text in enumerate(rights)}}
    if kind == "short_text":
        return {"text": "ShNQ" if right else "SNiP"}
    if kind == "essay":
        return {
            "text": [
                "Ikkita ishchi va bitta zaxira nasos, chastota oʻzgartirgich bilan.",
                "Nasoslar ish nuqtasi boʻyicha tanlanadi; zaxira nasos kerak.",
                "Energiya tejamkorligi uchun chastota oʻzgartirgich oʻrnatiladi.",
                "Texnik xizmat jadvali va ehtiyot qismlar ombori rejalashtiriladi.",
                "Ishonchlilik uchun ikki manbadan elektr taʼminoti.",
                "Nasos stansiyasi shahar ehtiyojiga moslab loyihalanadi.",
            ][index % 6]
        }
    return None

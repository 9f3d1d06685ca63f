"""Demo forum for `make run`: categories in Uzbek, Russian and English, questions with answers
written by members in Uzbek or Russian (accepted answers, votes, comments, a mention), a post
hidden by flags waiting in the review queue, and people at every trust level. Everything goes
through the forum's services; loading twice changes nothing."""

from collections.abc import Callable

from django.db.models import F

from muhandis.accounts.demo import person
from muhandis.accounts.models import User
from muhandis.accounts.roles import Role

from .models import Category, ForumProfile, Topic
from .services import moderation, posting, trust

LANGUAGES = ("uz", "ru", "en")
# slug, parent slug, names (uz, ru, en), descriptions (uz, ru, en)
CATEGORIES = [
    ("construction", None, ("Qurilish", "Строительство", "Construction"),
     ("Loyihalash va qurilish masalalari.", "Вопросы проектирования и строительства.",
      "Design and construction questions.")),
    ("structures", "construction", ("Konstruksiyalar", "Конструкции", "Structures"),
     ("Temirbeton, metall va gʻisht konstruksiyalari.", "Железобетонные, металлические и "
      "каменные конструкции.", "Reinforced concrete, steel and masonry structures.")),
    ("foundations", "construction", ("Poydevorlar", "Фундаменты", "Foundations"),
     ("Gruntlar va poydevorlar.", "Грунты и фундаменты.", "Soils and foundations.")),
    ("water", None, ("Suv taʼminoti va kanalizatsiya", "Водоснабжение и канализация",
                     "Water supply and sanitation"),
     ("Suv tarmoqlari, nasos stansiyalari va tozalash.", "Сети, насосные станции и очистка.",
      "Networks, pumping stations and treatment.")),
    ("networks", "water", ("Tarmoqlar", "Сети", "Networks"),
     ("Quvurlar, tarmoqlarni hisoblash va taʼmirlash.", "Трубы, расчёт и ремонт сетей.",
      "Pipes, network design and repair.")),
    ("treatment", "water", ("Tozalash inshootlari", "Очистные сооружения", "Treatment"),
     ("Ichimlik suvi va oqova suvlarni tozalash.", "Очистка питьевой и сточных вод.",
      "Drinking water and wastewater treatment.")),
    ("law", None, ("Meʼyoriy hujjatlar va huquq", "Нормативы и право", "Regulation and law"),
     ("Qurilish meʼyorlari, litsenziyalar va shartnomalar.", "Строительные нормы, лицензии и "
      "договоры.", "Building codes, licences and contracts.")),
    ("codes", "law", ("Qurilish meʼyorlari", "Строительные нормы", "Building codes"),
     ("ShNQ, GOST va xalqaro standartlar.", "ШНК, ГОСТ и международные стандарты.",
      "National codes (ShNQ), GOST and international standards.")),
    ("contracts", "law", ("Shartnomalar", "Договоры", "Contracts"),
     ("Pudrat shartnomalari, FIDIC va tenderlar.", "Договоры подряда, FIDIC и тендеры.",
      "Works contracts, FIDIC and tenders.")),
    ("career", None, ("Kasbiy rivojlanish", "Карьера", "Career"),
     ("Sertifikatlash, oʻqish va ish.", "Сертификация, обучение и работа.",
      "Certification, learning and work.")),
]  # fmt: skip

# key, email, given, family, gender, region, language, trust level in the end
PEOPLE = [
    ("dilnoza", "engineer@demo.muhandis.uz", "Dilnoza", "Karimova", "female", "UZ-TK", "uz", 3),
    ("malika", "malika.saidova@demo.muhandis.uz", "Malika", "Saidova", "female", "UZ-TK", "uz", 2),
    ("otabek", "otabek.ismoilov@demo.muhandis.uz", "Otabek", "Ismoilov", "male", "UZ-NG", "uz", 1),
    ("rustam", "employer@demo.muhandis.uz", "Rustam", "Aliyev", "male", "UZ-SA", "uz", 2),
    ("olga", "olga.kim@demo.muhandis.uz", "Olga", "Kim", "female", "UZ-TK", "ru", 2),
    ("james", "james.miller@demo.muhandis.uz", "James", "Miller", "male", None, "ru", 1),
    ("sanjar", "sanjar.tursunov@demo.muhandis.uz", "Sanjar", "Tursunov", "male", "UZ-FA", "uz", 0),
    ("aziz", "registrar@demo.muhandis.uz", "Aziz", "Nazarov", "male", "UZ-TK", "uz", 2),
    ("zarina", "moderator@demo.muhandis.uz", "Zarina", "Saidova", "female", "UZ-SA", "uz", 2),
]  # fmt: skip

# category, asker, title, body, tags, answers: (author, body, votes from, accepted)
TOPICS = [
    (
        "foundations",
        "otabek",
        "Lyossli gruntlarda lentali poydevor chuqurligi qancha boʻlishi kerak?",
        "Toshkent viloyatida ikki qavatli turar joy uchun lentali poydevor loyihalayapman. "
        "Grunt — choʻkuvchan lyoss, II tur. Poydevorni qancha chuqurlikka qoʻyish va gruntni "
        "qanday tayyorlash kerak?",
        ["lyoss", "poydevor"],
        [
            (
                "dilnoza",
                "II tur choʻkuvchan gruntda faqat chuqurlik yetarli emas. Avval gruntni "
                "zichlash yoki **grunt yostigʻi** (0,8–1,5 m) qilish kerak. Muzlash chuqurligi "
                "Toshkentda taxminan 0,8 m, lekin asosiy masala — namlanishdan himoya: "
                "\n\n1. binoning atrofida kamida 1,5 m otmostka;\n2. suv quvurlarini "
                "poydevordan uzoqroq oʻtkazish;\n3. geologik qidiruv natijalariga koʻra hisob.",
                ["otabek", "malika", "rustam"],
                True,
            ),
            (
                "malika",
                "Qoʻshimcha: ShNQ 2.02.01 boʻyicha choʻkuvchanlik darajasini laboratoriyada "
                "aniqlatish shart. Kichik binolar uchun ham.",
                ["otabek"],
                False,
            ),
        ],
    ),
    (
        "networks",
        "olga",
        "Какие трубы выбрать для замены изношенной водопроводной сети?",
        "Меняем 3 км стальной сети диаметром 150–200 мм в махалле, давление до 6 атм. "
        "Рассматриваем ПЭ100 SDR17 и ВЧШГ. Что надёжнее с учётом наших грунтов и бюджета?",
        ["трубы", "водопровод"],
        [
            (
                "dilnoza",
                "Для 150–200 мм при 6 атм ПЭ100 SDR17 (PN10) вполне подходит и дешевле в "
                "монтаже: сварка встык, меньше стыков, нет коррозии. ВЧШГ оправдан на "
                "больших диаметрах и при высоких внешних нагрузках (под дорогами). Обязательно "
                "закладывайте сигнальную ленту и провод-спутник для поиска трассы.",
                ["olga", "rustam", "james"],
                True,
            ),
            (
                "rustam",
                "Мы на объекте в Самарканде брали ПЭ100 — за два года ни одной аварии. "
                "Главное — квалифицированные сварщики и протокол сварки на каждый стык.",
                ["olga"],
                False,
            ),
        ],
    ),
    (
        "treatment",
        "james",
        "Время контакта с хлором на небольших сельских водоочистных станциях",
        "Рассматриваем проект станции производительностью 500 м³/сут в сельском районе. "
        "Какое время контакта и какой остаточный хлор требуют местные нормы перед подачей "
        "воды в сеть? В проекте указаны 30 минут и 0,3 мг/л.",
        ["хлорирование", "питьевая-вода"],
        [
            (
                "malika",
                "Санитарные правила требуют не менее 30 минут контакта для свободного хлора и "
                "остаточного хлора 0,3–0,5 мг/л после контактного резервуара; в конце сети — "
                "не менее 0,3 мг/л связанного или 0,05 мг/л свободного. Так что цифры проекта — "
                "это минимум: рассчитывайте резервуар на пиковый расход, а не на "
                "среднесуточный.",
                ["james", "dilnoza"],
                True,
            ),
        ],
    ),
    (
        "codes",
        "sanjar",
        "Yangi ShNQ qachon kuchga kiradi va eski SNiP hali ishlatiladimi?",
        "Loyihalash institutida yangi ishlayapman. Baʼzi hujjatlarda SNiP, baʼzilarida ShNQ "
        "koʻrsatilgan. Qaysi birini ishlatish kerak?",
        ["shnq", "snip"],
        [
            (
                "aziz",
                "ShNQ (shaharsozlik normalari va qoidalari) kuchga kirgan joyda u SNiP oʻrnini "
                "bosadi. Hali ShNQ chiqmagan masalalarda SNiP amal qiladi. Har bir loyihada "
                "amaldagi meʼyorlar roʻyxatini Qurilish vazirligining rasmiy saytidan tekshiring. "
                "@otabek-ismoilov bu mavzuda kurs oʻtgan edi.",
                ["sanjar", "otabek", "dilnoza"],
                True,
            ),
        ],
    ),
    (
        "contracts",
        "rustam",
        "FIDIC Red Book: kutilmagan grunt sharoitlari xavfini kim koʻtaradi?",
        "Firmamiz donorlar moliyalashtirgan nasos stansiyasi tenderida subpudratchi sifatida "
        "qatnashyapti. Asosiy shartnoma — FIDIC Red Book 2017. Agar muhandislik-geologik "
        "qidiruv koʻrsatmagan qoyatoshga duch kelsak, daʼvo qila olamizmi?",
        ["fidic", "daʼvo"],
        [
            (
                "james",
                "По Red Book 2017, пункт 4.12 (Unforeseeable Physical Conditions — "
                "непредвидимые физические условия), Подрядчик вправе требовать продления срока "
                "и возмещения затрат, если своевременно направит уведомление. Права "
                "субподрядчика зависят от договора субподряда: убедитесь, что он передаёт вам "
                "положения пункта 4.12, и ведите записи с первого дня.",
                ["rustam", "aziz"],
                True,
            ),
            (
                "olga",
                "Важно: уведомление надо дать «как можно скорее» — на практике в течение 28 "
                "дней, иначе право на претензию теряется (пункт 20.2).",
                ["rustam"],
                False,
            ),
        ],
    ),
    (
        "structures",
        "malika",
        "Monolit yopmada yoriqlar: xavflimi?",
        "Quyilganidan 3 hafta oʻtib monolit yopmaning pastki yuzasida 0,2 mm gacha ingichka "
        "yoriqlar paydo boʻldi. Qolip 10 kunda olingan. Bu kirishish yoriqlarimi yoki "
        "konstruktiv muammo?",
        ["beton", "yoriqlar"],
        [
            (
                "dilnoza",
                "0,2 mm gacha toʻr shaklidagi yoriqlar odatda kirishish (usadka) natijasi — "
                "ayniqsa issiq havoda parvarish yetarli boʻlmasa. Ammo qolip 10 kunda olingan "
                "boʻlsa, oraliq va yuklamani tekshiring: yoriqlar oraliq oʻrtasida, armaturaga "
                "koʻndalang boʻlsa — bu egilish belgisi. Yoriqlarni 2–3 hafta kuzatib, "
                "kengligini oʻlchab boring.",
                ["malika", "otabek"],
                False,
            ),
        ],
    ),
    (
        "career",
        "otabek",
        "Sertifikatlash imtihoniga qanday tayyorlanish kerak?",
        "CE-WSS-II sertifikati uchun ariza bermoqchiman. Imtihonga tayyorlanishda qaysi "
        "kurslar va materiallar foydali?",
        ["sertifikat", "imtihon"],
        [],
    ),
]

# A spam post by the new member, flagged by three members: hidden, waiting for a moderator.
SPAM = (
    "sanjar",
    "Arzon sement va armatura! Eng past narxlar, yetkazib berish bepul, hoziroq qoʻngʻiroq "
    "qiling: +998 90 000 00 00",
)
FLAGGERS = ("olga", "rustam", "dilnoza")


def load(write: Callable[[str], object]) -> None:
    if Topic.objects.exists():
        write(f"Forum: {Topic.objects.count()} topics already there.")
        return
    categories = _categories()
    people = _people()
    for entry in TOPICS:
        _topic(categories, people, *entry)
    _spam(people)
    _levels(people)
    write(
        f"Forum: {len(categories)} categories, {Topic.objects.count()} topics; one post hidden "
        "by flags waits in the community moderator's review queue."
    )


def _categories() -> dict[str, Category]:
    made: dict[str, Category] = {}
    for position, (slug, parent, names, descriptions) in enumerate(CATEGORIES):
        made[slug], _created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "parent": made[parent] if parent else None,
                "position": position,
                **{f"name_{lang}": name for lang, name in zip(LANGUAGES, names, strict=True)},
                **{
                    f"description_{lang}": text
                    for lang, text in zip(LANGUAGES, descriptions, strict=True)
                },
            },
        )
    return made


def _people() -> dict[str, User]:
    found: dict[str, User] = {}
    for key, email, given, family, gender, region, language, _level in PEOPLE:
        role = Role.MODERATOR if key == "zarina" else Role.ENGINEER
        if key == "aziz":
            role = Role.REGISTRAR
        person(role, email, given, family, gender, region)
        user = User.objects.get(email=email)
        if key in ("olga", "james", "sanjar"):
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        # Everyone posts at level 3 while the demo is written (no pause between posts); the
        # levels they show are set at the end.
        ForumProfile.objects.filter(pk=trust.profile_of(user).pk).update(trust_level=3)
        found[key] = user
    return found


def _topic(
    categories: dict[str, Category],
    people: dict[str, User],
    category: str,
    asker: str,
    title: str,
    body: str,
    tags: list[str],
    answers: list[tuple[str, str, list[str], bool]],
) -> None:
    topic = posting.ask_question(
        person=people[asker], category=categories[category], title=title, body=body, tags=tags
    )
    for author, text, voters, accepted in answers:
        post = posting.answer(person=people[author], topic=topic, body=text)
        for voter in voters:
            if voter != author:
                posting.vote(person=people[voter], post=post, value=1)
        if accepted:
            posting.accept_answer(person=people[asker], post=post)
    if answers:
        posting.comment(
            person=people[asker], post=topic.posts.get(number=2), body="Rahmat! / Спасибо!"
        )


def _spam(people: dict[str, User]) -> None:
    topic = Topic.objects.get(title__startswith="Sertifikatlash imtihoniga")
    author, body = SPAM
    post = posting.answer(person=people[author], topic=topic, body=body)
    for flagger in FLAGGERS:
        moderation.flag_post(person=people[flagger], post=post, reason="spam")


def _levels(people: dict[str, User]) -> None:
    for key, _email, *_rest, level in PEOPLE:
        ForumProfile.objects.filter(person=people[key]).update(
            trust_level=level,
            topics_entered=F("topics_entered") + 10 * level,
            posts_read=F("posts_read") + 60 * level,
            days_visited=F("days_visited") + 8 * level,
        )

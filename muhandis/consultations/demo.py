"""Demo consultations for `make run`: an open one on a draft regulation on the design of water
supply networks (clauses pasted in Uzbek, then translated into Russian and English as staff
would, like the summary) with comments from demo members, and a closed one with the
association's published response. Everything goes through the services; loading twice changes
nothing."""

import datetime
from collections.abc import Callable

from django.utils import timezone

from muhandis.accounts.models import User

from .models import Consultation
from .selectors import participation
from .services import clauses, comments, consultations

WATER_TITLE = (
    "Suv taʼminoti tarmoqlarini loyihalash qoidalari (loyiha)",
    "Правила проектирования сетей водоснабжения (проект)",
    "Rules for the design of water supply networks (draft)",
)
WATER_SUMMARY = (
    "Vazirlik suv taʼminoti tashqi tarmoqlarini loyihalash boʻyicha yangi qoidalar loyihasini "
    "muhokamaga qoʻydi. Assotsiatsiya aʼzolarining fikrini bandma-band yigʻib, vazirlikka "
    "umumiy javob yuboradi.",
    "Министерство вынесло на обсуждение проект новых правил проектирования наружных сетей "
    "водоснабжения. Ассоциация собирает мнения членов по каждому пункту и направит "
    "министерству общий ответ.",
    "The ministry has put out a draft of new rules for the design of external water supply "
    "networks. The association gathers its members' views clause by clause and will send the "
    "ministry one response.",
)
MINISTRY = (
    "Oʻzbekiston Respublikasi Qurilish va uy-joy kommunal xoʻjaligi vazirligi",
    "Министерство строительства и жилищно-коммунального хозяйства Республики Узбекистан",
    "Ministry of Construction and Housing and Communal Services of the Republic of Uzbekistan",
)
WATER_DRAFT = """1. Umumiy qoidalar
Ushbu qoidalar aholi punktlarining suv taʼminoti tashqi tarmoqlarini loyihalashda qoʻllaniladi.
1.1 Qoʻllanish sohasi
Qoidalar yangi quriladigan va qayta tiklanadigan tarmoqlarga tatbiq etiladi.
2. Hisobiy suv sarfi
Hisobiy suv sarfi bir kishiga sutkasiga kamida 200 litr deb qabul qilinadi.
2.1 Yongʻinga qarshi suv sarfi
Yongʻinga qarshi suv sarfi aholi soniga qarab jadval boʻyicha belgilanadi.
3. Quvurlar va materiallar
Quvurlar polietilen, choʻyan yoki poʻlatdan boʻladi; asbest-sement quvurlar taqiqlanadi.
3.1 Quvurlarning yotqizish chuqurligi
Quvurlar grunt muzlash chuqurligidan kamida 0,5 metr pastda yotqiziladi.
4. Bosim
Tarmoqdagi erkin bosim bir qavatli binolar uchun kamida 10 metr boʻlishi kerak.
5. Hisob-kitob dasturlari
Gidravlik hisob-kitoblar vazirlik roʻyxatiga kiritilgan dasturlarda bajariladi.
"""
# clause number: heading and text in Russian, then in English (the draft itself is in Uzbek)
WATER_TRANSLATIONS = {
    "1": (
        "Общие положения",
        "Настоящие правила применяются при проектировании наружных сетей водоснабжения "
        "населённых пунктов.",
        "General provisions",
        "These rules apply to the design of external water supply networks of populated areas.",
    ),
    "1.1": (
        "Область применения",
        "Правила распространяются на вновь строящиеся и реконструируемые сети.",
        "Scope",
        "The rules apply to newly built and reconstructed networks.",
    ),
    "2": (
        "Расчётный расход воды",
        "Расчётный расход воды принимается не менее 200 литров на одного человека в сутки.",
        "Design water demand",
        "The design water demand is taken as at least 200 litres per person per day.",
    ),
    "2.1": (
        "Противопожарный расход воды",
        "Противопожарный расход воды устанавливается по таблице в зависимости от численности "
        "населения.",
        "Fire-fighting water demand",
        "The fire-fighting water demand is set from the table according to the population.",
    ),
    "3": (
        "Трубы и материалы",
        "Трубы выполняются из полиэтилена, чугуна или стали; асбестоцементные трубы запрещаются.",
        "Pipes and materials",
        "Pipes shall be made of polyethylene, cast iron or steel; asbestos-cement pipes are "
        "prohibited.",
    ),
    "3.1": (
        "Глубина заложения труб",
        "Трубы укладываются не менее чем на 0,5 метра ниже глубины промерзания грунта.",
        "Pipe laying depth",
        "Pipes shall be laid at least 0.5 metres below the depth of ground frost penetration.",
    ),
    "4": (
        "Давление",
        "Свободный напор в сети для одноэтажных зданий должен быть не менее 10 метров.",
        "Pressure",
        "The free head in the network shall be at least 10 metres for single-storey buildings.",
    ),
    "5": (
        "Программы для расчётов",
        "Гидравлические расчёты выполняются в программах, включённых в перечень министерства.",
        "Calculation software",
        "Hydraulic calculations shall be performed in software included in the ministry's list.",
    ),
}
# clause number, member's email, position, text, proposed wording, anonymous
WATER_COMMENTS = [
    ("2", "engineer@demo.muhandis.uz", "suggest",
     "Qishloq aholi punktlari uchun 200 litr koʻp: amaldagi meʼyor 125–160 litr.",
     "Hisobiy suv sarfi shaharlarda 200, qishloqlarda 160 litr deb qabul qilinadi.", False),
    ("3", "engineer@demo.muhandis.uz", "support",
     "Asbest-sement quvurlarni taqiqlash toʻgʻri qaror.", "", False),
    ("3", "employer@demo.muhandis.uz", "support",
     "Firmamiz polietilen quvurlar bilan ishlaydi; bu band amaliyotga mos.", "", False),
    ("3.1", "employer@demo.muhandis.uz", "oppose",
     "Janubiy viloyatlarda muzlash chuqurligi kichik; 0,5 metr qoʻshimcha xarajat keltiradi.",
     "", True),
    ("5", "suvoqova@demo.muhandis.uz", "oppose",
     "Dasturlar roʻyxati raqobatni cheklaydi; talablar dasturga emas, natijaga qoʻyilsin.",
     "Gidravlik hisob-kitoblar tasdiqlangan usullar boʻyicha istalgan dasturda bajariladi.",
     False),
    ("4", "suvoqova@demo.muhandis.uz", "neutral",
     "Koʻp qavatli binolar uchun bosim qanday hisoblanishi ham koʻrsatilsin.", "", False),
]  # fmt: skip

PUMPS_TITLE = (
    "Nasos stansiyalari energiya samaradorligi standarti (loyiha)",
    "Стандарт энергоэффективности насосных станций (проект)",
    "Energy efficiency standard for pumping stations (draft)",
)
PUMPS_DRAFT = """1. Qoʻllanish sohasi
Standart suv taʼminoti va kanalizatsiya nasos stansiyalariga tatbiq etiladi.
2. Energiya auditi
Har bir nasos stansiyasida har uch yilda energiya auditi oʻtkaziladi.
3. Chastota oʻzgartirgichlar
Quvvati 30 kVt dan ortiq nasoslar chastota oʻzgartirgich bilan jihozlanadi.
"""
PUMPS_TRANSLATIONS = {
    "1": (
        "Область применения",
        "Стандарт распространяется на насосные станции водоснабжения и канализации.",
        "Scope",
        "The standard applies to water supply and sewerage pumping stations.",
    ),
    "2": (
        "Энергетический аудит",
        "На каждой насосной станции энергетический аудит проводится раз в три года.",
        "Energy audit",
        "An energy audit shall be carried out at every pumping station every three years.",
    ),
    "3": (
        "Частотные преобразователи",
        "Насосы мощностью более 30 кВт оснащаются частотными преобразователями.",
        "Frequency converters",
        "Pumps with a power above 30 kW shall be fitted with frequency converters.",
    ),
}
PUMPS_COMMENTS = [
    ("2", "engineer@demo.muhandis.uz", "support", "Audit har uch yilda — maqbul muddat.", "",
     False),
    ("3", "employer@demo.muhandis.uz", "suggest",
     "30 kVt chegarasi kichik stansiyalar uchun qimmat.",
     "Quvvati 55 kVt dan ortiq nasoslar chastota oʻzgartirgich bilan jihozlanadi.", False),
]  # fmt: skip
PUMPS_RESPONSE = (
    "Assotsiatsiya standart loyihasini umuman qoʻllab-quvvatlaydi. 3-band boʻyicha aʼzolar "
    "chastota oʻzgartirgich talabini 55 kVt dan ortiq nasoslarga qoʻllashni taklif qiladi.",
    "Ассоциация в целом поддерживает проект стандарта. По пункту 3 члены предлагают применять "
    "требование о частотных преобразователях к насосам мощностью более 55 кВт.",
    "The association supports the draft standard as a whole. On clause 3, members propose that "
    "the requirement for frequency converters apply to pumps above 55 kW.",
)


def load(write: Callable[[str], object]) -> None:
    admin = User.objects.filter(email="admin@demo.muhandis.uz").first()
    if admin is None:
        return
    today = timezone.localdate()
    water = _consultation(
        admin,
        WATER_TITLE,
        WATER_SUMMARY,
        "regulation",
        WATER_DRAFT,
        WATER_TRANSLATIONS,
        WATER_COMMENTS,
        opens=today - datetime.timedelta(days=5),
        closes=today + datetime.timedelta(days=25),
    )
    pumps = _consultation(
        admin,
        PUMPS_TITLE,
        ("", "", ""),
        "standard",
        PUMPS_DRAFT,
        PUMPS_TRANSLATIONS,
        PUMPS_COMMENTS,
        opens=today - datetime.timedelta(days=60),
        closes=today - datetime.timedelta(days=30),
    )
    if pumps.status == "open":
        consultations.close_due_consultations(today=today)
        pumps.refresh_from_db()
        clause = pumps.clauses.get(number="3")
        consultations.write_clause_summary(
            actor=admin,
            clause=clause,
            values={
                "summary_uz": "Aʼzolar chegarani 55 kVt ga koʻtarishni taklif qiladi.",
                "summary_ru": "Члены предлагают поднять порог до 55 кВт.",
                "summary_en": "Members propose raising the threshold to 55 kW.",
            },
        )
        consultations.save_response(
            actor=admin,
            consultation=pumps,
            values=dict(zip(consultations.RESPONSE_FIELDS, PUMPS_RESPONSE, strict=True)),
        )
        consultations.publish_response(actor=admin, consultation=pumps)
    write(f"Consultations: {water.title_en} ({water.status}), {pumps.title_en} ({pumps.status})")


def _consultation(
    admin: User,
    title: tuple[str, str, str],
    summary: tuple[str, str, str],
    kind: str,
    draft: str,
    translations: dict[str, tuple[str, str, str, str]],
    said: list,
    *,
    opens: datetime.date,
    closes: datetime.date,
) -> Consultation:
    existing = Consultation.objects.filter(title_uz=title[0]).first()
    if existing is not None:
        return existing
    values = {
        **dict(zip(("title_uz", "title_ru", "title_en"), title, strict=True)),
        **dict(zip(("summary_uz", "summary_ru", "summary_en"), summary, strict=True)),
        **dict(zip(("addressee_uz", "addressee_ru", "addressee_en"), MINISTRY, strict=True)),
        "kind": kind,
        "language": "uz",
        "opens_on": opens,
        "closes_on": closes,
        "audience": "members",
    }
    consultation = consultations.create_consultation(actor=admin, values=values)
    clauses.replace_clauses(actor=admin, consultation=consultation, pasted=draft)
    # The paste fills only the draft's language; staff then give each clause its translations.
    for clause in consultation.clauses.all():
        heading_ru, text_ru, heading_en, text_en = translations[clause.number]
        clauses.save_clause(
            actor=admin,
            consultation=consultation,
            clause=clause,
            values={
                "number": clause.number,
                "heading_uz": clause.heading_uz,
                "text_uz": clause.text_uz,
                "heading_ru": heading_ru,
                "text_ru": text_ru,
                "heading_en": heading_en,
                "text_en": text_en,
            },
        )
    consultations.open_consultation(actor=admin, consultation=consultation, today=opens)
    for number, email, position, text, proposed, anonymous in said:
        person = User.objects.filter(email=email).first()
        if person is None or not participation.may_take_part(person, consultation):
            continue
        comments.comment_on_clause(
            actor=person,
            clause=consultation.clauses.get(number=number),
            position=position,
            text=text,
            proposed_wording=proposed,
            anonymous=anonymous,
            today=opens + datetime.timedelta(days=1),
        )
    return consultation

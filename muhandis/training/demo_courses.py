"""The demo catalogue: a dozen courses over the seven competency areas, among them the two pilot
courses of the ENGINE project (rainwater management, industrial wastewater)."""

from decimal import Decimal

# code, level, format, languages, hours, CPD hours, CPD category, competencies (code, level
# order), price in UZS (individual), IKPU code,
# (title uz, ru, en), (summary uz, ru, en)
COURSES = [
    (
        "ENV-RAIN",
        "intermediate",
        "blended",
        ["uz", "ru"],
        "24",
        "24",
        "regulatory",
        [("ENV-03", 3), ("TEC-01", 2), ("ENV-02", 2)],
        "2400000",
        (
            "Yomgʻir suvlarini barqaror boshqarish uchun yashil yechimlar",
            "Зелёные решения для устойчивого управления дождевыми стоками",
            "Green solutions for sustainable rainwater management",
        ),
        (
            "Shahar hududlarida yomgʻir suvini yigʻish, filtrlash va qayta foydalanish: "
            "bioswale, yashil tomlar, suv oʻtkazuvchi qoplamalar va hisob-kitoblar.",
            "Сбор, фильтрация и повторное использование дождевой воды в городе: биоканавы, "
            "зелёные кровли, проницаемые покрытия и расчёты.",
            "Collecting, filtering and reusing rainwater in towns: bioswales, green roofs, "
            "permeable pavements and the calculations behind them.",
        ),
    ),
    (
        "TEC-IWW",
        "advanced",
        "classroom",
        ["uz", "ru"],
        "32",
        "32",
        "technical",
        [("TEC-02", 3), ("ENV-04", 2), ("REG-04", 2)],
        "3200000",
        (
            "Sanoat oqova suvlarini tozalash",
            "Очистка промышленных сточных вод",
            "Industrial wastewater treatment",
        ),
        (
            "Sanoat korxonalari oqova suvlarining tarkibi, tozalash texnologiyalari, "
            "chiqindi loyqani boshqarish va oqizish meʼyorlariga rioya qilish.",
            "Состав сточных вод предприятий, технологии очистки, обращение с осадком и "
            "соблюдение нормативов сброса.",
            "What industrial effluent contains, how to treat it, how to handle the sludge and how "
            "to meet discharge limits.",
        ),
    ),
    (
        "TEC-EPANET",
        "foundation",
        "online_live",
        ["uz", "ru", "en"],
        "16",
        "16",
        "technical",
        [("TEC-01", 2)],
        "1200000",
        (
            "EPANET yordamida suv tarmoqlarini modellashtirish",
            "Моделирование водопроводных сетей в EPANET",
            "Modelling water networks with EPANET",
        ),
        (
            "Tarmoq modelini qurish, bosim va sarfni hisoblash, nasoslar va rezervuarlar.",
            "Построение модели сети, расчёт давлений и расходов, насосы и резервуары.",
            "Building a network model, computing pressures and flows, pumps and reservoirs.",
        ),
    ),
    (
        "TCH-BIM",
        "intermediate",
        "blended",
        ["ru", "en"],
        "40",
        "30",
        "technical",
        [("TCH-01", 3)],
        "3600000",
        (
            "Suv va kanalizatsiya loyihalarida BIM",
            "BIM в проектах водоснабжения и канализации",
            "BIM for water and sanitation projects",
        ),
        (
            "Axborot modeli, kolliziyalarni tekshirish va ISO 19650 boʻyicha maʼlumot almashish.",
            "Информационная модель, проверка коллизий и обмен данными по ISO 19650.",
            "The information model, clash detection and data exchange under ISO 19650.",
        ),
    ),
    (
        "TCH-PUMP",
        "foundation",
        "classroom",
        ["uz"],
        "8",
        "8",
        "technical",
        [("TCH-03", 2), ("TEC-04", 1)],
        "800000",
        (
            "Nasos stansiyalarining energiya samaradorligi",
            "Энергоэффективность насосных станций",
            "Energy efficiency of pumping stations",
        ),
        (
            "Energiya auditi, chastota oʻzgartirgichlar va ish rejimlarini optimallashtirish.",
            "Энергоаудит, частотные преобразователи и оптимизация режимов работы.",
            "Energy audits, variable-speed drives and optimising operating regimes.",
        ),
    ),
    (
        "FIN-COST",
        "foundation",
        "classroom",
        ["uz", "ru"],
        "16",
        "16",
        "management",
        [("FIN-01", 2)],
        "1400000",
        (
            "Qurilish smetasi va byudjetlashtirish",
            "Сметное дело и бюджетирование в строительстве",
            "Cost estimating and budgeting for construction",
        ),
        (
            "Resurs usulida smeta tuzish, narxlar indeksatsiyasi va loyiha byudjeti nazorati.",
            "Ресурсный метод составления смет, индексация цен и контроль бюджета проекта.",
            "Resource-based estimates, price indexation and keeping a project within budget.",
        ),
    ),
    (
        "FIN-PF",
        "advanced",
        "online_live",
        ["ru", "en"],
        "12",
        "12",
        "management",
        [("FIN-03", 3), ("ECO-01", 2)],
        "1800000",
        (
            "Suv xoʻjaliklari uchun loyiha moliyalashtirish",
            "Проектное финансирование для водоканалов",
            "Project finance for water utilities",
        ),
        (
            "Xalqaro moliya institutlari kreditlari, grantlar va davlat-xususiy sheriklik.",
            "Кредиты международных финансовых институтов, гранты и государственно-частное "
            "партнёрство.",
            "Loans from international finance institutions, grants and public-private "
            "partnerships.",
        ),
    ),
    (
        "ECO-TARIFF",
        "intermediate",
        "online_live",
        ["uz", "ru"],
        "8",
        "8",
        "management",
        [("ECO-02", 2)],
        "900000",
        (
            "Tariflar va xarajatlarni qoplash",
            "Тарифы и возмещение затрат",
            "Tariffs and cost recovery",
        ),
        (
            "Suv taʼminoti xizmatlari tarifini hisoblash va ijtimoiy jihatdan maqbul qilish.",
            "Расчёт тарифа на услуги водоснабжения и его социальная доступность.",
            "Setting a water tariff that covers costs and that households can afford.",
        ),
    ),
    (
        "ENV-EIA",
        "intermediate",
        "classroom",
        ["uz", "ru"],
        "24",
        "24",
        "regulatory",
        [("ENV-01", 3)],
        "2000000",
        (
            "Atrof-muhitga taʼsirni baholash",
            "Оценка воздействия на окружающую среду",
            "Environmental impact assessment",
        ),
        (
            "Oʻzbekiston va Qozogʻiston qonunchiligi hamda xalqaro banklar talablari boʻyicha "
            "ekologik ekspertiza.",
            "Экологическая экспертиза по законодательству Узбекистана и Казахстана и "
            "требованиям международных банков.",
            "Environmental review under Uzbek and Kazakh law and the lenders' standards.",
        ),
    ),
    (
        "REG-NORMS",
        "foundation",
        "self_paced",
        ["uz", "ru"],
        "6",
        "6",
        "regulatory",
        [("REG-01", 2)],
        "450000",
        (
            "Shaharsozlik normalari va qoidalari (ShNQ): yangi tahrir",
            "Градостроительные нормы и правила (ШНК): новая редакция",
            "Town-planning norms and rules (ShNQ): what changed",
        ),
        (
            "Suv taʼminoti va kanalizatsiya boʻyicha yangi normalar, oʻzgarishlar jadvali bilan.",
            "Новые нормы по водоснабжению и канализации с таблицей изменений.",
            "The new norms for water supply and sewerage, with a table of changes.",
        ),
    ),
    (
        "REG-OHS",
        "foundation",
        "classroom",
        ["uz", "ru"],
        "8",
        "8",
        "regulatory",
        [("REG-03", 2)],
        "600000",
        (
            "Qurilish maydonida mehnat muhofazasi",
            "Охрана труда на строительной площадке",
            "Occupational health and safety on site",
        ),
        (
            "Xavflarni baholash, qazish ishlari va yopiq joylarda ishlash xavfsizligi.",
            "Оценка рисков, безопасность земляных работ и работ в замкнутых пространствах.",
            "Risk assessment, safe excavation and work in confined spaces.",
        ),
    ),
    (
        "LEG-FIDIC",
        "intermediate",
        "classroom",
        ["ru", "en"],
        "16",
        "16",
        "management",
        [("LEG-01", 3), ("LEG-03", 2)],
        "2200000",
        (
            "FIDIC shartnoma shartlari",
            "Условия контрактов FIDIC",
            "FIDIC conditions of contract",
        ),
        (
            "Qizil va Sariq kitoblar, muddatlar, daʼvolar va nizolarni hal qilish.",
            "Красная и Жёлтая книги, сроки, претензии и разрешение споров.",
            "The Red and Yellow Books, time bars, claims and settling disputes.",
        ),
    ),
]

IKPU_TRAINING = "10899002001000000"  # Educational services: professional development courses
PACKAGE_CODE = "1545643"
KZT_PER_UZS = Decimal("0.04")

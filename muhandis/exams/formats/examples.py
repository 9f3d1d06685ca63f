"""One example item of each kind, in Uzbek, Russian and English: the rows of the spreadsheet
template, and a sample bank for trying the other formats."""

from __future__ import annotations

from .items import ItemDraft, Option, Pair, Unit


def _example(kind: str, name: str, en: str, uz: str, ru: str, **fields: object) -> ItemDraft:
    return ItemDraft(
        kind=kind,
        name=name,
        texts={"uz": uz, "ru": ru, "en": en},
        competencies=("TEC-01",),
        difficulty=2,
        **fields,  # type: ignore[arg-type]
    )


def _three(uz: str, ru: str, en: str) -> dict[str, str]:
    return {"uz": uz, "ru": ru, "en": en}


EXAMPLES: tuple[ItemDraft, ...] = (
    _example(
        "single",
        "HYD-SINGLE-1",
        "Which equation relates head loss to pipe friction?",
        "Qaysi tenglama quvurdagi ishqalanish bosim yoʻqotilishini ifodalaydi?",
        "Какое уравнение связывает потери напора с трением в трубе?",
        options=(
            Option(_three("Darsi–Veysbax", "Дарси–Вейсбаха", "Darcy–Weisbach"), 1.0),
            Option(_three("Bernulli", "Бернулли", "Bernoulli"), 0.0),
            Option(_three("Arximed", "Архимеда", "Archimedes"), 0.0),
        ),
    ),
    _example(
        "multiple",
        "FIDIC-MULTIPLE-1",
        "Which FIDIC books put design on the contractor?",
        "Qaysi FIDIC kitoblarida loyihalash pudratchi zimmasida?",
        "В каких книгах FIDIC проектирование возложено на подрядчика?",
        options=(
            Option(_three("Sariq kitob", "Жёлтая книга", "Yellow Book"), 0.5),
            Option(_three("Kumush kitob", "Серебряная книга", "Silver Book"), 0.5),
            Option(_three("Qizil kitob", "Красная книга", "Red Book"), 0.0),
        ),
    ),
    _example(
        "true_false",
        "HYD-TF-1",
        "Static pressure grows linearly with depth.",
        "Statik bosim chuqurlik bilan chiziqli oʻsadi.",
        "Статическое давление растёт линейно с глубиной.",
        truth=True,
    ),
    _example(
        "numeric",
        "HYD-NUMERIC-1",
        "A 200 mm pipe carries 30 l/s. What is the mean velocity?",
        "200 mm quvur 30 l/s suv oʻtkazadi. Oʻrtacha tezlik qancha?",
        "Труба 200 мм пропускает 30 л/с. Какова средняя скорость?",
        answer=0.955,
        tolerance=0.01,
        units=(Unit("m/s"),),
    ),
    _example(
        "matching",
        "FIDIC-MATCHING-1",
        "Match each FIDIC book to who designs the works.",
        "Har bir FIDIC kitobini loyihalovchi bilan moslang.",
        "Сопоставьте книги FIDIC с тем, кто проектирует.",
        pairs=(
            Pair(_three("Qizil", "Красная", "Red"), _three("buyurtmachi", "заказчик", "employer")),
            Pair(
                _three("Sariq", "Жёлтая", "Yellow"),
                _three("pudratchi", "подрядчик", "contractor"),
            ),
            Pair(
                _three("Kumush", "Серебряная", "Silver"),
                _three("pudratchi (EPC)", "подрядчик (EPC)", "contractor (EPC)"),
            ),
        ),
    ),
    _example(
        "short_text",
        "HYD-SHORT-1",
        "Name the instrument that measures pressure with a column of liquid.",
        "Suyuqlik ustuni bilan bosimni oʻlchaydigan asbobni ayting.",
        "Назовите прибор, измеряющий давление столбом жидкости.",
        options=(Option(_three("manometr", "манометр", "manometer"), 1.0),),
    ),
    _example(
        "essay",
        "FIDIC-ESSAY-1",
        "The employer's late drawings delayed the works by 40 days. Advise the contractor.",
        "Buyurtmachi chizmalarni kech berdi va ish 40 kunga kechikdi. Pudratchiga maslahat bering.",
        "Заказчик поздно выдал чертежи; работы задержаны на 40 дней. Дайте совет подрядчику.",
        rubric=_three(
            "Bildirishnoma muddati (2 ball); vaqt va xarajat (2 ball).",
            "Срок уведомления (2 балла); время и затраты (2 балла).",
            "Notice within 28 days (2 marks); time and cost (2 marks).",
        ),
    ),
)

"""The regions of Uzbekistan and Kazakhstan (ISO 3166-2:UZ and ISO 3166-2:KZ), named in three languages."""

from django.db import migrations

# (code, country, Uzbek (Latin), Russian, English)
REGIONS = [
    ("UZ-TK", "UZ", "Toshkent shahri", "город Ташкент", "Tashkent City"),
    ("UZ-AN", "UZ", "Andijon viloyati", "Андижанская область", "Andijan Region"),
    ("UZ-BU", "UZ", "Buxoro viloyati", "Бухарская область", "Bukhara Region"),
    ("UZ-FA", "UZ", "Fargʻona viloyati", "Ферганская область", "Fergana Region"),
    ("UZ-JI", "UZ", "Jizzax viloyati", "Джизакская область", "Jizzakh Region"),
    ("UZ-NG", "UZ", "Namangan viloyati", "Наманганская область", "Namangan Region"),
    ("UZ-NW", "UZ", "Navoiy viloyati", "Навоийская область", "Navoiy Region"),
    ("UZ-QA", "UZ", "Qashqadaryo viloyati", "Кашкадарьинская область", "Kashkadarya Region"),
    ("UZ-QR", "UZ", "Qoraqalpogʻiston Respublikasi", "Республика Каракалпакстан", "Republic of Karakalpakstan"),
    ("UZ-SA", "UZ", "Samarqand viloyati", "Самаркандская область", "Samarkand Region"),
    ("UZ-SI", "UZ", "Sirdaryo viloyati", "Сырдарьинская область", "Syrdarya Region"),
    ("UZ-SU", "UZ", "Surxondaryo viloyati", "Сурхандарьинская область", "Surkhandarya Region"),
    ("UZ-TO", "UZ", "Toshkent viloyati", "Ташкентская область", "Tashkent Region"),
    ("UZ-XO", "UZ", "Xorazm viloyati", "Хорезмская область", "Khorezm Region"),
    ("KZ-71", "KZ", "Astana shahri", "город Астана", "Astana City"),
    ("KZ-75", "KZ", "Olmaota shahri", "город Алматы", "Almaty City"),
    ("KZ-79", "KZ", "Chimkent shahri", "город Шымкент", "Shymkent City"),
    ("KZ-10", "KZ", "Abay viloyati", "Абайская область", "Abai Region"),
    ("KZ-11", "KZ", "Aqmola viloyati", "Акмолинская область", "Akmola Region"),
    ("KZ-15", "KZ", "Aqtoʻbe viloyati", "Актюбинская область", "Aktobe Region"),
    ("KZ-19", "KZ", "Olmaota viloyati", "Алматинская область", "Almaty Region"),
    ("KZ-23", "KZ", "Atirau viloyati", "Атырауская область", "Atyrau Region"),
    ("KZ-27", "KZ", "Gʻarbiy Qozogʻiston viloyati", "Западно-Казахстанская область", "West Kazakhstan Region"),
    ("KZ-31", "KZ", "Jambil viloyati", "Жамбылская область", "Jambyl Region"),
    ("KZ-33", "KZ", "Jetisuv viloyati", "Жетысуская область", "Jetisu Region"),
    ("KZ-35", "KZ", "Qaragʻandi viloyati", "Карагандинская область", "Karaganda Region"),
    ("KZ-39", "KZ", "Qoʻstanay viloyati", "Костанайская область", "Kostanay Region"),
    ("KZ-43", "KZ", "Qiziloʻrda viloyati", "Кызылординская область", "Kyzylorda Region"),
    ("KZ-47", "KZ", "Mangʻishloq viloyati", "Мангистауская область", "Mangystau Region"),
    ("KZ-55", "KZ", "Pavlodar viloyati", "Павлодарская область", "Pavlodar Region"),
    ("KZ-59", "KZ", "Shimoliy Qozogʻiston viloyati", "Северо-Казахстанская область", "North Kazakhstan Region"),
    ("KZ-61", "KZ", "Turkiston viloyati", "Туркестанская область", "Turkistan Region"),
    ("KZ-62", "KZ", "Ulitau viloyati", "Улытауская область", "Ulytau Region"),
    ("KZ-63", "KZ", "Sharqiy Qozogʻiston viloyati", "Восточно-Казахстанская область", "East Kazakhstan Region"),
]


def add_regions(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    for order, (code, country, uz, ru, en) in enumerate(REGIONS):
        Region.objects.update_or_create(
            code=code,
            defaults={
                "country": country, "sort_order": order, "name": uz,
                "name_uz": uz, "name_ru": ru, "name_en": en,
            },
        )


def remove_regions(apps, schema_editor):
    Region = apps.get_model("accounts", "Region")
    Region.objects.filter(code__in=[r[0] for r in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(add_regions, remove_regions)]

"""A degree listed on an application and missing from its candidate's profile (where the profile
checklist looked) becomes the profile's highest education: the profile is now the one answer to
"what education has this person", and adding education to an application keeps it so."""

from django.db import migrations

ORDER = ["other", "secondary_specialised", "bachelor", "master", "candidate", "doctor"]


def fill(apps, schema_editor) -> None:
    User = apps.get_model("accounts", "User")
    EducationEntry = apps.get_model("certification", "EducationEntry")
    best: dict[int, object] = {}
    for entry in EducationEntry.objects.select_related("application").order_by("pk"):
        person = entry.application.candidate_id
        known = best.get(person)
        if known is None or ORDER.index(entry.level) >= ORDER.index(known.level):
            best[person] = entry
    for person in User.objects.filter(pk__in=best, education_level=""):
        entry = best[person.pk]
        person.education_level = entry.level
        person.education_institution = entry.institution
        person.education_field = entry.field
        person.graduation_year = entry.year
        person.save(
            update_fields=[
                "education_level",
                "education_institution",
                "education_field",
                "graduation_year",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_contact_in_register"),
        ("certification", "0008_register_search_indexes"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

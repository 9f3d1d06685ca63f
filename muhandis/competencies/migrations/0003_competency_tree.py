"""Competencies nest to any depth under their area, and keep what Moodle's framework CSV
carries: description formats, level names, cross-references and completion rules."""

import django.db.models.deletion
from django.db import migrations, models

FORMATS = [("plain", "plain text"), ("html", "HTML")]


def _format_field() -> models.CharField:
    return models.CharField(
        choices=FORMATS, default="plain", max_length=5, verbose_name="description format"
    )


class Migration(migrations.Migration):
    dependencies = [("competencies", "0002_default_framework")]

    operations = [
        migrations.AddField(
            model_name="framework", name="description_format", field=_format_field()
        ),
        migrations.AddField(
            model_name="framework",
            name="scale_configuration",
            field=models.JSONField(
                blank=True,
                help_text=(
                    "As Moodle writes it: per level, numbered from 1, whether it is the default "
                    "and whether it is proficient."
                ),
                null=True,
                verbose_name="default and proficient levels",
            ),
        ),
        migrations.AddField(
            model_name="framework",
            name="taxonomies",
            field=models.CharField(
                blank=True,
                help_text="Moodle's taxonomy terms, one per level, e.g. “domain,competency,indicator”.",
                max_length=255,
                verbose_name="names of the levels",
            ),
        ),
        migrations.AddField(model_name="area", name="description_format", field=_format_field()),
        migrations.AddField(
            model_name="competency", name="description_format", field=_format_field()
        ),
        migrations.AddField(
            model_name="competency",
            name="parent",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for a competency directly under its area.",
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="children",
                to="competencies.competency",
                verbose_name="parent competency",
            ),
        ),
        migrations.AddField(
            model_name="competency",
            name="related",
            field=models.ManyToManyField(
                blank=True,
                to="competencies.competency",
                verbose_name="cross-referenced competencies",
            ),
        ),
        migrations.AddField(
            model_name="competency",
            name="rule_type",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "no rule"),
                    ("all", "all child competencies are complete"),
                    ("points", "the child competencies give enough points"),
                ],
                default="",
                max_length=10,
                verbose_name="completion rule",
            ),
        ),
        migrations.AddField(
            model_name="competency",
            name="rule_outcome",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (0, "nothing"),
                    (1, "attach evidence"),
                    (2, "send for review"),
                    (3, "complete the competency"),
                ],
                default=0,
                verbose_name="when the rule is met",
            ),
        ),
        migrations.AddField(
            model_name="competency",
            name="rule_config",
            field=models.JSONField(
                blank=True,
                help_text=(
                    "For a points rule: the points needed and, per child competency code, its "
                    "points and whether it is required."
                ),
                null=True,
                verbose_name="rule configuration",
            ),
        ),
        migrations.AddConstraint(
            model_name="competency",
            constraint=models.CheckConstraint(
                condition=models.Q(("parent", models.F("pk")), _negated=True),
                name="competencies_competency_not_own_parent",
                violation_error_message="A competency cannot be its own parent.",
            ),
        ),
    ]

"""The default course evaluation questionnaire, in Uzbek, Russian and English: level 1 at the
end of a course, level 3 a few months later (to the participant and their supervisor)."""

from django.db import migrations

# key, kind, level, audience, required, measures_application, (en, ru, uz)
QUESTIONS = [
    ("l1_overall", "rating", 1, "participant", True, False, (
        "Overall, how satisfied are you with the course?",
        "Насколько в целом вы довольны курсом?",
        "Umuman olganda, kursdan qanchalik mamnunsiz?",
    )),
    ("l1_relevance", "rating", 1, "participant", True, False, (
        "How relevant was the course to your work?",
        "Насколько курс соответствует вашей работе?",
        "Kurs ishingizga qanchalik mos keldi?",
    )),
    ("l1_trainer_knowledge", "rating", 1, "participant", True, False, (
        "How well did the trainer know the subject?",
        "Насколько хорошо тренер знал предмет?",
        "Trener mavzuni qanchalik yaxshi bilardi?",
    )),
    ("l1_trainer_delivery", "rating", 1, "participant", True, False, (
        "How clearly and engagingly did the trainer teach?",
        "Насколько понятно и увлекательно вёл занятия тренер?",
        "Trener mashgʻulotlarni qanchalik tushunarli va qiziqarli olib bordi?",
    )),
    ("l1_materials", "rating", 1, "participant", True, False, (
        "How useful were the course materials?",
        "Насколько полезны были материалы курса?",
        "Kurs materiallari qanchalik foydali boʻldi?",
    )),
    ("l1_venue", "rating", 1, "participant", True, False, (
        "How suitable was the venue or the online platform?",
        "Насколько удобным было место проведения или онлайн-платформа?",
        "Oʻtkazilgan joy yoki onlayn platforma qanchalik qulay boʻldi?",
    )),
    ("l1_pace", "rating", 1, "participant", True, False, (
        "How right was the pace of the course?",
        "Насколько подходящим был темп курса?",
        "Kursning sur'ati qanchalik toʻgʻri boʻldi?",
    )),
    ("l1_recommend", "nps", 1, "participant", True, False, (
        "How likely are you to recommend this course to a colleague?",
        "Насколько вероятно, что вы порекомендуете этот курс коллеге?",
        "Ushbu kursni hamkasbingizga tavsiya qilish ehtimolingiz qanchalik?",
    )),
    ("l1_most_useful", "text", 1, "participant", False, False, (
        "What was most useful to you?",
        "Что было для вас самым полезным?",
        "Siz uchun eng foydali nima boʻldi?",
    )),
    ("l1_improve", "text", 1, "participant", False, False, (
        "What should we improve?",
        "Что нам следует улучшить?",
        "Nimani yaxshilashimiz kerak?",
    )),
    ("l3_applied", "yes_no", 3, "participant", True, True, (
        "Have you applied in your work what you learned on the course?",
        "Применяли ли вы в работе то, чему научились на курсе?",
        "Kursda oʻrganganlaringizni ishingizda qoʻlladingizmi?",
    )),
    ("l3_examples", "text", 3, "participant", False, False, (
        "Give an example of how you applied it.",
        "Приведите пример того, как вы это применили.",
        "Buni qanday qoʻllaganingizga misol keltiring.",
    )),
    ("l3_barriers", "text", 3, "participant", False, False, (
        "What kept you from applying what you learned?",
        "Что мешало вам применять полученные знания?",
        "Oʻrganganlaringizni qoʻllashga nima xalaqit berdi?",
    )),
    ("l3_supervisor_change", "yes_no", 3, "supervisor", True, True, (
        "Have you observed a change in the participant's work since the course?",
        "Заметили ли вы изменения в работе участника после курса?",
        "Kursdan keyin ishtirokchining ishida oʻzgarish kuzatdingizmi?",
    )),
    ("l3_supervisor_examples", "text", 3, "supervisor", False, False, (
        "What change have you observed?",
        "Какие изменения вы заметили?",
        "Qanday oʻzgarishni kuzatdingiz?",
    )),
]


def add_questions(apps, schema_editor):
    Question = apps.get_model("training", "EvaluationQuestion")
    for order, (key, kind, level, audience, required, applied, texts) in enumerate(QUESTIONS):
        en, ru, uz = texts
        Question.objects.update_or_create(
            key=key,
            defaults={
                "kind": kind,
                "level": level,
                "audience": audience,
                "required": required,
                "measures_application": applied,
                "order": order,
                "text": en,
                "text_en": en,
                "text_ru": ru,
                "text_uz": uz,
            },
        )


def remove_questions(apps, schema_editor):
    Question = apps.get_model("training", "EvaluationQuestion")
    Question.objects.filter(key__in=[q[0] for q in QUESTIONS], answers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(add_questions, remove_questions)]

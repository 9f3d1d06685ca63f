from modeltranslation.translator import TranslationOptions, register

from .models import Survey, TrainingPlan


@register(Survey)
class SurveyTranslation(TranslationOptions):
    fields = ("title", "introduction")
    required_languages = ("uz",)


@register(TrainingPlan)
class TrainingPlanTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("uz",)

from modeltranslation.translator import TranslationOptions, register

from .models import AssessmentMethod, Scheme


@register(Scheme)
class SchemeTranslation(TranslationOptions):
    fields = ("title", "scope", "required_training", "code_of_conduct")
    required_languages = ("uz",)


@register(AssessmentMethod)
class AssessmentMethodTranslation(TranslationOptions):
    fields = ("assessors",)

from modeltranslation.translator import TranslationOptions, register

from .models import Course, CourseSession, EvaluationQuestion, Venue


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary", "outline", "prerequisites", "target_roles", "trainer_profile")
    required_languages = ("uz",)


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "address", "city")
    required_languages = ("uz",)


@register(CourseSession)
class SessionTranslation(TranslationOptions):
    fields = ("cancellation_terms",)


@register(EvaluationQuestion)
class EvaluationQuestionTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("uz",)

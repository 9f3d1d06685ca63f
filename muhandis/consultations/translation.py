from modeltranslation.translator import TranslationOptions, register

from .models import Clause, Consultation


@register(Consultation)
class ConsultationTranslation(TranslationOptions):
    fields = ("title", "summary", "addressee", "response")


@register(Clause)
class ClauseTranslation(TranslationOptions):
    # The draft's own language is the one filled; the others are optional translations, and a
    # reader without one sees the draft's wording (MODELTRANSLATION_FALLBACK_LANGUAGES).
    fields = ("heading", "text", "summary")

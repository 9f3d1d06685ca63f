from modeltranslation.translator import TranslationOptions, register

from .models import Opportunity


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    """A firm writes in one language (any of the three); staff may give all three."""

    fields = ("title", "description")
    required_languages = ()

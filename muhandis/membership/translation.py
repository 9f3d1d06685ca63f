from modeltranslation.translator import TranslationOptions, register

from .models import MembershipType


@register(MembershipType)
class MembershipTypeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("uz",)

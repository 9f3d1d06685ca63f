from modeltranslation.translator import TranslationOptions, register

from .models import FirmProfile


@register(FirmProfile)
class FirmProfileTranslation(TranslationOptions):
    fields = ("description", "services")

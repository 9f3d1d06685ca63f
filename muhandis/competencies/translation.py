from modeltranslation.translator import TranslationOptions, register

from .models import Area, Competency, Framework, ProficiencyLevel, ProficiencyScale, RoleProfile


@register(Framework)
class FrameworkTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("uz",)


@register(ProficiencyScale)
class ScaleTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("uz",)


@register(ProficiencyLevel)
class LevelTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("uz",)


@register(Area)
class AreaTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("uz",)


@register(Competency)
class CompetencyTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("uz",)


@register(RoleProfile)
class RoleProfileTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("uz",)

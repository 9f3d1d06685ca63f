from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "muhandis.api"
    label = "api"
    verbose_name = "API"

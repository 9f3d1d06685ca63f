from .views import public, staff

app_name = "consultations"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = [*public.urlpatterns, *staff.urlpatterns]

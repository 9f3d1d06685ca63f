"""The membership pages, joined for the app's URLs."""

from . import join, register, staff, types

urlpatterns = [*join.urlpatterns, *staff.urlpatterns, *types.urlpatterns, *register.urlpatterns]

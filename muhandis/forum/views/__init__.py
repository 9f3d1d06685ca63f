"""The forum's pages, joined for the app's URLs."""

from . import browse, moderation, topic, write

urlpatterns = [*browse.urlpatterns, *write.urlpatterns, *topic.urlpatterns, *moderation.urlpatterns]

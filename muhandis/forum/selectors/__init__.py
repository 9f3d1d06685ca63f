"""Reads of the forum: ``topics`` (categories, lists, a topic's page, the viewer), ``search``,
``moderation`` (the review queue, suspensions) and ``badges`` (certificates and roles beside
authors' names)."""

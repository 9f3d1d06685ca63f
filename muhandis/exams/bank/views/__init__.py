"""The item bank's pages: ``items`` (the list, one item, writing, images) and ``transfer``
(import and export)."""

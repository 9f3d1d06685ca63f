"""What the audit trail's membership actions mean, for the pages staff read."""

LABELS: dict = {}
SENTENCES: dict = {}
FIELDS: dict = {}


def values() -> dict:
    return {}

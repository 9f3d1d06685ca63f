"""The response-rate section of the report: the analysis's rates and representation tables,
with every share also given as a percentage in the reader's number format."""

from typing import Any

from django.utils.formats import number_format

from ..models import Channel


class Percents:
    """Reads like the object it wraps; ``<share>_percent`` gives a share as a percentage
    ("" when the share is None)."""

    def __init__(self, wrapped: Any) -> None:
        self._wrapped = wrapped

    def __getattr__(self, name: str) -> Any:
        if name.endswith("_percent"):
            share = getattr(self._wrapped, name.removesuffix("_percent"))
            return "" if share is None else number_format(share * 100, 0)
        return getattr(self._wrapped, name)


class RateTableShown(Percents):
    @property
    def rows(self) -> list[Percents]:
        return [Percents(row) for row in self._wrapped.rows]

    @property
    def total(self) -> Percents:
        return Percents(self._wrapped.total)


def rates_context(rates: Any) -> dict[str, Any]:
    if rates is None:
        return {"rates_section": False}
    channels = dict(Channel.choices)
    return {
        "rates_section": True,
        "rates": rates,
        "rates_rate_percent": "" if rates.rate is None else number_format(rates.rate * 100, 0),
        "rates_channels": [
            (str(channels.get(key, key)), count)
            for key, count in rates.by_channel.items()
            if key != Channel.PERSONAL and count
        ],
        "rate_tables": [RateTableShown(table) for table in rates.tables.values()],
        "representation_tables": [RateTableShown(t) for t in rates.representation.values()],
        "representation_warnings": [(t, Percents(row)) for t, row in rates.warnings],
    }

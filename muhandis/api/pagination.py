"""Pagination for every list of the API: `limit` and `offset` within bounds the database
can take (`muhandis.core.apitypes`), so that any other value is answered with 422."""

from typing import Any

from ninja import Schema
from ninja.pagination import LimitOffsetPagination as NinjaLimitOffsetPagination

from muhandis.core.apitypes import PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, Offset, PageSize


class LimitOffsetPagination(NinjaLimitOffsetPagination):
    """The default paginator (`NINJA_PAGINATION_CLASS`)."""

    class Input(Schema):
        limit: PageSize = PAGE_SIZE_DEFAULT
        offset: Offset = 0

    def __init__(self, max_limit: int = PAGE_SIZE_MAX, **kwargs: Any) -> None:
        super().__init__(max_limit=max_limit, **kwargs)

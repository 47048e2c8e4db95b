"""One page of a list that finds its own page and count, shaped like Flask-SQLAlchemy's pagination
so that ``partials/pager.html`` draws every list's pager the same way."""
from dataclasses import dataclass


@dataclass
class Page:
    """``items``, page ``page`` (from 1) of ``per_page``, of ``total`` found.

    ``more``: there are more than ``total`` (the count stopped at a cap: counting every one of
    100,000 rows under a filter costs more than finding a page). ``max_pages``: the last page the
    list offers, whatever the total."""

    items: list
    page: int
    per_page: int
    total: int
    more: bool = False
    max_pages: int | None = None

    @property
    def pages(self):
        pages = max(1, -(-self.total // self.per_page))
        return min(pages, self.max_pages) if self.max_pages else pages

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def prev_num(self):
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self):
        return self.page + 1 if self.has_next else None

    def __iter__(self):
        return iter(self.items)

"""Quotes: priced snapshots of a cart."""

from __future__ import annotations

from sqlalchemy.engine import RowMapping

from domain.pricing import DeliveryMethod
from domain.quote import Quote, QuoteStatus
from storage.identity_map import Record
from storage.repositories.base import (
    AggregateMapping,
    Children,
    SqlRepository,
    attributes,
    rehydrate,
    values,
)
from storage.repositories.lines import line_rows, lines_from, promotion_rows, promotions_from
from storage.schema import quote_lines, quote_promotions, quotes

SAME_NAMED = ("id", "customer_id", "currency", "created_at", "valid_until", "promo_code")


def dump(quote: Quote) -> Record:
    return Record(
        row={**attributes(quote, SAME_NAMED),
             "delivery": quote.delivery.value, "status": quote.status.value},
        children={"lines": line_rows(quote.lines, quote.currency),
                  "promotions": promotion_rows(quote.promotions, quote.currency)},
    )


def load(row: RowMapping, children: Children) -> Quote:
    return rehydrate(
        Quote, **values(row, SAME_NAMED),
        delivery=DeliveryMethod(row["delivery"]), status=QuoteStatus(row["status"]),
        lines=lines_from(children["lines"], row["currency"]),
        promotions=promotions_from(children["promotions"], row["currency"]),
    )


class SqlQuoteRepository(SqlRepository[Quote]):
    mapping = AggregateMapping(quotes, "id", dump, load,
                      {"lines": quote_lines, "promotions": quote_promotions})

    def get(self, quote_id: int) -> Quote | None:
        return self._get(quote_id)

    def open_for_customer(self, customer_id: int) -> list[Quote]:
        """The customer's quotes still waiting for an answer (draft or sent)."""
        return self._fetch(self._select(
            quotes.c.customer_id == customer_id,
            quotes.c.status.in_([QuoteStatus.DRAFT.value, QuoteStatus.SENT.value])))

    def lock(self, quote_id: int) -> Quote | None:
        return self._lock_one(quotes.c.id == quote_id)

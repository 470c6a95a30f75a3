"""Ratings: an order once delivered, a ticket once resolved; each rated once."""

from __future__ import annotations

from domain.errors import InvalidValue
from domain.order import FulfillmentStatus
from domain.ports import UnitOfWork
from domain.satisfaction import OrderRating, check_rating, clean_comment
from domain.services import lookup
from domain.services.support import ticket as find_ticket
from domain.shop import Shop


def rate_order(uow: UnitOfWork, shop: Shop, order_id: int, customer_id: int,
               rating: int) -> bool:
    """False when the order was rated before (the first rating stands)."""
    order = lookup.order(uow, order_id, customer_id)
    if order.fulfillment is not FulfillmentStatus.DELIVERED:
        raise InvalidValue("an order is rated once it is delivered")
    if uow.order_ratings.get(order_id) is not None:
        return False
    uow.order_ratings.add(OrderRating(order_id, customer_id, check_rating(rating),
                                      shop.clock.now()))
    return True


def rate_ticket(uow: UnitOfWork, ticket_id: int, customer_id: int, rating: int) -> bool:
    """False when the ticket was rated before."""
    found = find_ticket(uow, ticket_id, customer_id)
    if found.rating is not None:
        return False
    found.rate(rating)
    return True


def comment_order(uow: UnitOfWork, order_id: int, customer_id: int, comment: str) -> None:
    rating = uow.order_ratings.get(order_id)
    if rating is None or rating.customer_id != customer_id:
        raise InvalidValue("rate the order before commenting")
    uow.order_ratings.comment(order_id, clean_comment(comment))


def comment_ticket(uow: UnitOfWork, ticket_id: int, customer_id: int, comment: str) -> None:
    found = find_ticket(uow, ticket_id, customer_id)
    if found.rating is None:
        raise InvalidValue("rate the ticket before commenting")
    found.rate(found.rating, clean_comment(comment))

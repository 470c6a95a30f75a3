"""The messages around a payment link: the link itself, a link that could not be made, a
payment the platform declined. Built here, in the customer's words; sent by bot/."""

from __future__ import annotations

from dialogs.contract import Button, Reply
from dialogs.i18n import Translator
from domain.money import Money
from domain.payment_gateway import PaymentLink


def link_reply(t: Translator, order_id: int, amount: Money, link: PaymentLink) -> Reply:
    key, expires = ("payment.mercadopago.link", t.datetime(link.expires_at)) \
        if link.expires_at else ("payment.mercadopago.link_no_expiry", "")
    money = t.money(amount)
    return Reply(t.t(key, amount=money, order=order_id, expires=expires),
                 (Button(t.t("payment.mercadopago.pay_button", amount=money), url=link.url),
                  Button(t.t("payment.mercadopago.other_method"), f"paywith:{order_id}")))


def unavailable_reply(t: Translator, order_id: int) -> Reply:
    return _try_again(t, "payment.mercadopago.unavailable", order_id)


def rejected_reply(t: Translator, order_id: int) -> Reply:
    return _try_again(t, "payment.mercadopago.rejected", order_id)


def _try_again(t: Translator, key: str, order_id: int) -> Reply:
    return Reply(t.t(key, order=order_id),
                 (Button(t.t("payment.mercadopago.try_again"), f"pay:{order_id}"),
                  Button(t.t("payment.mercadopago.other_method"), f"paywith:{order_id}")))


def refund_reply(t: Translator, key: str, order_id: int, **params: object) -> Reply:
    """What became of a refund staff asked for: done, failed, or nothing left to refund."""
    return Reply(t.t(f"admin.refund.{key}", order=order_id, **params))

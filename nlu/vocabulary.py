"""The intents and entities fixed by the design: data, code and tests use these names."""

from enum import StrEnum


class Intent(StrEnum):
    GREET = "greet"
    GOODBYE = "goodbye"
    THANKS = "thanks"
    AFFIRM = "affirm"
    DENY = "deny"
    HELP = "help"
    REGISTER = "register"
    UPDATE_PROFILE = "update_profile"
    BROWSE_CATALOG = "browse_catalog"
    SEARCH_PRODUCT = "search_product"
    ADD_TO_CART = "add_to_cart"
    REMOVE_FROM_CART = "remove_from_cart"
    VIEW_CART = "view_cart"
    REQUEST_QUOTE = "request_quote"
    APPLY_PROMO = "apply_promo"
    CONFIRM_ORDER = "confirm_order"
    CANCEL_ORDER = "cancel_order"
    ORDER_STATUS = "order_status"
    PAYMENT_METHODS = "payment_methods"
    PAY = "pay"
    INVOICE_REQUEST = "invoice_request"
    SUPPORT_REQUEST = "support_request"
    HUMAN_HANDOFF = "human_handoff"
    OUT_OF_SCOPE = "out_of_scope"


class EntityType(StrEnum):
    PRODUCT = "product"
    QUANTITY = "quantity"
    CATEGORY = "category"
    ORDER_NUMBER = "order_number"
    PROMO_CODE = "promo_code"
    EMAIL = "email"
    PHONE = "phone"

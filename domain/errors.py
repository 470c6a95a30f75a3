"""Every rule the business refuses is a DomainError with a message fit for a person."""


class DomainError(Exception):
    """A business rule refused the operation; nothing was changed."""

    code = "domain_error"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class InvalidValue(DomainError):
    code = "invalid_value"


class NotFound(DomainError):
    code = "not_found"


class InvalidTransition(DomainError):
    code = "invalid_transition"


class OutOfStock(DomainError):
    code = "out_of_stock"


class QuoteExpired(DomainError):
    code = "quote_expired"


class PromotionNotApplicable(DomainError):
    code = "promotion_not_applicable"


class CurrencyMismatch(DomainError):
    code = "currency_mismatch"

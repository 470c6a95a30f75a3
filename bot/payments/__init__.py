"""Payment platforms behind the domain's PaymentGateway port (MercadoPago)."""

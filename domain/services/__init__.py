"""The application layer: one function per step of the order-to-cash process.

Each takes an open unit of work and the shop's rules, changes state through the aggregates,
and leaves committing to the caller, so a whole conversation turn is one transaction.
"""

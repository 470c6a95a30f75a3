"""Decimals and timestamps come back exactly, on SQLite as on PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select
from sqlalchemy.exc import StatementError

from storage.types import ExactDecimal, UtcDateTime

probe = Table(
    "probe", MetaData(),
    Column("id", Integer, primary_key=True),
    Column("amount", ExactDecimal(18, 4)),
    Column("at", UtcDateTime()),
)
BUENOS_AIRES = timezone(timedelta(hours=-3))


@pytest.fixture
def connection(engine):
    probe.create(engine)
    with engine.begin() as connection:
        yield connection


def round_trip(connection, **values):
    key = connection.execute(insert(probe).values(**values)).inserted_primary_key[0]
    return connection.execute(select(probe).where(probe.c.id == key)).mappings().one()


@pytest.mark.parametrize("amount", [
    "0.105", "12345.67", "0.0001", "-2000", "99999999999999.9999", "-99999999999999.9999", "0",
])
def test_decimals_come_back_exactly(connection, amount):
    back = round_trip(connection, amount=Decimal(amount))["amount"]
    assert back == Decimal(amount) and isinstance(back, Decimal)


def test_decimals_come_back_without_padding_zeros(connection):
    assert str(round_trip(connection, amount=Decimal("12345.6700"))["amount"]) == "12345.67"
    assert str(round_trip(connection, amount=Decimal("100.00"))["amount"]) == "100"


def test_sums_and_comparisons_happen_in_the_database(connection):
    for amount in ("0.105", "0.2", "1000.01"):
        round_trip(connection, amount=Decimal(amount))
    above = connection.scalars(select(probe.c.amount).where(probe.c.amount > Decimal("0.15")))
    assert sorted(above) == [Decimal("0.2"), Decimal("1000.01")]
    assert connection.scalar(select(func.sum(probe.c.amount))) == Decimal("1000.315")


@pytest.mark.parametrize("amount, problem", [
    (Decimal("0.00001"), "more than 4 decimals"),
    (Decimal(100000000000000), "does not fit"),
    (0.1, "takes Decimal or int"),
])
def test_a_decimal_that_does_not_fit_is_refused_not_rounded(connection, amount, problem):
    with pytest.raises(StatementError, match=problem):
        round_trip(connection, amount=amount)


def test_timestamps_come_back_in_utc_to_the_microsecond(connection):
    moment = datetime(2026, 12, 24, 21, 30, 15, 123456, tzinfo=BUENOS_AIRES)
    back = round_trip(connection, at=moment)["at"]
    assert back == moment
    assert back.tzinfo == UTC and back.hour == 0 and back.microsecond == 123456


def test_a_naive_timestamp_is_refused(connection):
    with pytest.raises(StatementError, match="timezone-aware"):
        round_trip(connection, at=datetime(2026, 12, 24, 21, 30))

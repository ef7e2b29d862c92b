"""Reporting facts, written in the same transaction as the change they record.

- `ReportTurn`: one row per customer turn — from the customer's first message while nobody
  owes them an answer to the first staff reply (bots never answer a turn). The first turn of
  a conversation is its opening `new`; the first turn after staff marked it done is `reopened`.
- `ReportTurnHour`: the turns rolled up per local hour (in the workspace's time zone), channel
  and replier, kept by the same writer: counts, and every response time of the hour packed
  as big-endian int32 (appended by concatenation), so that a period's exact percentiles are
  read from a few hundred thousand packed integers instead of the period's turns
  (`reports.rollup`). A change of time zone rebuilds the workspace's rows from the turns.
- `ReportOrderCount`: orders per quarter hour of their creation (UTC), source, channel,
  creator, livestream and status now, with their totals. Kept by a trigger on `orders`
  (migration 0019, `report_order_counts_trigger`): every path that creates, moves or edits an
  order — the ORM, the transition's single UPDATE, bulk changes — updates it in the same
  transaction, taking the order's former row out and adding its new one.
- `ReportMessageCount`: messages per quarter hour (`hour`: its start, UTC; older rows hold
  whole hours, exact for whole-hour zones such as Vietnam's), channel and staff member (0: the
  customer or a bot), so message counts of a period never scan the messages table and a local
  hour or day in any workspace time zone is an exact sum of rows. Each row is split in
  `SHARDS` by the writing connection: concurrent ingestion batches of one page do not queue
  on one counter row until the other commits.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy import text as sa_text
from sqlalchemy.orm import Mapped, mapped_column

from chotdon.core.db import Base, IdMixin, WorkspaceMixin

OPENINGS = ("new", "reopened")
EMPTY = sa_text("''::bytea")
SHARDS = 8


class ReportTurn(IdMixin, WorkspaceMixin, Base):
    __tablename__ = "report_turns"
    __table_args__ = (
        # A period's report: an index-only scan of the period's turns.
        Index(
            "ix_report_turns_period",
            "workspace_id",
            "started_at",
            postgresql_include=[
                "channel_id",
                "opening",
                "user_id",
                "response_seconds",
                "response_seconds_working",
            ],
        ),
        Index(None, "conversation_id", "started_at"),
        # The turn still waiting for a staff reply, at most one per conversation.
        Index(
            "uq_report_turns_waiting",
            "conversation_id",
            unique=True,
            postgresql_where=sa_text("waiting"),
        ),
    )

    # No foreign keys: facts outlive (and never slow down) the rows they describe.
    conversation_id: Mapped[int] = mapped_column(BigInteger)
    channel_id: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opening: Mapped[str | None] = mapped_column(String(16))  # new | reopened | None (a later turn)
    waiting: Mapped[bool] = mapped_column(default=True, server_default="true")
    replied_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    user_id: Mapped[int | None] = mapped_column(BigInteger)  # who replied (None: in the page)
    response_seconds: Mapped[int | None] = mapped_column(Integer)
    response_seconds_working: Mapped[int | None] = mapped_column(Integer)


class ReportTurnHour(WorkspaceMixin, Base):
    __tablename__ = "report_turn_hours"
    __table_args__ = (
        UniqueConstraint(
            "workspace_id",
            "day",
            "hour",
            "channel_id",
            "user_id",
            "shard",
            name="uq_report_turn_hours_key",
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)  # local date of the turns' start
    hour: Mapped[int] = mapped_column(SmallInteger)  # local hour, 0-23
    channel_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int] = mapped_column(BigInteger)  # who replied; 0: nobody / in the page
    shard: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    new_conversations: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reopened_conversations: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    replied: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Response seconds (big-endian int32, in no order): of the opening turns, of every turn.
    first_seconds: Mapped[bytes] = mapped_column(LargeBinary, server_default=EMPTY)
    first_seconds_working: Mapped[bytes] = mapped_column(LargeBinary, server_default=EMPTY)
    seconds: Mapped[bytes] = mapped_column(LargeBinary, server_default=EMPTY)
    seconds_working: Mapped[bytes] = mapped_column(LargeBinary, server_default=EMPTY)


class ReportOrderCount(WorkspaceMixin, Base):
    __tablename__ = "report_order_counts"
    __table_args__ = (
        UniqueConstraint(
            "workspace_id",
            "quarter",
            "source",
            "channel_id",
            "user_id",
            "livestream_id",
            "status",
            "returned",
            "shard",
            name="uq_report_order_counts_key",
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    quarter: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # of the creation, UTC
    source: Mapped[str] = mapped_column(String(16))
    channel_id: Mapped[int] = mapped_column(BigInteger)  # 0: none
    user_id: Mapped[int] = mapped_column(BigInteger)  # who created the orders; 0: nobody
    livestream_id: Mapped[int] = mapped_column(BigInteger)  # 0: none
    status: Mapped[str] = mapped_column(String(16))
    returned: Mapped[bool] = mapped_column()  # cancelled with the reason "returned" ("bùng")
    shard: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    orders: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    total: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class ReportMessageCount(WorkspaceMixin, Base):
    __tablename__ = "report_message_counts"
    __table_args__ = (UniqueConstraint("workspace_id", "hour", "channel_id", "user_id", "shard"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    hour: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    channel_id: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    shard: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    messages_in: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    messages_out: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    messages_bot: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

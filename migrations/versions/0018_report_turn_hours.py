"""report_turn_hours: the turns rolled up per local hour, channel and replier, with every
response time of the hour (packed int32), filled from report_turns in each workspace's time zone

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 07:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The rollup's rebuild as of this revision (chotdon.reports.rollup.REBUILD), for every workspace.
BACKFILL = """
INSERT INTO report_turn_hours (workspace_id, day, hour, channel_id, user_id, shard,
  new_conversations, reopened_conversations, replied,
  first_seconds, first_seconds_working, seconds, seconds_working)
SELECT workspace_id, (local_start)::date, extract(hour FROM local_start)::int, channel_id,
  coalesce(user_id, 0), 0,
  count(*) FILTER (WHERE opening = 'new'),
  count(*) FILTER (WHERE opening = 'reopened'),
  count(*) FILTER (WHERE opening IS NOT NULL AND response_seconds IS NOT NULL),
  coalesce(string_agg(int4send(response_seconds), ''::bytea)
    FILTER (WHERE opening IS NOT NULL AND response_seconds IS NOT NULL), ''::bytea),
  coalesce(string_agg(int4send(response_seconds_working), ''::bytea)
    FILTER (WHERE opening IS NOT NULL AND response_seconds_working IS NOT NULL), ''::bytea),
  coalesce(string_agg(int4send(response_seconds), ''::bytea)
    FILTER (WHERE response_seconds IS NOT NULL), ''::bytea),
  coalesce(string_agg(int4send(response_seconds_working), ''::bytea)
    FILTER (WHERE response_seconds_working IS NOT NULL), ''::bytea)
FROM (
  SELECT t.*, t.started_at AT TIME ZONE coalesce(w.timezone, 'Asia/Ho_Chi_Minh') AS local_start
  FROM report_turns t LEFT JOIN working_hours w ON w.workspace_id = t.workspace_id
) AS turns
GROUP BY workspace_id, local_start::date, extract(hour FROM local_start), channel_id,
  coalesce(user_id, 0)
"""


def upgrade() -> None:
    empty = sa.text("''::bytea")
    op.create_table(
        "report_turn_hours",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("hour", sa.SmallInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("shard", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("new_conversations", sa.Integer(), server_default="0", nullable=False),
        sa.Column("reopened_conversations", sa.Integer(), server_default="0", nullable=False),
        sa.Column("replied", sa.Integer(), server_default="0", nullable=False),
        sa.Column("first_seconds", sa.LargeBinary(), server_default=empty, nullable=False),
        sa.Column("first_seconds_working", sa.LargeBinary(), server_default=empty, nullable=False),
        sa.Column("seconds", sa.LargeBinary(), server_default=empty, nullable=False),
        sa.Column("seconds_working", sa.LargeBinary(), server_default=empty, nullable=False),
        sa.Column("workspace_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_report_turn_hours_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_turn_hours")),
        sa.UniqueConstraint(
            "workspace_id",
            "day",
            "hour",
            "channel_id",
            "user_id",
            "shard",
            name="uq_report_turn_hours_key",
        ),
    )
    op.create_index(
        op.f("ix_report_turn_hours_workspace_id"),
        "report_turn_hours",
        ["workspace_id"],
        unique=False,
    )
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_table("report_turn_hours")

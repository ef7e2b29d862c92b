"""report_order_counts: orders per quarter hour of creation, source, channel, creator,
livestream and status, kept by a trigger on orders; filled from the orders

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03 07:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

QUARTER = (
    "date_trunc('hour', {at}) + floor(extract(minute FROM {at}) / 15) * interval '15 minutes'"
)
KEY = "workspace_id, quarter, source, channel_id, user_id, livestream_id, status, returned, shard"

# One order's contribution (sign 1) or its removal (sign -1), on this connection's shard so
# that concurrent transactions do not queue on one counter row.
APPLY = f"""
CREATE FUNCTION report_order_counts_apply(o orders, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_order_counts AS r ({KEY}, orders, total)
  VALUES (o.workspace_id, {QUARTER.format(at="o.created_at")}, o.source,
    coalesce(o.channel_id, 0), coalesce(o.created_by_id, 0), coalesce(o.livestream_id, 0),
    o.status, coalesce(o.status = 'cancelled' AND o.cancel_reason = 'returned', false),
    pg_backend_pid() % 8, sign, sign * o.total)
  ON CONFLICT ({KEY}) DO UPDATE
    SET orders = r.orders + excluded.orders, total = r.total + excluded.total;
END $$
"""
TRIGGER_FUNCTION = """
CREATE FUNCTION report_order_counts_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT FROM workspaces WHERE id = OLD.workspace_id) THEN
    RETURN NULL;  -- the workspace's own deletion: its facts go with it
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM report_order_counts_apply(OLD, -1); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN PERFORM report_order_counts_apply(NEW, 1); END IF;
  RETURN NULL;
END $$
"""
TRIGGER = """
CREATE TRIGGER report_order_counts
AFTER INSERT OR DELETE OR UPDATE OF status, cancel_reason, total, source, channel_id,
  created_by_id, livestream_id, created_at, workspace_id
ON orders FOR EACH ROW EXECUTE FUNCTION report_order_counts_trigger()
"""
BACKFILL = f"""
INSERT INTO report_order_counts ({KEY}, orders, total)
SELECT workspace_id, {QUARTER.format(at="created_at")}, source, coalesce(channel_id, 0),
  coalesce(created_by_id, 0), coalesce(livestream_id, 0), status,
  coalesce(status = 'cancelled' AND cancel_reason = 'returned', false), 0, count(*), sum(total)
FROM orders GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
"""


def upgrade() -> None:
    op.create_table(
        "report_order_counts",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("quarter", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("livestream_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("returned", sa.Boolean(), nullable=False),
        sa.Column("shard", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("orders", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("workspace_id", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workspace_id"],
            ["workspaces.id"],
            name=op.f("fk_report_order_counts_workspace_id_workspaces"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_order_counts")),
        sa.UniqueConstraint(
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
    op.create_index(
        op.f("ix_report_order_counts_workspace_id"),
        "report_order_counts",
        ["workspace_id"],
        unique=False,
    )
    op.execute(APPLY)
    op.execute(TRIGGER_FUNCTION)
    op.execute(TRIGGER)
    op.execute(BACKFILL)


def downgrade() -> None:
    op.execute("DROP TRIGGER report_order_counts ON orders")
    op.execute("DROP FUNCTION report_order_counts_trigger()")
    op.execute("DROP FUNCTION report_order_counts_apply(orders, integer)")
    op.drop_table("report_order_counts")

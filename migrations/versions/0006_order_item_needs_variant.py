"""order_items.needs_variant: a livestream line whose size / colour is still to be chosen

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 03:38:43.711964
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "order_items",
        sa.Column("needs_variant", sa.Boolean(), server_default="false", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("order_items", "needs_variant")

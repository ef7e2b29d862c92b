"""livestream_items.stock_limit: units on sale in the livestream (sold out once in orders)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 04:53:33.564199
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("livestream_items", sa.Column("stock_limit", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("livestream_items", "stock_limit")

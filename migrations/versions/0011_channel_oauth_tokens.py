"""channel oauth tokens

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 04:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("channels", sa.Column("refresh_token_encrypted", sa.Text(), nullable=True))
    op.add_column(
        "channels", sa.Column("token_expires_at", sa.DateTime(timezone=True), nullable=True)
    )
    op.add_column(
        "channels", sa.Column("refresh_expires_at", sa.DateTime(timezone=True), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("channels", "refresh_expires_at")
    op.drop_column("channels", "token_expires_at")
    op.drop_column("channels", "refresh_token_encrypted")

"""channels.provider: Instagram accounts (through Facebook Login) and Zalo Official Accounts

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03 07:05:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "provider IN ('facebook', 'shopee', 'lazada', 'tiktok', 'api')"
NEW = "provider IN ('facebook', 'instagram', 'zalo', 'shopee', 'lazada', 'tiktok', 'api')"


def upgrade() -> None:
    op.drop_constraint("provider", "channels", type_="check")
    op.create_check_constraint("provider", "channels", NEW)


def downgrade() -> None:
    op.drop_constraint("provider", "channels", type_="check")
    op.create_check_constraint("provider", "channels", OLD)

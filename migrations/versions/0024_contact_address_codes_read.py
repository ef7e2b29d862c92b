"""contact_addresses.codes_read: an address found in chat has its official codes read when it is
first used, not in the ingestion transaction (existing rows were read when saved)

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03 10:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "contact_addresses",
        sa.Column("codes_read", sa.Boolean(), server_default="true", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("contact_addresses", "codes_read")

"""channels.settings: drop the unused auto_assign switch (assignment is GET/PUT /auto-assignment)

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03 07:00:00
"""

from collections.abc import Sequence

from alembic import op


revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE channels SET settings = settings - 'auto_assign' WHERE settings ? 'auto_assign'"
    )


def downgrade() -> None:
    # The switch did nothing; nothing to restore.
    pass

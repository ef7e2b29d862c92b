"""structured addresses on orders and customers' addresses; carriers' ids of official wards

Orders and contact_addresses get the address as official codes next to the free text
(`street`, `ward_code`, `province_code`, `address_scheme`); `carrier_wards` maps official wards
to GHN's and Viettel Post's own ids (filled from their master data, per province).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03 07:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("orders", "contact_addresses")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("street", sa.Text(), nullable=True))
        op.add_column(table, sa.Column("ward_code", sa.String(length=8), nullable=True))
        op.add_column(table, sa.Column("province_code", sa.String(length=4), nullable=True))
        op.add_column(table, sa.Column("address_scheme", sa.String(length=8), nullable=True))
    op.create_table(
        "carrier_wards",
        sa.Column("carrier", sa.String(length=16), nullable=False),
        sa.Column("scheme", sa.String(length=8), nullable=False),
        sa.Column("ward_code", sa.String(length=8), nullable=False),
        sa.Column("province_code", sa.String(length=4), nullable=False),
        sa.Column("province_id", sa.String(length=16), nullable=False),
        sa.Column("district_id", sa.String(length=16), nullable=False),
        sa.Column("ward_id", sa.String(length=16), nullable=False),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("carrier", "scheme", "ward_code", name=op.f("pk_carrier_wards")),
    )
    op.create_index(
        op.f("ix_carrier_wards_carrier_carrier_wards_scheme_carrier_wards_province_code"),
        "carrier_wards",
        ["carrier", "scheme", "province_code"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_carrier_wards_carrier_carrier_wards_scheme_carrier_wards_province_code"),
        table_name="carrier_wards",
    )
    op.drop_table("carrier_wards")
    for table in TABLES:
        for column in ("address_scheme", "province_code", "ward_code", "street"):
            op.drop_column(table, column)

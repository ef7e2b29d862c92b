"""The migrations build exactly the models' schema, and openapi.yaml is current."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine


async def test_no_drift_between_models_and_migrations(database):
    from chotdon.core.db import to_sqlalchemy_url
    from chotdon.core.models import Base

    engine = create_async_engine(to_sqlalchemy_url(database))

    def _diff(conn):
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, Base.metadata)

    async with engine.connect() as conn:
        diff = await conn.run_sync(_diff)
    await engine.dispose()
    assert diff == [], f"models and migrations differ; run scripts/autogenerate.py: {diff}"


def test_migrations_form_one_line():
    """One head and no branches: `alembic upgrade head` is unambiguous for every installation."""
    from alembic.script import ScriptDirectory

    from chotdon.core.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1, f"several heads: {script.get_heads()}"
    revisions = list(script.walk_revisions())
    assert all(not isinstance(r.down_revision, tuple) for r in revisions), "merge revisions"
    names = sorted(r.module.__file__.rsplit("/", 1)[1][:4] for r in revisions)
    assert names == [f"{i:04d}" for i in range(1, len(names) + 1)], names


async def test_every_tenant_table_has_workspace_id():
    from chotdon.core.models import Base

    global_tables = {
        "workspaces",
        "users",
        "password_resets",  # a user's, like users (accounts/models.py)
        "spent_refresh_tokens",  # a user's login session's (accounts/models.py)
        "webhook_deliveries",
        # reference data every workspace reads (addresses/models.py)
        "admin_provinces",
        "admin_wards",
        "admin_ward_transitions",
        # carriers' ids of official wards, the same for every shop (shipping/models.py)
        "carrier_wards",
    }
    missing = [
        name
        for name, table in Base.metadata.tables.items()
        if name not in global_tables and "workspace_id" not in table.c
    ]
    assert missing == []


def test_openapi_yaml_is_current():
    from chotdon.core.openapi import render_openapi
    from chotdon.core.settings import REPO_ROOT

    committed = (REPO_ROOT / "openapi.yaml").read_text()
    assert committed == render_openapi(), "openapi.yaml is stale: run `make openapi`"

from __future__ import annotations

import pytest

from .helpers import Seeder


@pytest.fixture
def seed(tenant) -> Seeder:
    return Seeder(tenant.workspace_id)

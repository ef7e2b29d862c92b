from __future__ import annotations

from datetime import timedelta

import pytest

from inbox.helpers import Seeder

from .timeline import DAY, HOURS, at, write


@pytest.fixture
def seed(tenant) -> Seeder:
    return Seeder(tenant.workspace_id)


@pytest.fixture
async def shop(tenant, seed):
    r = await tenant.put("/api/v1/working-hours", json={"days": HOURS})
    assert r.status_code == 200, r.text
    channel = await seed.channel("Trang Áo Đẹp")
    a = await write(channel, "a", at(0))
    await write(channel, "a", at(10))
    await write(channel, "a", at(20), sender="bot")
    await write(channel, "a", at(90), sender="page")
    await write(channel, "a", at(120))
    await write(channel, "a", at(125), sender="page")
    assert a.conversation is not None
    r = await tenant.patch(f"/api/v1/conversations/{a.conversation.id}", json={"status": "done"})
    assert r.status_code == 200, r.text
    await write(channel, "a", at(DAY + 16 * 60 + 30))  # Tue 23:30
    await write(channel, "a", at(2 * DAY + 70), sender="page")  # Wed 08:10
    await write(channel, "b", at(17 * 60) - timedelta(seconds=1))  # Mon 23:59:59
    await write(channel, "c", at(17 * 60))  # Tue 00:00:00
    await write(channel, "c", at(17 * 60 + 1), sender="page")
    return channel

"""A failed send retried by an agent goes out once (the retry must clear the finished marker)."""

from __future__ import annotations

from fb_helpers import messages
from test_outbound import customer_thread, reply


async def test_retry_of_a_failed_send_reaches_the_customer_once(fb, run_jobs):
    page, conv = await customer_thread(fb, run_jobs, psid="psid-retry")
    await fb.sim.fail_next_sends(1, code=100)  # a permanent error: the message fails
    queued = await reply(fb, conv["id"], text="Gửi lại giúp em")
    await run_jobs()
    failed = (await messages(fb.tenant, conv["id"]))[-1]
    assert failed["id"] == queued["id"] and failed["status"] == "failed"
    assert await fb.sim.sent(page) == []

    r = await fb.tenant.post(f"/api/v1/messages/{queued['id']}/retry")
    assert r.status_code == 202, r.text
    await run_jobs()
    assert [s["text"] for s in await fb.sim.sent(page)] == ["Gửi lại giúp em"]
    assert (await messages(fb.tenant, conv["id"]))[-1]["status"] == "sent"
    await run_jobs()  # nothing left to send: a second drain sends nothing more
    assert len(await fb.sim.sent(page)) == 1

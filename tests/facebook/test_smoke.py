async def test_customer_message_becomes_conversation(fb, run_jobs):
    page = await fb.connect()
    await fb.sim.customer_writes(
        page, "psid-1", "Shop ơi áo khoác còn size M không ạ? 😍", name="Nguyễn Thị Lan"
    )
    await run_jobs()
    r = await fb.tenant.get("/api/v1/conversations")
    assert r.status_code == 200, r.text
    items = r.json()["items"]
    assert len(items) == 1
    assert items[0]["last_message"]["text"] == "Shop ơi áo khoác còn size M không ạ? 😍"
    assert items[0]["contact"]["name"] == "Nguyễn Thị Lan"

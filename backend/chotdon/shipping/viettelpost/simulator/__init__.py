"""A Viettel Post simulator: `python -m chotdon.shipping.viettelpost.simulator --port 8013`."""

"""Setup helpers for customer tests (shared with the order tests in `support/shop.py`)."""

from support.shop import customer_says, events_of, make_channel, make_product

__all__ = ["customer_says", "events_of", "make_channel", "make_product"]

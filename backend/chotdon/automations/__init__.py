"""Automatic messages: greeting, away and order-status messages sent by the shop's bot."""

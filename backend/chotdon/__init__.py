"""Chotdon: one live inbox for Facebook pages and marketplace shops, built for selling in chat."""

__version__ = "0.1.0"

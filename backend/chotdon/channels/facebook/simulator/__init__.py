"""A faithful local stand-in for the Facebook Graph API and its webhooks (tests, demo, bench)."""

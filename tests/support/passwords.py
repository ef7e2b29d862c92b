"""The one password every test account uses: strong enough for the registration rule.

Tests that register or add users take it from here (the `tenant` fixtures do), so a stricter
password rule changes one line, not every test.
"""

STRONG_PASSWORD = "Chotdon-Test-9vQ#2xLm"

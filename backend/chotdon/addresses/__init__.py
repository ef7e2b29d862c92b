"""Vietnamese administrative units (the 2025 two-level scheme and the legacy three-level one),
address parsing out of chat text and legacy → 2025 conversion."""

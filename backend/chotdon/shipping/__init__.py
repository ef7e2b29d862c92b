"""Shipping with carriers (GHN, GHTK, Viettel Post): quotes, bookings, labels, status updates."""

"""A GHN (Giao Hàng Nhanh) simulator: `python -m chotdon.shipping.ghn.simulator --port 8011`."""

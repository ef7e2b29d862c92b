"""A GHTK (Giao Hàng Tiết Kiệm) simulator: `python -m chotdon.shipping.ghtk.simulator --port 8012`."""

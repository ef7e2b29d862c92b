"""Chotdon benchmarks: `python -m bench [--mode quick|full] [--only NAME ...]`.

Every figure is printed beside its target and a baseline measured in the same run (a bare
FastAPI endpoint, raw asyncpg insert/COPY, raw Redis publish, a bare WebSocket broadcast), so a
number means the same on a laptop and on the 2-core CI machine. Results go to
`bench/results/<name>.json`.
"""

"""Reusable test helpers: real processes (`processes.py`), the Facebook simulator (`simulator.py`)."""

from support.carriers import carrier_sims  # noqa: F401  (pytest fixture)
from support.simulator import app_server  # noqa: F401  (pytest fixture)

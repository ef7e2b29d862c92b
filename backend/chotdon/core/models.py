"""Imports every domain's models so that Alembic and the drift test see the whole schema."""

from chotdon.accounts import models as accounts_models
from chotdon.addresses import models as addresses_models
from chotdon.automations import models as automations_models
from chotdon.channels import models as channels_models
from chotdon.core import outbox as outbox_models
from chotdon.core.db import Base
from chotdon.customers import models as customers_models
from chotdon.inbox import models as inbox_models
from chotdon.integrations import models as integrations_models
from chotdon.livestream import models as livestream_models
from chotdon.orders import models as orders_models
from chotdon.reports import models as reports_models
from chotdon.shipping import models as shipping_models
from chotdon.working_hours import models as working_hours_models

__all__ = [
    "Base",
    "accounts_models",
    "addresses_models",
    "automations_models",
    "channels_models",
    "customers_models",
    "inbox_models",
    "integrations_models",
    "livestream_models",
    "orders_models",
    "outbox_models",
    "reports_models",
    "shipping_models",
    "working_hours_models",
]

"""Render the app's OpenAPI document as YAML (`make openapi`, and the staleness test)."""

from __future__ import annotations

import yaml


def render_openapi() -> str:
    from chotdon.main import create_app

    schema = create_app().openapi()
    return yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=100)

"""Issue 13 items 3, 5 and 8: docs-only header exemption and offline Swagger UI, default secrets
refused outside a loopback sandbox, NUL in a path, XLSX zip bombs."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from chotdon.core.settings import DEFAULT_APP_SECRET, DEFAULT_SECRET_KEY, Settings, is_loopback

REPO = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- item 8: NUL in the path


@pytest.mark.parametrize("path", ["/foo%00bar", "/%00", "/inbox/%00/x", "/assets/a%00.js"])
async def test_nul_in_a_path_is_a_404_in_the_error_shape(client, path):
    r = await client.get(path)
    assert r.status_code == 404, r.text
    assert r.json()["error"]["code"] == "not_found"


# ---------------------------------------------------------------- item 3: headers, docs


@pytest.mark.parametrize("path", ["/docsx/inbox", "/docs-evil", "/docs/../inbox", "/inbox", "/"])
async def test_security_headers_on_every_page_but_the_docs(client, path):
    r = await client.get(path)
    csp = r.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert r.headers.get("x-frame-options") == "DENY"
    assert r.headers.get("x-content-type-options") == "nosniff"


async def test_docs_pages_are_framed_by_nobody_and_load_nothing_from_a_cdn(client):
    r = await client.get("/docs")
    assert r.status_code == 200
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers.get("x-frame-options") == "DENY"
    sources = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', r.text)
    assert sources, r.text
    assert all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    for asset in sources:
        got = await client.get(asset)
        assert got.status_code == 200, asset


# ---------------------------------------------------------------- item 5: default secrets


@pytest.mark.parametrize(
    "env, host, refused",
    [
        ({}, "127.0.0.1", False),
        ({}, "localhost", False),
        ({}, "::1", False),
        ({}, "0.0.0.0", True),
        ({}, "192.0.2.10", True),
        ({"database_url": "postgresql://db.internal/chotdon"}, "127.0.0.1", True),
        ({"environment": "development", "redis_url": "redis://r:6379/0"}, "0.0.0.0", True),
        ({"secret_key": "s" * 40, "facebook_app_secret": "a" * 20}, "0.0.0.0", False),
        ({"secret_key": "short", "facebook_app_secret": "a" * 20}, "0.0.0.0", True),
        ({"secret_key": "s" * 40}, "0.0.0.0", True),  # the app secret is still the default
    ],
)
def test_default_secrets_refused_outside_a_loopback_sandbox(env, host, refused, tmp_path):
    settings = Settings(
        _env_file=None,
        **{
            "data_dir": tmp_path,
            "secret_key": DEFAULT_SECRET_KEY,
            "facebook_app_secret": DEFAULT_APP_SECRET,
            "database_url": None,
            **env,
        },
    )
    if refused:
        with pytest.raises(ValueError):
            settings.refuse_default_secrets(host)
    else:
        settings.refuse_default_secrets(host)


@pytest.mark.parametrize(
    "host, loopback",
    [("127.0.0.1", True), ("127.3.2.1", True), ("[::1]", True), ("0.0.0.0", False), ("::", False)],
)
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


PROVIDER_SECRETS = {
    "shopee_partner_key": "SHOPEE_PARTNER_KEY",
    "tiktok_app_secret": "TIKTOK_APP_SECRET",
    "lazada_app_secret": "LAZADA_APP_SECRET",
    "zalo_app_secret": "ZALO_APP_SECRET",
    "zalo_oa_secret_key": "ZALO_OA_SECRET_KEY",
}
OWN_SECRETS = {
    "secret_key": "s" * 40,
    "facebook_app_secret": "a" * 20,
    "facebook_verify_token": "v" * 20,
    **{field: f"own-{field}-value" for field in PROVIDER_SECRETS},
}


def test_production_refuses_each_provider_default_secret(tmp_path):
    base = {"_env_file": None, "data_dir": tmp_path, "environment": "production"}
    Settings(**base, **OWN_SECRETS).refuse_default_secrets("127.0.0.1")
    for field, name in PROVIDER_SECRETS.items():
        defaults = Settings(_env_file=None, data_dir=tmp_path)
        with pytest.raises(ValueError, match=name) as refused:
            Settings(**base, **{**OWN_SECRETS, field: getattr(defaults, field)})
        # only the one left at its public value is named
        others = set(PROVIDER_SECRETS.values()) - {name}
        assert not any(other in str(refused.value) for other in others)


def test_provider_dev_secrets_still_run_tests_and_sandboxes(tmp_path):
    """Outside production the simulators (tests, benches, `make run`) sign with them."""
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path,
        environment="development",
        database_url="postgresql://db.internal/chotdon",
        secret_key="s" * 40,
        facebook_app_secret="a" * 20,
    )
    assert settings.default_secrets() == []
    settings.refuse_default_secrets("0.0.0.0")


def _run_without_secrets(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    child = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "FACEBOOK_APP_SECRET")}
    child.update({"ENVIRONMENT": "development", "PYTHONPATH": str(REPO / "backend"), **env})
    return subprocess.run(
        [sys.executable, "-m", "chotdon", *args],
        env=child,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_api_on_a_public_address_with_default_secrets_does_not_start(tmp_path):
    env = {"DATABASE_URL": "", "DATA_DIR": str(tmp_path)}
    done = _run_without_secrets(["api", "--host", "0.0.0.0", "--port", "1"], **env)
    assert done.returncode == 2, done.stderr
    assert "SECRET_KEY" in done.stderr and "listening on 0.0.0.0" in done.stderr


def test_worker_with_a_database_url_and_default_secrets_does_not_start():
    done = _run_without_secrets(["worker"], DATABASE_URL="postgresql://postgres@127.0.0.1:9/db")
    assert done.returncode == 2, done.stderr
    assert "DATABASE_URL is set" in done.stderr


# ---------------------------------------------------------------- item 8: XLSX zip bomb


def _xlsx_with_extra_member(size: int) -> bytes:
    wb = Workbook()
    wb.active.append(["sku", "name", "price"])
    wb.active.append(["A1", "Áo", 100000])
    plain = io.BytesIO()
    wb.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        if size:
            dst.writestr("xl/media/padding.bin", b"\0" * size)
    return out.getvalue()


async def test_xlsx_zip_bomb_is_refused_before_parsing(tenant):
    bomb = _xlsx_with_extra_member(200 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024  # a small upload...
    r = await tenant.post(
        "/api/v1/products/import",
        files={"file": ("bomb.xlsx", bomb, "application/octet-stream")},
    )
    assert r.status_code == 422, r.text  # ...that would unpack to 200 MB
    assert [d["field"] for d in r.json()["error"]["details"]] == ["file"]
    assert "unpacks to more than" in r.text
    # A normal workbook still imports.
    r = await tenant.post(
        "/api/v1/products/import",
        files={"file": ("ok.xlsx", _xlsx_with_extra_member(0), "application/octet-stream")},
    )
    assert r.status_code == 200, r.text

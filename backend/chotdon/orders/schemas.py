"""Shapes of products, orders, warehouses and shipping rates (API.md is the contract)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from chotdon.addresses.schemas import StoredAddressOut, StructuredAddressIn
from chotdon.core.schemas import Input
from chotdon.orders.totals import MAX_FEE, MAX_ITEMS, MAX_QUANTITY, MAX_UNIT_PRICE

Money = int
OrderStatus = Literal["draft", "confirmed", "closed", "completed", "cancelled"]
PaymentMethod = Literal["cod", "bank_transfer"]

_ID = Field(gt=0, lt=2**63)


# --------------------------------------------------------------------------- products


class VariantIn(Input):
    id: int | None = Field(default=None, gt=0, lt=2**63)
    sku: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=200)
    attributes: dict[str, str] = Field(default_factory=dict)
    price: int = Field(default=0, ge=0, le=MAX_UNIT_PRICE)
    stock: int = Field(default=0, ge=0, le=2**31 - 1)

    @field_validator("sku", "name")
    @classmethod
    def _strip(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("must not be blank")
        return v


class ListingIn(Input):
    """The product's listing on a channel with listings (a Shopee shop's `item_id`)."""

    channel_id: int = _ID
    external_id: str = Field(min_length=1, max_length=32, pattern=r"^[0-9]+$")


class ListingOut(BaseModel):
    channel_id: int
    external_id: str


class ProductIn(Input):
    sku: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20000)
    images: list[Annotated[str, Field(max_length=2000)]] = Field(
        default_factory=list, max_length=20
    )
    price: int = Field(default=0, ge=0, le=MAX_UNIT_PRICE)
    stock: int = Field(default=0, ge=0, le=2**31 - 1)
    weight_grams: int = Field(default=0, ge=0, le=1_000_000)
    is_active: bool = True
    variants: list[VariantIn] = Field(default_factory=list, max_length=200)
    listings: list[ListingIn] = Field(default_factory=list, max_length=50)

    @field_validator("sku", "name")
    @classmethod
    def _strip(cls, v: str) -> str:
        v = v.strip()
        if not v:
            raise ValueError("must not be blank")
        return v


class ProductPatch(Input):
    sku: str | None = Field(default=None, min_length=1, max_length=64)
    name: str | None = Field(default=None, min_length=1, max_length=300)
    description: str | None = Field(default=None, max_length=20000)
    images: list[Annotated[str, Field(max_length=2000)]] | None = Field(default=None, max_length=20)
    price: int | None = Field(default=None, ge=0, le=MAX_UNIT_PRICE)
    stock: int | None = Field(default=None, ge=0, le=2**31 - 1)
    weight_grams: int | None = Field(default=None, ge=0, le=1_000_000)
    is_active: bool | None = None
    variants: list[VariantIn] | None = Field(default=None, max_length=200)
    # When sent: the full new list (a channel left out is unlinked).
    listings: list[ListingIn] | None = Field(default=None, max_length=50)


class VariantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    sku: str
    name: str
    attributes: dict[str, Any]
    price: int
    stock: int
    reserved: int
    available: int


class ProductOut(BaseModel):
    id: int
    sku: str
    name: str
    description: str | None
    images: list[str]
    price: int
    stock: int
    reserved: int
    available: int
    weight_grams: int
    is_active: bool
    variants: list[VariantOut]
    listings: list[ListingOut] = []
    created_at: datetime
    updated_at: datetime


class ImportResult(BaseModel):
    created: int
    updated: int
    variants: int
    errors: list[dict[str, Any]]


# --------------------------------------------------------------------------- orders


class OrderItemIn(Input):
    product_id: int = _ID
    variant_id: int | None = Field(default=None, gt=0, lt=2**63)
    variant_sku: str | None = Field(default=None, max_length=64)
    quantity: int = Field(default=1, ge=1, le=MAX_QUANTITY)
    unit_price: int | None = Field(default=None, ge=0, le=MAX_UNIT_PRICE)
    name: str | None = Field(default=None, max_length=300)


class OrderIn(Input):
    conversation_id: int | None = Field(default=None, gt=0, lt=2**63)
    contact_id: int | None = Field(default=None, gt=0, lt=2**63)
    warehouse_id: int | None = Field(default=None, gt=0, lt=2**63)
    customer_name: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=2000)
    province: str | None = Field(default=None, max_length=100)
    district: str | None = Field(default=None, max_length=100)
    ward: str | None = Field(default=None, max_length=100)
    structured_address: StructuredAddressIn | None = Field(
        default=None,
        description="The address as official codes (parser or pickers); without it the "
        "`address` text is read when saved.",
    )
    items: list[OrderItemIn] = Field(default_factory=list, max_length=MAX_ITEMS)
    shipping_fee: int = Field(default=0, ge=0, le=MAX_FEE)
    discount: int = Field(default=0, ge=0, le=MAX_FEE)
    cod_amount: int | None = Field(default=None, ge=0, le=2**53)
    payment_method: PaymentMethod = "cod"
    note: str | None = Field(default=None, max_length=5000)
    # Create and confirm in one step (the "Tạo đơn" button in the chat).
    confirm: bool = False


class OrderPatch(Input):
    customer_name: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    address: str | None = Field(default=None, max_length=2000)
    province: str | None = Field(default=None, max_length=100)
    district: str | None = Field(default=None, max_length=100)
    ward: str | None = Field(default=None, max_length=100)
    structured_address: StructuredAddressIn | None = Field(
        default=None,
        description="The address as official codes (parser or pickers); without it the "
        "`address` text is read when saved.",
    )
    items: list[OrderItemIn] | None = Field(default=None, max_length=MAX_ITEMS)
    shipping_fee: int | None = Field(default=None, ge=0, le=MAX_FEE)
    discount: int | None = Field(default=None, ge=0, le=MAX_FEE)
    cod_amount: int | None = Field(default=None, ge=0, le=2**53)
    payment_method: PaymentMethod | None = None
    note: str | None = Field(default=None, max_length=5000)
    carrier: str | None = Field(default=None, max_length=32)
    warehouse_id: int | None = Field(default=None, gt=0, lt=2**63)
    # The version the agent edited; 409 `stale_order` if someone changed the order since.
    version: int | None = Field(default=None, ge=1)


class TransitionIn(Input):
    to: OrderStatus
    reason: str | None = Field(default=None, max_length=2000)


class BulkTransitionIn(Input):
    ids: list[Annotated[int, Field(gt=0, lt=2**63)]] = Field(min_length=1, max_length=500)
    to: OrderStatus
    reason: str | None = Field(default=None, max_length=2000)


class BulkResult(BaseModel):
    id: int
    ok: bool
    code: str | None = None
    message: str | None = None


class BulkTransitionOut(BaseModel):
    results: list[BulkResult]
    succeeded: int
    failed: int


class OrderItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    product_id: int | None
    variant_id: int | None
    variant_sku: str | None
    sku: str | None
    name: str
    quantity: int
    unit_price: int
    line_total: int
    source_message_id: int | None = None
    keyword: str | None = None
    # The size / colour is still to be chosen ("cần chọn phân loại").
    needs_variant: bool = False


class StatusChangeOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    from_status: str | None
    to_status: str
    reason: str | None
    actor_type: str
    actor_user_id: int | None
    actor_name: str | None = None
    created_at: datetime


class OrderOut(BaseModel):
    id: int
    code: str
    status: OrderStatus
    status_label: str
    source: Literal["manual", "chat_auto", "livestream"]
    contact_id: int | None
    conversation_id: int | None
    livestream_id: int | None
    channel_id: int | None
    warehouse_id: int | None
    customer_name: str | None
    phone: str | None
    address: str | None
    province: str | None
    district: str | None
    ward: str | None
    # The address as official codes in its own scheme, with its 2025 form (None: unread).
    structured_address: StoredAddressOut | None = None
    items: list[OrderItemOut]
    subtotal: int
    shipping_fee: int
    discount: int
    total: int
    cod_amount: int
    payment_method: str
    carrier: str | None
    weight_grams: int
    note: str | None
    cancel_reason: str | None
    bot_status: str | None
    # Why the bot's message was not sent: English for integrators; the code
    # (orders/bot_errors.py) is what the SPA shows in Vietnamese.
    bot_error: str | None
    bot_error_code: str | None = None
    receipt_message_id: int | None
    created_by_id: int | None
    editable: bool
    allowed_transitions: list[str]
    # What an open order still lacks, for cards and bulk actions: "phone", "address" (needed
    # to close), "variant" (a line's size / colour, needed to confirm).
    missing: list[Literal["phone", "address", "variant"]] = []
    # The customer's risk badge (new / trusted / watch / high / blacklisted), for lists.
    customer_risk: str | None = None
    version: int
    created_at: datetime
    updated_at: datetime
    confirmed_at: datetime | None
    closed_at: datetime | None
    completed_at: datetime | None
    cancelled_at: datetime | None


class OrderDetailOut(OrderOut):
    history: list[StatusChangeOut]


class OrderPrefillOut(BaseModel):
    """What the order form in a conversation starts with (customer info found in the chat)."""

    conversation_id: int
    contact_id: int
    channel_id: int
    customer_name: str | None
    phone: str | None
    phones: list[str]
    address: str | None
    province: str | None
    district: str | None
    ward: str | None
    structured_address: StoredAddressOut | None = None
    addresses: list[str]
    open_order: OrderOut | None
    recent_orders: list[OrderOut]
    orders_count: int
    completed_orders_count: int
    cancelled_orders_count: int
    risk: str
    blacklisted: bool
    shipping_fee: int | None


# --------------------------------------------------------------------------- settings


class WarehouseIn(Input):
    name: str = Field(min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=2000)
    is_default: bool = False


class WarehousePatch(Input):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=2000)
    is_default: bool | None = None


class WarehouseOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    address: str | None
    is_default: bool
    created_at: datetime


class ShippingRateIn(Input):
    carrier: str = Field(default="default", min_length=1, max_length=32)
    province: str = Field(default="*", min_length=1, max_length=100)
    max_weight_grams: int = Field(ge=1, le=1_000_000)
    fee: int = Field(ge=0, le=MAX_FEE)


class ShippingRateOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    carrier: str
    province: str
    max_weight_grams: int
    fee: int


class ShippingRatesIn(Input):
    rates: list[ShippingRateIn] = Field(max_length=2000)


class ShippingEstimateIn(Input):
    province: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=2000)
    weight_grams: int = Field(default=500, ge=0, le=1_000_000)
    cod_amount: int = Field(default=0, ge=0, le=2**53)


class ShippingQuoteOut(BaseModel):
    carrier: str
    service: str
    fee: int
    province: str | None


class OrderSettings(BaseModel):
    receipt_enabled: bool = True
    receipt_template: str = Field(min_length=1, max_length=4000)
    default_warehouse_id: int | None = None


class OrderSettingsIn(Input):
    receipt_enabled: bool | None = None
    receipt_template: str | None = Field(default=None, min_length=1, max_length=4000)

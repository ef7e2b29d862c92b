"""The product catalogue: products with variants and stock, search, CSV/XLSX import and export.

Stock lives on the product when it has no variants, on each variant otherwise; `reserved` is
what confirmed orders hold (see `orders.stock`), `available = stock - reserved`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from chotdon.core.errors import Conflict, ValidationFailed
from chotdon.core.pagination import decode_cursor, encode_cursor
from chotdon.core.tenant import get_owned, owned
from chotdon.core.text import fold_words, search_document
from chotdon.orders import listings
from chotdon.orders.models import Product, ProductVariant
from chotdon.orders.schemas import (
    ListingOut,
    ProductIn,
    ProductOut,
    ProductPatch,
    VariantIn,
    VariantOut,
)
from chotdon.orders.totals import MAX_UNIT_PRICE


def tsquery_of(q: str | None) -> str | None:
    """'áo khoác' -> 'ao:* & khoac:*' (prefix match on folded words), None when empty."""
    words = fold_words(q)[:10]
    return " & ".join(f"{w}:*" for w in words) if words else None


def _product_search_text(product: Product, variants: Sequence[Any]) -> str:
    return search_document(product.sku, product.name, *(f"{v.sku} {v.name}" for v in variants))


def product_out(
    product: Product,
    variants: Sequence[ProductVariant],
    listings: Sequence[ListingOut] = (),
) -> ProductOut:
    vs = [
        VariantOut(
            id=v.id,
            sku=v.sku,
            name=v.name,
            attributes=v.attributes or {},
            price=v.price,
            stock=v.stock,
            reserved=v.reserved,
            available=max(v.stock - v.reserved, 0),
        )
        for v in variants
    ]
    if vs:
        stock_, reserved = sum(v.stock for v in vs), sum(v.reserved for v in vs)
    else:
        stock_, reserved = product.stock, product.reserved
    return ProductOut(
        id=product.id,
        sku=product.sku,
        name=product.name,
        description=product.description,
        images=list(product.images or []),
        price=product.price,
        stock=stock_,
        reserved=reserved,
        available=max(stock_ - reserved, 0) if not vs else sum(v.available for v in vs),
        weight_grams=product.weight_grams,
        is_active=product.is_active,
        variants=vs,
        listings=list(listings),
        created_at=product.created_at,
        updated_at=product.updated_at,
    )


async def available(session: AsyncSession, product: Product) -> int:
    """Units on hand and not reserved: the variants' when the product has variants (its own
    stock then stays 0), else the product's."""
    rows = (
        await session.execute(
            select(ProductVariant.stock, ProductVariant.reserved).where(
                ProductVariant.product_id == product.id
            )
        )
    ).all()
    if rows:
        return sum(max(stock - reserved, 0) for stock, reserved in rows)
    return max(product.stock - product.reserved, 0)


async def variants_of(
    session: AsyncSession, product_ids: Sequence[int]
) -> dict[int, list[ProductVariant]]:
    out: dict[int, list[ProductVariant]] = {pid: [] for pid in product_ids}
    if not product_ids:
        return out
    rows = await session.execute(
        select(ProductVariant)
        .where(ProductVariant.product_id.in_(list(product_ids)))
        .order_by(ProductVariant.position, ProductVariant.id)
        .execution_options(populate_existing=True)
    )
    for v in rows.scalars():
        out[v.product_id].append(v)
    return out


async def products_out(session: AsyncSession, products: Sequence[Product]) -> list[ProductOut]:
    ids = [p.id for p in products]
    variants, links = await variants_of(session, ids), await listings.listings_of(session, ids)
    return [product_out(p, variants[p.id], links[p.id]) for p in products]


async def list_products(
    session: AsyncSession,
    workspace_id: int,
    *,
    q: str | None = None,
    sku: str | None = None,
    active: bool | None = None,
    in_stock: bool | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> tuple[list[Product], str | None]:
    """Newest first; `q` matches name/SKU/variant words without diacritics ("ao" finds "áo")."""
    stmt = owned(Product, workspace_id).execution_options(populate_existing=True)
    query = tsquery_of(q)
    if query:
        stmt = stmt.where(
            text("to_tsvector('simple', products.search_text) @@ to_tsquery('simple', :tsq)")
        ).params(tsq=query)
    if sku:
        stmt = stmt.where(func.lower(Product.sku) == sku.replace("\x00", "").strip().lower())
    if active is not None:
        stmt = stmt.where(Product.is_active.is_(active))
    if in_stock is not None:
        has_variant_stock = (
            select(ProductVariant.id)
            .where(
                ProductVariant.product_id == Product.id,
                ProductVariant.stock > ProductVariant.reserved,
            )
            .exists()
        )
        cond = (Product.stock > Product.reserved) | has_variant_stock
        stmt = stmt.where(cond if in_stock else ~cond)
    after = decode_cursor(cursor, 1)
    if after is not None:
        stmt = stmt.where(Product.id < int(after[0]))
    rows = list(
        (await session.execute(stmt.order_by(Product.id.desc()).limit(limit + 1))).scalars()
    )
    next_cursor = encode_cursor([rows[limit - 1].id]) if len(rows) > limit else None
    return rows[:limit], next_cursor


async def get_product(session: AsyncSession, workspace_id: int, product_id: int) -> Product:
    product = await get_owned(session, Product, product_id, workspace_id, label="Product")
    await session.refresh(product)
    return product


def _invalid(field_name: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": field_name, "message": message}])


def _check_variant_skus(product_sku: str, variants: Sequence[VariantIn]) -> None:
    seen = {product_sku.lower()}
    for index, v in enumerate(variants):
        key = v.sku.lower()
        if key in seen:
            raise _invalid(f"variants.{index}.sku", f"SKU '{v.sku}' is used twice")
        seen.add(key)


async def create_product(session: AsyncSession, workspace_id: int, body: ProductIn) -> Product:
    _check_variant_skus(body.sku, body.variants)
    product = Product(
        workspace_id=workspace_id,
        sku=body.sku,
        name=body.name,
        description=body.description,
        images=body.images,
        price=body.price,
        stock=0 if body.variants else body.stock,
        weight_grams=body.weight_grams,
        is_active=body.is_active,
    )
    product.search_text = _product_search_text(product, body.variants)
    try:
        async with session.begin_nested():
            session.add(product)
            await session.flush()
            for position, v in enumerate(body.variants):
                session.add(_new_variant(workspace_id, product.id, v, position))
            await session.flush()
            if body.listings:
                await listings.set_listings(session, product, body.listings)
    except IntegrityError as exc:
        raise Conflict(
            "A product or variant with this SKU already exists", code="sku_taken"
        ) from exc
    return product


def _new_variant(workspace_id: int, product_id: int, v: VariantIn, position: int) -> ProductVariant:
    return ProductVariant(
        workspace_id=workspace_id,
        product_id=product_id,
        sku=v.sku,
        name=v.name,
        attributes=v.attributes,
        price=v.price,
        stock=v.stock,
        position=position,
    )


async def update_product(
    session: AsyncSession, workspace_id: int, product_id: int, patch: ProductPatch
) -> Product:
    """Edit fields; `variants` (when sent) is the full new list, matched by id or SKU.

    Stock may not go below what confirmed orders hold, and a variant with reservations cannot
    be removed (409).
    """
    product = await get_owned(
        session, Product, product_id, workspace_id, for_update=True, label="Product"
    )
    await session.refresh(product)
    values = patch.model_dump(exclude_unset=True)
    variants = (await variants_of(session, [product.id]))[product.id]
    for key in ("sku", "name", "price", "weight_grams", "is_active", "description", "images"):
        if key in values and (values[key] is not None or key == "description"):
            setattr(product, key, values[key])
    try:
        async with session.begin_nested():
            if patch.variants is not None:
                _check_variant_skus(product.sku, patch.variants)
                variants = await _replace_variants(session, product, variants, patch.variants)
            if "stock" in values and values["stock"] is not None:
                if variants:
                    raise _invalid("stock", "This product keeps stock on its variants")
                if values["stock"] < product.reserved:
                    raise Conflict(
                        f"{product.reserved} units are held by confirmed orders: stock cannot "
                        "go below that",
                        code="stock_below_reserved",
                    )
                product.stock = values["stock"]
            if variants and patch.variants is not None:
                product.stock = 0  # stock moves to the variants (nothing reserved, checked)
            if patch.listings is not None:
                await listings.set_listings(session, product, patch.listings)
            product.search_text = _product_search_text(product, variants)
            await session.flush()
    except IntegrityError as exc:
        raise Conflict(
            "A product or variant with this SKU already exists", code="sku_taken"
        ) from exc
    return product


async def _replace_variants(
    session: AsyncSession,
    product: Product,
    existing: list[ProductVariant],
    wanted: Sequence[VariantIn],
) -> list[ProductVariant]:
    by_id = {v.id: v for v in existing}
    by_sku = {v.sku.lower(): v for v in existing}
    kept: list[ProductVariant] = []
    for position, w in enumerate(wanted):
        current = by_id.get(w.id) if w.id else by_sku.get(w.sku.lower())
        if w.id and current is None:
            raise _invalid(f"variants.{position}.id", "No such variant on this product")
        if current is None:
            current = _new_variant(product.workspace_id, product.id, w, position)
            session.add(current)
        else:
            if w.stock < current.reserved:
                raise Conflict(
                    f"{current.reserved} units of {current.name} are held by confirmed orders",
                    code="stock_below_reserved",
                )
            current.sku, current.name, current.attributes = w.sku, w.name, w.attributes
            current.price, current.stock, current.position = w.price, w.stock, position
        kept.append(current)
    gone = [v for v in existing if v not in kept]
    held = [v for v in gone if v.reserved]
    if held:
        raise Conflict(
            f"Variant {held[0].name} is held by confirmed orders and cannot be removed",
            code="variant_in_use",
        )
    if gone:
        await session.execute(
            delete(ProductVariant).where(ProductVariant.id.in_([v.id for v in gone]))
        )
    if kept and product.reserved:
        raise Conflict(
            "Confirmed orders hold this product's stock: add variants after they are done",
            code="stock_below_reserved",
        )
    await session.flush()
    return kept


async def delete_product(session: AsyncSession, workspace_id: int, product_id: int) -> None:
    """Products held by confirmed orders are deactivated instead of deleted (409)."""
    product = await get_owned(
        session, Product, product_id, workspace_id, for_update=True, label="Product"
    )
    held = product.reserved or await session.scalar(
        select(func.coalesce(func.sum(ProductVariant.reserved), 0)).where(
            ProductVariant.product_id == product.id
        )
    )
    if held:
        raise Conflict(
            "Confirmed orders hold this product: deactivate it instead (is_active=false)",
            code="product_in_use",
        )
    await session.delete(product)
    await session.flush()


# --------------------------------------------------------------------------- import / export

EXPORT_COLUMNS = [
    "sku",
    "name",
    "price",
    "stock",
    "weight_grams",
    "is_active",
    "description",
    "images",
    "variant_sku",
    "variant_name",
    "variant_price",
    "variant_stock",
]
# Vietnamese headers people use in their own sheets, mapped to ours.
HEADER_ALIASES = {
    "ma": "sku",
    "ma sp": "sku",
    "ma san pham": "sku",
    "ten": "name",
    "ten san pham": "name",
    "gia": "price",
    "gia ban": "price",
    "ton kho": "stock",
    "so luong": "stock",
    "can nang": "weight_grams",
    "khoi luong": "weight_grams",
    "mo ta": "description",
    "hinh anh": "images",
    "anh": "images",
    "ma bien the": "variant_sku",
    "ten bien the": "variant_name",
    "phan loai": "variant_name",
    "gia bien the": "variant_price",
    "ton kho bien the": "variant_stock",
}
MAX_IMPORT_ROWS = 20_000


def export_rows(products: Sequence[ProductOut]) -> list[list[Any]]:
    """One row per variant (product columns repeated), one row for a product without."""
    rows: list[list[Any]] = []
    for p in products:
        base = [
            p.sku,
            p.name,
            p.price,
            p.stock,
            p.weight_grams,
            "1" if p.is_active else "0",
            p.description or "",
            " ".join(p.images),
        ]
        if not p.variants:
            rows.append([*base, "", "", "", ""])
        for v in p.variants:
            rows.append([*base, v.sku, v.name, v.price, v.stock])
    return rows


@dataclass(slots=True)
class _ProductRow:
    line: int
    values: dict[str, Any]
    variants: list[dict[str, Any]] = field(default_factory=list)


def _norm_header(value: Any) -> str:
    key = " ".join(fold_words(str(value or "")))
    key = key.replace(" ", "_") if key.replace(" ", "_") in EXPORT_COLUMNS else key
    return HEADER_ALIASES.get(key, key)


def _int(value: Any, field_name: str, line: int, *, maximum: int) -> int:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"line {line}: {field_name} must be a whole number")
        value = int(value)
    if isinstance(value, str):
        cleaned = value.strip().replace(".", "").replace(",", "").replace("đ", "").strip()
        if not cleaned.lstrip("-").isdigit():
            raise ValueError(f"line {line}: {field_name} '{value}' is not a number")
        value = int(cleaned)
    if not isinstance(value, int) or value < 0 or value > maximum:
        raise ValueError(f"line {line}: {field_name} must be between 0 and {maximum}")
    return value


def _unescape(value: Any) -> Any:
    """Undo our export's formula guard ("'=x" -> "=x"): the database is not a spreadsheet.
    NUL characters (which PostgreSQL text cannot hold) are dropped."""
    if isinstance(value, str):
        value = value.replace("\x00", "")
        if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
            return value[1:]
    return value


def parse_table(rows: list[list[Any]]) -> tuple[list[_ProductRow], list[dict[str, Any]]]:
    """Rows (header first) -> products with variants, plus per-line errors."""
    if not rows:
        raise _invalid("file", "The file is empty")
    header = [_norm_header(h) for h in rows[0]]
    if "sku" not in header or "name" not in header:
        raise _invalid("file", "The first row must name the columns, at least sku and name")
    if len(rows) > MAX_IMPORT_ROWS + 1:
        raise _invalid("file", f"At most {MAX_IMPORT_ROWS} rows per import")
    products: dict[str, _ProductRow] = {}
    errors: list[dict[str, Any]] = []
    for index, raw in enumerate(rows[1:], start=2):
        record = {h: _unescape(raw[i] if i < len(raw) else None) for i, h in enumerate(header)}
        if all(v is None or str(v).strip() == "" for v in record.values()):
            continue
        try:
            sku = str(record.get("sku") or "").strip()
            name = str(record.get("name") or "").strip()
            if not sku or not name:
                raise ValueError(f"line {index}: sku and name are required")
            if len(sku) > 64 or len(name) > 300:
                raise ValueError(f"line {index}: sku or name too long")
            values = {
                "sku": sku,
                "name": name,
                "price": _int(record.get("price"), "price", index, maximum=MAX_UNIT_PRICE),
                "stock": _int(record.get("stock"), "stock", index, maximum=2**31 - 1),
                "weight_grams": _int(
                    record.get("weight_grams"), "weight_grams", index, maximum=1_000_000
                ),
                "is_active": str(record.get("is_active", "1") or "1").strip().lower()
                not in ("0", "false", "no", "khong", "không"),
                "description": (str(record["description"]).strip() or None)
                if record.get("description") is not None
                else None,
                "images": str(record.get("images") or "").split()[:20],
            }
            target = products.get(sku.lower())
            if target is None:
                target = products[sku.lower()] = _ProductRow(index, values)
            vsku = str(record.get("variant_sku") or "").strip()
            if vsku:
                vname = str(record.get("variant_name") or vsku).strip()[:200]
                target.variants.append(
                    {
                        "sku": vsku[:64],
                        "name": vname,
                        "price": _int(
                            record.get("variant_price"),
                            "variant_price",
                            index,
                            maximum=MAX_UNIT_PRICE,
                        )
                        or values["price"],
                        "stock": _int(
                            record.get("variant_stock"),
                            "variant_stock",
                            index,
                            maximum=2**31 - 1,
                        ),
                    }
                )
        except ValueError as exc:
            errors.append({"line": index, "message": str(exc)})
    return list(products.values()), errors


def read_csv(data: bytes) -> list[list[Any]]:
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _invalid("file", "The CSV file must be UTF-8") from exc
    sample = content[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(content), dialect)]


# An .xlsx is a zip: a few MB can unpack to gigabytes ("zip bomb"). Its directory is checked
# before openpyxl reads anything (zipfile never inflates a member past its declared size).
MAX_XLSX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_XLSX_MEMBERS = 500
MAX_IMPORT_COLUMNS = 100


def check_xlsx_bounds(data: bytes) -> None:
    """Refuse an .xlsx whose uncompressed contents are too large, before parsing it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _invalid("file", "This is not a readable .xlsx file") from exc
    if len(members) > MAX_XLSX_MEMBERS:
        raise _invalid("file", "This .xlsx file has too many parts")
    total = sum(member.file_size for member in members)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _invalid(
            "file",
            f"This .xlsx file unpacks to more than {MAX_XLSX_UNCOMPRESSED // 2**20} MB",
        )


def read_xlsx(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    check_xlsx_bounds(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken file
        raise _invalid("file", "This is not a readable .xlsx file") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        # The row limit is checked while streaming; the column bound ignores a forged sheet
        # dimension that would pad every row to 16,384 cells.
        for row in sheet.iter_rows(values_only=True, max_col=MAX_IMPORT_COLUMNS):
            rows.append(list(row))
            if len(rows) > MAX_IMPORT_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


async def import_products(
    session: AsyncSession, workspace_id: int, rows: list[list[Any]]
) -> dict[str, Any]:
    """Create or update products by SKU (variants by their SKU). All or nothing on errors."""
    parsed, errors = parse_table(rows)
    if errors:
        raise ValidationFailed(
            f"{len(errors)} rows could not be read; nothing was imported",
            code="import_failed",
            details=errors[:100],
        )
    created = updated = variant_count = 0
    existing = {
        p.sku.lower(): p
        for p in (
            await session.execute(
                owned(Product, workspace_id).where(
                    func.lower(Product.sku).in_([r.values["sku"].lower() for r in parsed])
                )
            )
        ).scalars()
    }
    for row in parsed:
        product = existing.get(row.values["sku"].lower())
        variants = [VariantIn(**v) for v in row.variants]
        try:
            if product is None:
                await create_product(
                    session, workspace_id, ProductIn(**row.values, variants=variants)
                )
                created += 1
            else:
                patch = ProductPatch(
                    **{k: v for k, v in row.values.items() if k != "sku"},
                    variants=variants if variants else None,
                )
                if variants:
                    patch.stock = None
                await update_product(session, workspace_id, product.id, patch)
                updated += 1
        except (Conflict, ValidationFailed) as exc:
            raise ValidationFailed(
                f"line {row.line}: {exc.message}; nothing was imported",
                code="import_failed",
                details=[{"line": row.line, "message": exc.message}],
            ) from exc
        variant_count += len(variants)
    return {"created": created, "updated": updated, "variants": variant_count, "errors": []}

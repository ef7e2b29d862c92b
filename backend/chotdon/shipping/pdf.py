"""Labels printed together: several carriers' PDFs merged into one print job (pypdf)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from chotdon.shipping.carrier import CarrierError

PDF = "application/pdf"


def merge(documents: Sequence[bytes]) -> bytes:
    """One PDF with every page of `documents`, in order; a document that is not a readable PDF
    is the carrier's fault (CarrierError), never a 500."""
    if len(documents) == 1:
        return documents[0]
    writer = PdfWriter()
    for document in documents:
        try:
            writer.append(PdfReader(io.BytesIO(document), strict=False))
        except (PdfReadError, ValueError) as exc:
            raise CarrierError("label_unreadable", f"A label is not a PDF: {exc}") from None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

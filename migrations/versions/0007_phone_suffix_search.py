"""phone suffix search: every customer's search document gets a reversed-digits token per phone
(`customers.service.phone_suffix_token`), so the inbox finds a phone by its last digits; the
conversations' documents (customer part first) follow.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 04:20:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TAILS = """
    CREATE TEMPORARY TABLE phone_tails ON COMMIT DROP AS
    SELECT contact_id,
           string_agg('r' || reverse(regexp_replace(phone, '[^0-9]', '', 'g')), ' ' ORDER BY id)
               AS tokens
    FROM contact_phones
    GROUP BY contact_id
"""

# A conversation's document is "<customer document> <message words>": the new customer part
# goes in front of the words, exactly as `inbox.preview.conversation_document` would write it.
_CONVERSATIONS = """
    UPDATE conversations v
    SET search_text = CASE
        WHEN c.search_text = '' THEN btrim(t.tokens || ' ' || v.search_text)
        ELSE c.search_text || ' ' || t.tokens || substr(v.search_text, length(c.search_text) + 1)
    END
    FROM contacts c JOIN phone_tails t ON t.contact_id = c.id
    WHERE v.contact_id = c.id
      AND position(t.tokens IN c.search_text) = 0
      AND (
        c.search_text = ''
        OR v.search_text = c.search_text
        OR left(v.search_text, length(c.search_text) + 1) = c.search_text || ' '
      )
"""

_CONTACTS = """
    UPDATE contacts c
    SET search_text = btrim(c.search_text || ' ' || t.tokens)
    FROM phone_tails t
    WHERE t.contact_id = c.id AND position(t.tokens IN c.search_text) = 0
"""


def upgrade() -> None:
    op.execute(_TAILS)
    op.execute(_CONVERSATIONS)
    op.execute(_CONTACTS)
    op.execute("DROP TABLE IF EXISTS phone_tails")


def downgrade() -> None:
    # The extra tokens are harmless to the previous version's searches: nothing to undo.
    pass

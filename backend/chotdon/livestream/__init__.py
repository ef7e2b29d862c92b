"""Livestream selling ("chốt đơn livestream"): comments with a keyword and a phone number on a
live video become orders in real time, a bot confirms them in Messenger, an order board runs
the show.

- `parser.py`: `parse_live_comment` (pure): keywords, quantities, variants, phone, what is missing.
- `service.py`: livestreams, attaching a prepared one to the page's next live video, the keyword
  configuration (cached per process for the comment jobs).
- `flows.py`: hooks called by `inbox.flows` inside the ingestion transaction; a comment on a
  livestream's video is stored as a `LivestreamComment` (chatter is settled there and then,
  anything with a keyword or a phone gets the `live_comment` job).
- `intake.py`: the comment jobs' logic: one open order per customer per livestream through
  `orders.service`, edits / removals / duplicates, waiting for a phone or a size, blacklist.
- `confirmation.py`: the bot's message about the order (private reply within Facebook's limits,
  the queue over the hourly cap); `answers.py`: the customer's answer to it in Messenger.
- `bot.py`: the bot's template and answer understanding (pure) and the per-page hourly cap.
- `board.py` / `router.py`: the order board, totals, the comment feed, bulk actions.

Realtime events: `order.created` / `order.updated` (orders service), `livestream.comment` (a
comment and what became of it), `livestream.updated` (a livestream or its configuration).
"""

"""Working hours of a workspace: when the shop is open (automatic messages, reports, assignment)."""

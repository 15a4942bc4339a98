"""What the record tells the floors above it, which it may not import: the matching
renews the public pages that show a changed recommendation's response."""

from django.dispatch import Signal

# Sent with `ids`, the UPR recommendations an import changed (its response, text, themes
# or category), after each chunk of the import is written.
recommendations_changed = Signal()

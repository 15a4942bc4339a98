"""The shell: what puts the floors together (the root URLconf, the series page, the demo,
the erasure of personal data across the apps). It may import every app; nothing imports it."""

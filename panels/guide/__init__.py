"""The practical guide of each series (stay, accommodation, the grounds pass, the rules of
the room, reprisals, the guide and the statement template) and the public page on how the
Pre-sessions work."""

"""The open read API: everything public, as JSON, through the same doors as the pages."""

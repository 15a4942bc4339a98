"""Panels: selection, scheduling and statements build on the call for applications."""

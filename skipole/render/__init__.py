"""Turning project trees into HTML: escaping, compiled render plans and the per-request fill."""

"""Linguistic analyzers: facts with character spans, read by the rules."""

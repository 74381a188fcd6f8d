"""replylint: check a support agent's draft reply against the customer's message."""

__version__ = "0.1.0"

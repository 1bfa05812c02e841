"""Intake Desk – 社会救助窗口受理台."""

__version__ = "0.1.0"

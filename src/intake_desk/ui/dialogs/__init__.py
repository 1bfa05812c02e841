"""Dialogs: sign-in, first-run set-up."""

"""Accounts: users, their roles and their sign-in (password, second factor), managed from the web UI."""

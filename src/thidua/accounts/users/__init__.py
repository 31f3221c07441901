"""Users and their roles, managed in the app by scoped administrators; own password; the account import."""

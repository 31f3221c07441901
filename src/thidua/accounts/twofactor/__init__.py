"""Two-factor sign-in: a TOTP authenticator app plus one-time recovery codes (django-otp), required for the roles
that administer, sign or approve, optional for everyone else; an administrator resets a lost second factor."""

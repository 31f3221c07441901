"""Movements slice: phong trào thi đua, their documents and targets, registrations (đăng ký thi đua), pacts and the
emulation calendar."""

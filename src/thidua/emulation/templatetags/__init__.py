"""Template tags of the emulation app."""

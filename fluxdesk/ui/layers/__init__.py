"""The layered PSD hand-off dialog."""

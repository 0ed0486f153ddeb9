"""The scan clean-up panel."""

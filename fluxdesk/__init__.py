"""FluxDesk: a desktop studio for comic and manga artists on the FLUX image API."""

__version__ = "0.1.0"

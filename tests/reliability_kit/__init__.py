"""Shared material for the reliability checks (issue 10): the network fault table, hostile input
files, and helpers to prove nothing leaked, crashed or was sent twice. Used by tests in several
folders (cli, core, ui/window); `tests/` is on sys.path, so import it as `reliability_kit`."""

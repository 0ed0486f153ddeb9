"""The preset editor dialog and its parts."""

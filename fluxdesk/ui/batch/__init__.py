"""The chapter batch: the contact sheet, its dialogs, and their wiring into the window."""

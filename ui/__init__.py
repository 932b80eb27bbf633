"""Qt only: windows, dialogs, table models. No SQL, no clinical rules: those are in app/."""

"""What the app writes for other programs: listings for spreadsheets, safe to open."""

"""Data files the app ships: protocol definitions, icons, the CTCAE importer column map."""

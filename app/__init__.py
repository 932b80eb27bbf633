"""The domain of Site Tracker and its use cases. No Qt here; SQL only in `app.services`."""

__version__ = "0.1.0"

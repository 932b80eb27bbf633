"""Storage: SQLAlchemy models, the engine and its safety checks, migrations, the audit trail.

`db` knows nothing of the domain (`app`) or of Qt: it stores and guards what it is given.
"""

from db.engine import Database, open_database
from db.errors import DatabaseRefused, HardDeleteRefused, ReasonRequired

__all__ = ["Database", "DatabaseRefused", "HardDeleteRefused", "ReasonRequired", "open_database"]

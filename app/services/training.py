"""Training records of the site's accounts: GCP, and each study's protocol training on one
protocol version, with their expiry; what expires within a month (Today warns)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.errors import NotAllowed, NotFound
from app.rules.delegation import (
    TRAINING_WORDS,
    Expiring,
    Trained,
    Training,
    check_training,
    expiring,
)
from app.services.studies import study_named, versions_of
from db import Database
from db.accounts import UserAccount
from db.delegation import TrainingRecord
from db.studies import Study


@dataclass(frozen=True)
class TrainingRow:
    id: int
    account: str
    printed_name: str
    kind: str
    study: str | None
    protocol_version: str | None
    completed_on: date
    expires_on: date | None

    @property
    def what(self) -> str:
        word = TRAINING_WORDS[Training(self.kind)]
        return f"{word} ({self.study}, {self.protocol_version})" if self.study else word


def add_training(db: Database, account: str, kind: str, completed_on: date | None,
                 expires_on: date | None = None, code: str | None = None,
                 version: str | None = None) -> int:
    """Record a course an account completed; done by an administrator or a study's
    principal investigator (protocol training: that study's)."""
    name = account.strip().lower()
    study_id = study_named(db, code) if code else None
    with db.unit_of_work(reason="training record", purpose=None) as session:
        me = session.scalar(select(UserAccount).where(UserAccount.name == db.actor))
        pis = set(session.scalars(select(Study.id).where(
            Study.principal_investigator == db.actor)))
        if me is None or not (me.role == "admin" or (pis and (study_id is None
                                                            or study_id in pis))):
            raise NotAllowed("account", "Only an administrator or the study's principal "
                                        "investigator records training")
        if session.scalar(select(UserAccount.id).where(UserAccount.name == name)) is None:
            raise NotFound("account", "No account {account}", account=name)
        labels = [v.label for v in versions_of(session, study_id)] if study_id else []
        training = check_training(kind, completed_on, expires_on,
                                  version.strip() if version else None, labels)
        if training is Training.GCP:
            study_id, version = None, None
        elif study_id is None:
            raise NotFound("study", "Protocol training names its study")
        assert completed_on is not None
        record = TrainingRecord(account=name, kind=training.value, study_id=study_id,
                                protocol_version=version.strip() if version else None,
                                completed_on=completed_on, expires_on=expires_on)
        session.add(record)
        session.flush()
        return record.id


def training_list(db: Database, account: str | None = None) -> list[TrainingRow]:
    with db.reading(purpose=None) as session:
        names = dict(session.execute(select(UserAccount.name, UserAccount.printed_name)).all())
        codes = dict(session.execute(select(Study.id, Study.code)).all())
        stmt = select(TrainingRecord).where(TrainingRecord.deleted_at.is_(None))
        if account is not None:
            stmt = stmt.where(TrainingRecord.account == account.strip().lower())
        return [TrainingRow(t.id, t.account, names.get(t.account, t.account), t.kind,
                            codes.get(t.study_id) if t.study_id else None, t.protocol_version,
                            t.completed_on, t.expires_on)
                for t in session.scalars(stmt.order_by(TrainingRecord.account,
                                                       TrainingRecord.completed_on))]


def training_warnings(db: Database, today: date, account: str | None = None
                      ) -> list[Expiring]:
    """Training that expires within a month of today (or has expired) and is not renewed:
    the account's own, or everyone's (account None)."""
    with db.reading(purpose=None) as session:
        stmt = select(TrainingRecord).where(TrainingRecord.deleted_at.is_(None))
        if account is not None:
            stmt = stmt.where(TrainingRecord.account == account)
        records = [(t.account, Trained(t.kind, t.completed_on, t.expires_on,
                                       t.protocol_version, t.study_id))
                   for t in session.scalars(stmt)]
    return expiring(records, today)

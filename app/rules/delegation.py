"""The delegation of authority log (ICH E6(R3) 2.3), pure: which tasks a study has, what a
new delegation, its end and its approval must be, and whether an account is delegated for
a task on a day (approved by the principal investigator, within its dates, its training
valid). No clock: the day is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.errors import InvalidEntry, Phrase
from app.rules.dates import fmt_date


class Task(StrEnum):
    ENROLMENT = "enrolment"
    CONSENT = "consent"
    AE_ASSESSMENT = "ae_assessment"
    DOSING = "dosing"
    PK_SAMPLING = "pk_sampling"
    TUMOUR_MEASUREMENT = "tumour_measurement"
    DATA_ENTRY = "data_entry"
    QUERY_ANSWERS = "query_answers"
    SIGNING = "signing"

    @property
    def word(self) -> str:
        return TASK_WORDS[self]


TASK_WORDS = {
    Task.ENROLMENT: "Enrolment and eligibility", Task.CONSENT: "Informed consent",
    Task.AE_ASSESSMENT: "AE assessment", Task.DOSING: "Dosing and dispensing",
    Task.PK_SAMPLING: "PK sampling", Task.TUMOUR_MEASUREMENT: "Tumour measurement",
    Task.DATA_ENTRY: "Data entry", Task.QUERY_ANSWERS: "Query answers",
    Task.SIGNING: "Signing",
}


class Training(StrEnum):
    GCP = "gcp"
    PROTOCOL = "protocol"


TRAINING_WORDS = {Training.GCP: "GCP", Training.PROTOCOL: "Protocol training"}
#: what a study does when protocol training on the version in force is missing
TRAINING_RULES = ("warn", "block")
#: Today warns this long before a training record expires
WARN_BEFORE = timedelta(days=30)


@dataclass(frozen=True)
class StudyFeatures:
    """What the study's protocol has: its tasks follow."""

    has_pk: bool
    has_scans: bool
    has_dosing: bool


@dataclass(frozen=True)
class Delegated:
    """One delegation of the log, as the rules see it."""

    task: str
    start: date
    end: date | None
    approved: bool


@dataclass(frozen=True)
class Trained:
    kind: str
    completed_on: date
    expires_on: date | None
    protocol_version: str | None = None  # protocol training: the version's label
    study_id: int | None = None


@dataclass(frozen=True)
class Verdict:
    """Whether the account may do the task that day; `refusal` says why not, `warnings`
    what the study lets pass (protocol training missing under the "warn" rule)."""

    refusal: Phrase | None
    warnings: tuple[Phrase, ...] = ()

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def study_tasks(features: StudyFeatures) -> tuple[Task, ...]:
    """The tasks a study has: PK sampling, tumour measurement and dosing only where its
    protocol has them."""
    skip = {Task.PK_SAMPLING: not features.has_pk,
            Task.TUMOUR_MEASUREMENT: not features.has_scans,
            Task.DOSING: not features.has_dosing}
    return tuple(t for t in Task if not skip.get(t, False))


def parse_tasks(typed: str | Iterable[str], tasks: Sequence[Task]) -> list[Task]:
    """Tasks typed by key or by their words ("ae_assessment", "AE assessment"), one or
    several separated by commas; each must be one of the study's."""
    items = [t.strip() for t in (typed.split(",") if isinstance(typed, str) else typed)]
    items = [t for t in items if t]
    if not items:
        raise InvalidEntry("tasks", "Choose at least one task")
    known = {t.value: t for t in Task} | {t.word.lower(): t for t in Task}
    out: list[Task] = []
    for item in items:
        task = known.get(item.lower())
        if task is None or task not in tasks:
            raise InvalidEntry("tasks", "The study has no task '{task}' (its tasks: {tasks})",
                               task=item, tasks=", ".join(t.value for t in tasks))
        if task not in out:
            out.append(task)
    return out


def check_new(account_active: bool | None, account: str, start: date | None,
              end: date | None, already: Sequence[Delegated], tasks: Sequence[Task]) -> None:
    """A new delegation: an active account, a start, an end not before it, and no task
    delegated already over the same days."""
    if account_active is None:
        raise InvalidEntry("account", "No account {account}", account=account)
    if not account_active:
        raise InvalidEntry("account", "{account} is deactivated: a task is delegated to an "
                                      "active account only", account=account)
    if start is None:
        raise InvalidEntry("start", "Give the date the delegation starts")
    if end is not None and end < start:
        raise InvalidEntry("end", "The end ({end}) is before the start ({start})",
                           end=fmt_date(end), start=fmt_date(start))
    for d in already:
        if d.task in tasks and (d.end is None or d.end >= start) and \
                (end is None or end >= d.start):
            raise InvalidEntry("tasks", "{account} is already delegated {task} from {start}",
                               account=account, task=Task(d.task).word,
                               start=fmt_date(d.start))


def check_end(start: date, end_on: date | None, ended: date | None, reason: str) -> None:
    """Ending a delegation: on a day not before its start, once, with a reason."""
    if end_on is None:
        raise InvalidEntry("end", "Give the last day of the delegation")
    if ended is not None:
        raise InvalidEntry("end", "This delegation ended already on {end}", end=fmt_date(ended))
    if end_on < start:
        raise InvalidEntry("end", "The end ({end}) is before the start ({start})",
                           end=fmt_date(end_on), start=fmt_date(start))
    if not reason.strip():
        raise InvalidEntry("reason", "Give the reason the delegation ends")


def check_approver(signer: str, principal: str | None, study: str) -> None:
    """Only the study's principal investigator approves its delegation log."""
    if principal is None:
        raise InvalidEntry("study", "{study} has no principal investigator named: an "
                                    "administrator names one first", study=study)
    if signer != principal:
        raise InvalidEntry("account", "Only the principal investigator of {study} ({pi}) "
                                      "approves its delegation log", study=study, pi=principal)


def check_principal(name: str, found: tuple[bool, str] | None) -> None:
    """The principal investigator: an active investigator account (`found`: its active
    flag and role, None: no such account)."""
    if found is None or not found[0] or found[1] != "investigator":
        raise InvalidEntry("principal", "The principal investigator is an active "
                                        "investigator account ({account} is not)",
                           account=name.strip())


def check_enforced(enforced: bool, principal: str | None, study: str) -> None:
    """A log is enforced only once someone can approve it."""
    if enforced and principal is None:
        raise InvalidEntry("principal", "Name the principal investigator of {study} before "
                                        "enforcing its delegation log", study=study)


def check_training_rule(rule: str) -> str:
    if rule.strip().lower() not in TRAINING_RULES:
        raise InvalidEntry("training_rule", "Missing protocol training: warn or block")
    return rule.strip().lower()


def check_training(kind: str, completed_on: date | None, expires_on: date | None,
                   version: str | None, versions: Sequence[str]) -> Training:
    try:
        training = Training(kind)
    except ValueError:
        raise InvalidEntry("kind", "Training: gcp or protocol") from None
    if completed_on is None:
        raise InvalidEntry("completed", "Give the date the training was completed")
    if expires_on is not None and expires_on < completed_on:
        raise InvalidEntry("expires", "The expiry ({end}) is before the completion ({start})",
                           end=fmt_date(expires_on), start=fmt_date(completed_on))
    if training is Training.PROTOCOL and version not in versions:
        raise InvalidEntry("version", "Protocol training names one of the study's versions: "
                                      "{versions}", versions=", ".join(versions))
    return training


def valid_on(t: Trained, day: date) -> bool:
    return t.completed_on <= day and (t.expires_on is None or day <= t.expires_on)


def _delegation_refusal(task: Task, delegations: Sequence[Delegated], day: date
                        ) -> Phrase | None:
    mine = [d for d in delegations if d.task == task]
    current = [d for d in mine if d.start <= day and (d.end is None or day <= d.end)]
    if not current:
        ended = [d.end for d in mine if d.end is not None and d.end < day]
        if ended:
            return Phrase("your delegation for {task} ended on {end}", task=task.word,
                          end=fmt_date(max(ended)))
        return Phrase("you are not delegated for {task} on {day}", task=task.word,
                      day=fmt_date(day))
    if not any(d.approved for d in current):
        return Phrase("your delegation for {task} is not yet approved by the principal "
                      "investigator", task=task.word)
    return None


def is_delegated(task: Task, delegations: Sequence[Delegated], trainings: Sequence[Trained],
              day: date, version: str, training_rule: str) -> Verdict:
    """Whether an account may do `task` on `day` on a study: a delegation for it, approved,
    within its dates; GCP training valid that day; protocol training on `version` (the
    protocol version in force) valid, or only a warning where the study's rule is "warn"."""
    refusal = _delegation_refusal(task, delegations, day)
    if refusal is not None:
        return Verdict(refusal)
    gcp = [t for t in trainings if t.kind == Training.GCP]
    if not any(valid_on(t, day) for t in gcp):
        expired = [t.expires_on for t in gcp if t.expires_on is not None and t.expires_on < day]
        if expired:
            return Verdict(Phrase("your GCP training expired on {end}", end=fmt_date(max(expired))))
        return Verdict(Phrase("you have no GCP training on record"))
    if not any(t.kind == Training.PROTOCOL and t.protocol_version == version and valid_on(t, day)
               for t in trainings):
        missing = Phrase("you have no protocol training on {version}", version=version)
        if training_rule == "block":
            return Verdict(missing)
        return Verdict(None, (missing,))
    return Verdict(None)


def refusal_of(task: Task, study: str, why: Phrase) -> Phrase:
    """The one sentence a refused action gets: the task named, and why."""
    return Phrase("Not delegated: {task} on {study} ({why}). Nothing was saved; the "
                  "principal investigator delegates tasks in the Delegation log",
                  task=task.word, study=study, why=why)


@dataclass(frozen=True)
class Expiring:
    account: str
    kind: str
    protocol_version: str | None
    expires_on: date


def expiring(trainings: Sequence[tuple[str, Trained]], today: date) -> list[Expiring]:
    """The training records that expire within WARN_BEFORE of today (or have expired) and
    that no later record of the same account, kind and version replaces, soonest first."""
    out: list[Expiring] = []
    for account, t in trainings:
        if t.expires_on is None or t.expires_on > today + WARN_BEFORE:
            continue
        renewed = any(a == account and o.kind == t.kind and
                      o.protocol_version == t.protocol_version and o is not t and
                      (o.expires_on is None or o.expires_on > today + WARN_BEFORE)
                      for a, o in trainings)
        if not renewed:
            out.append(Expiring(account, t.kind, t.protocol_version, t.expires_on))
    return sorted(out, key=lambda e: (e.expires_on, e.account))

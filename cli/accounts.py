"""`init`, `users` and `password`: the first administrator, accounts, your own password.

Passwords are read from the terminal, or one per line from standard input with
--password-stdin; never from an argument or the environment.
"""

from __future__ import annotations

import argparse

from app.infra.clock import local_now
from cli.common import (
    EXIT_OK,
    Parser,
    UsageError,
    open_db,
    read_password,
)

ROLES = ("nurse", "investigator", "monitor", "admin")


def _stdin_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--password-stdin", action="store_true", default=argparse.SUPPRESS,
                        help="read passwords from standard input, one per line")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init = sub.add_parser("init", help="a new database with its first administrator",
                          description="Creates the database (if new) and its first "
                                      "administrator; refused once it has accounts.")
    init.add_argument("--admin", required=True, metavar="NAME")
    init.add_argument("--name", metavar='"PRINTED NAME"', help="as signatures print it")
    _stdin_flag(init)
    init.set_defaults(handler=cmd_init)

    users = sub.add_parser("users", help="accounts: add, list, deactivate, reset, role "
                                         "(administrators)")
    users_sub = users.add_subparsers(dest="users_command", metavar="ACTION",
                                     parser_class=Parser, required=True)
    add = users_sub.add_parser("add", help="a new account; its first password is asked")
    add.add_argument("account", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--name", metavar='"PRINTED NAME"', required=True)
    _stdin_flag(add)
    add.set_defaults(handler=cmd_users_add)
    lst = users_sub.add_parser("list", help="every account, deactivated ones too")
    lst.set_defaults(handler=cmd_users_list)
    deact = users_sub.add_parser("deactivate", help="an account no longer used (kept)")
    deact.add_argument("account", metavar="NAME")
    deact.add_argument("--reason")
    deact.set_defaults(handler=cmd_users_deactivate)
    reset = users_sub.add_parser("reset", help="a temporary password, changed at next sign-in")
    reset.add_argument("account", metavar="NAME")
    reset.add_argument("--reason")
    _stdin_flag(reset)
    reset.set_defaults(handler=cmd_users_reset)
    role = users_sub.add_parser("role", help="change an account's role")
    role.add_argument("account", metavar="NAME")
    role.add_argument("role", choices=ROLES)
    role.add_argument("--reason", required=True)
    role.set_defaults(handler=cmd_users_role)

    pw = sub.add_parser("password", help="change your own password (needs --user)")
    _stdin_flag(pw)
    pw.set_defaults(handler=cmd_password)


def _fail(exc: Exception) -> UsageError:
    from app.services.errors import InvalidEntry

    return UsageError(exc.message if isinstance(exc, InvalidEntry) else str(exc))


def cmd_init(args: argparse.Namespace) -> int:
    from app.services.accounts import create_account, has_accounts, sign_in
    from app.services.errors import InvalidEntry

    db = open_db(args, login=False)
    try:
        if has_accounts(db):
            raise UsageError("this database already has accounts: an administrator adds more "
                             "with `sitetrack --user ADMIN users add NAME --role ROLE`")
        args.user = args.admin
        password = read_password(args, "New password")
        if not args.password_stdin and read_password(args, "Again") != password:
            raise UsageError("the two passwords differ: nothing was made")
        try:
            name = create_account(db, args.admin, args.name or args.admin, "admin", password,
                                  must_change=False, reason="first administrator")
            sign_in(db, name, password, local_now())
        except InvalidEntry as exc:
            raise _fail(exc) from None
        print(f"init: {db.display_name} has its first administrator, {name}")
    finally:
        db.close()
    return EXIT_OK


def _admin_does(args: argparse.Namespace, act) -> None:  # type: ignore[no-untyped-def]
    from app.services.errors import InvalidEntry

    db = open_db(args)
    try:
        act(db)
    except InvalidEntry as exc:
        raise _fail(exc) from None
    finally:
        db.close()


def _temporary(args: argparse.Namespace) -> str:
    user = args.user
    args.user = args.account
    try:
        return read_password(args, "Temporary password")
    finally:
        args.user = user


def cmd_users_add(args: argparse.Namespace) -> int:
    from app.services.accounts import create_account

    def act(db) -> None:  # type: ignore[no-untyped-def]
        name = create_account(db, args.account, args.name, args.role, _temporary(args))
        print(f"users: {name} added as {args.role}; the password is changed at first sign-in")

    _admin_does(args, act)
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    from app.rules.dates import fmt_datetime
    from app.services.accounts import list_accounts

    def act(db) -> None:  # type: ignore[no-untyped-def]
        for a in list_accounts(db):
            state = "active" if a.active else "deactivated"
            if a.must_change:
                state += ", must change password"
            last = fmt_datetime(a.last_login_at.astimezone()) if a.last_login_at else "never"
            print(f"{a.name:<20} {a.role.value:<13} {state:<34} last sign-in {last}  "
                  f"{a.printed_name}")

    _admin_does(args, act)
    return EXIT_OK


def cmd_users_deactivate(args: argparse.Namespace) -> int:
    from app.services.accounts import deactivate

    _admin_does(args, lambda db: deactivate(db, args.account, local_now(), args.reason))
    print(f"users: {args.account} deactivated (kept, never deleted)")
    return EXIT_OK


def cmd_users_reset(args: argparse.Namespace) -> int:
    from app.services.accounts import reset_password

    _admin_does(args, lambda db: reset_password(db, args.account, _temporary(args),
                                                local_now(), args.reason))
    print(f"users: {args.account} has a temporary password, to change at next sign-in")
    return EXIT_OK


def cmd_users_role(args: argparse.Namespace) -> int:
    from app.services.accounts import set_role

    _admin_does(args, lambda db: set_role(db, args.account, args.role, local_now(),
                                          args.reason))
    print(f"users: {args.account} is now {args.role}")
    return EXIT_OK


def cmd_password(args: argparse.Namespace) -> int:
    from app.services.accounts import AccessDenied, change_password
    from app.services.errors import InvalidEntry

    if not args.user:
        raise UsageError("give --user NAME: whose password to change")
    db = open_db(args, login=False)
    try:
        old = read_password(args, "Current password")
        new = read_password(args, "New password")
        if not args.password_stdin and read_password(args, "Again") != new:
            raise UsageError("the two new passwords differ: nothing was changed")
        try:
            change_password(db, args.user, old, new, local_now())
        except (AccessDenied, InvalidEntry) as exc:
            raise _fail(exc) from None
    finally:
        db.close()
    print(f"password: changed for {args.user}")
    return EXIT_OK

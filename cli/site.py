"""`site`: the site's number and name, as every worksheet and export names the site
(administrators change them; anyone signed in may read them)."""

from __future__ import annotations

import argparse

from cli.common import EXIT_OK, json_dump, open_db


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    site = sub.add_parser(
        "site", help="the site's number, name and country (set them as an administrator)",
        description="Without options: the site's number, name and country. With --number, "
                    "--name or --country: saved in the site's settings (audited; "
                    "administrators only). "
                    "Exports name the site by them, never by the database's file.")
    site.add_argument("--number", metavar="N", help="the sponsor's number for the site (101)")
    site.add_argument("--name", metavar='"NAME"', help="the site's name as printed")
    site.add_argument("--country", metavar="ISO3",
                      help="the site's country, ISO 3166-1 alpha-3 (FRA): SDTM's DM.COUNTRY")
    site.add_argument("--reason", metavar='"WHY"', help="why a saved value changes")
    site.add_argument("--json", action="store_true", help="print JSON for scripts")
    site.set_defaults(handler=cmd_site)


def cmd_site(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from app.services.site_settings import save_site_settings, site_settings

    db = open_db(args)
    try:
        current = site_settings(db)
        if args.number is not None or args.name is not None or args.country is not None:
            new = replace(current,
                          site_number=current.site_number if args.number is None
                          else args.number,
                          site_name=current.site_name if args.name is None else args.name,
                          country=current.country if args.country is None else args.country)
            save_site_settings(db, new, args.reason)
            current = site_settings(db)
    finally:
        db.close()
    if args.json:
        print(json_dump({"number": current.site_number, "name": current.site_name,
                         "country": current.country}))
    else:
        print(f"site: number {current.site_number or '(not set)'}, "
              f"name {current.site_name or '(not set)'}, "
              f"country {current.country or '(not set)'}")
    return EXIT_OK

"""SDTM for the sponsor: per study, the domains DM, SV, AE (+SUPPAE), CM, MH, EX, VS, EG,
LB, PC, TU, TR, RS, DS and DV with SDTMIG 3.4's variables and SDTM CT 2024-12-20's terms,
as CSV, XLSX or SAS XPORT v5, with a define.xml 2.1.

Every study's datasets are checked (app.rules.sdtm_conformance) before anything is
written: what does not conform is refused, naming dataset, row and variable, and no file is
written. Each study's package is written to a hidden folder, and only once every study's is
written are they renamed into place: the package is whole or absent.
"""

from __future__ import annotations

import csv
import re
import shutil
from datetime import date, datetime
from pathlib import Path

from app import __version__
from app.errors import NotFound
from app.exchange.define_xml import Study, define_xml
from app.exchange.listing import ExportHeader, csv_cell
from app.exchange.xpt import Column, xport
from app.rules.sdtm_conformance import check_package_target, check_site, refuse_nonconforming
from app.rules.sdtm_spec import DOMAINS, Dataset
from app.rules.sdtm_terms import CT_NAME
from app.services.exports import SITE_COUNTRY, SITE_NUMBER, site_name
from app.services.sdtm_clinical import cm_mh, lb, vs_eg
from app.services.sdtm_findings import ae, dv, pc, rs, tu_tr
from app.services.sdtm_subjects import dm, ds, ex, load_site, sv
from app.services.studies import study_codes, study_protocol
from db import Database
from db.models import SiteSetting

FORMATS = ("csv", "xlsx", "xpt")
Package = list[Dataset]


def _site_setting(db: Database, key: str) -> str:
    with db.reading(purpose=None) as session:
        row = session.get(SiteSetting, key)
    return row.value if row else ""


def study_package(db: Database, study_id: int, today: date, now: datetime) -> Package:
    """One study's datasets in DOMAINS order (not yet checked)."""
    protocol = study_protocol(db, study_id)
    with db.reading() as session:
        site = load_site(session, protocol, study_id, _site_setting(db, SITE_NUMBER),
                         _site_setting(db, SITE_COUNTRY))
    events, supp = ae(db, site, now)
    tu, tr = tu_tr(db, site)
    vs, eg = vs_eg(db, site)
    cm, mh = cm_mh(db, site, today)
    made = {"DM": dm(site), "SV": sv(site), "AE": events, "SUPPAE": supp, "EX": ex(site),
            "CM": cm, "MH": mh, "VS": vs, "EG": eg, "LB": lb(db, site, today),
            "PC": pc(db, site), "TU": tu, "TR": tr, "RS": rs(db, site, today),
            "DS": ds(site), "DV": dv(db, site, study_id, now)}
    return [made[name] for name in DOMAINS]


def sdtm_packages(db: Database, today: date, now: datetime, study_id: int | None = None
                  ) -> dict[str, Package]:
    """Each study's datasets (the studies the account may see, or the one named), by
    study code, each checked: InvalidEntry names the first problems."""
    check_site(_site_setting(db, SITE_NUMBER), _site_setting(db, SITE_COUNTRY))
    visible = study_codes(db)
    if study_id is not None and study_id not in visible:
        raise NotFound("study", "No such study among your account's studies")
    packages = {}
    for sid, code in visible.items():
        if study_id is None or sid == study_id:
            packages[code] = study_package(db, sid, today, now)
            refuse_nonconforming(packages[code])
    return packages


def _folder_name(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", code)


def _file_names(fmt: str, package: Package) -> dict[str, str]:
    if fmt == "xlsx":
        return {d.name: "sdtm.xlsx" for d in package}
    return {d.name: f"{d.name.lower()}.{fmt}" for d in package}


def _write_csv(folder: Path, d: Dataset) -> None:
    names, rows = d.table()
    with (folder / f"{d.name.lower()}.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(names)
        out.writerows([csv_cell(c) for c in row] for row in rows)


def _write_xlsx(folder: Path, package: Package, header: ExportHeader) -> None:
    from openpyxl import Workbook

    from app.exchange.listing import fill_sheet

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for d in package:
        names, rows = d.table()
        fill_sheet(book.create_sheet(), None, d.name, names, rows)
    fill_sheet(book.create_sheet(), header, "About", [], [])
    book.save(folder / "sdtm.xlsx")


def _write(folder: Path, package: Package, fmt: str, header: ExportHeader, define: bool,
           study: Study) -> None:
    if fmt == "xlsx":
        _write_xlsx(folder, package, header)
    for d in package:
        if fmt == "csv":
            _write_csv(folder, d)
        elif fmt == "xpt":
            _names, rows = d.table()
            columns = [Column(v.name, v.label, v.numeric) for v in d.spec.variables]
            (folder / f"{d.name.lower()}.xpt").write_bytes(
                xport(d.name, d.spec.label, columns, rows, header.at.replace(tzinfo=None)))
    if define:
        (folder / "define.xml").write_bytes(
            define_xml(study, package, _file_names(fmt, package), header.at))


def export_sdtm(db: Database, target: Path | str, today: date, now: datetime, user: str,
                fmt: str = "xpt", define: bool = True, study_id: int | None = None
                ) -> dict[str, dict[str, int]]:
    """Into the folder `target`, a folder per study (its code) holding its datasets in the
    format `fmt` (csv, xlsx: one workbook, xpt) and, with `define`, its define.xml; a
    dataset with no record is left out. Every study is checked before any file is written.
    Rows per dataset written, per study."""
    target = Path(target)
    check_package_target(target.name, target.suffix, fmt, FORMATS)
    packages = sdtm_packages(db, today, now, study_id)
    site = site_name(db)
    protocols = {code: study_protocol(db, sid) for sid, code in study_codes(db).items()
                 if code in packages}
    made = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    written: dict[str, dict[str, int]] = {}
    ready: list[tuple[Path, Path]] = []  # (hidden, final) once every study is written
    try:
        for code, everything in packages.items():
            package = [d for d in everything if d.rows]  # a dataset with no record: not sent
            written[code] = {d.name: len(d.rows) for d in package}
            protocol = protocols[code]
            header = ExportHeader(f"SDTM (SDTMIG 3.4, {CT_NAME})", code, site, user, now,
                                  __version__)
            study = Study(code, protocol.title, protocol.protocol_number, site, __version__)
            final = target / _folder_name(code)
            temp = target / f".{final.name}.partial"
            shutil.rmtree(temp, ignore_errors=True)
            ready.append((temp, final))
            temp.mkdir()
            _write(temp, package, fmt, header, define, study)
        for temp, final in ready:
            if final.exists():
                shutil.rmtree(final)
            temp.rename(final)
    except BaseException:
        if made:  # a folder made for the package goes with it: nothing is left behind
            shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        for temp, _final in ready:
            shutil.rmtree(temp, ignore_errors=True)
    return written


__all__ = ["FORMATS", "export_sdtm", "sdtm_packages", "study_package"]

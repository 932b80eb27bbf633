"""Small USDM v4 files built in the tests: the least a file holds, and its defects."""

from __future__ import annotations

from typing import Any


def code(decode: str) -> dict[str, Any]:
    return {"id": f"Code_{decode}", "code": "C0", "codeSystem": "http://www.cdisc.org",
            "decode": decode, "instanceType": "Code"}


def timing(tid: str, frm: str, to: str, kind: str, value: str, lower: str | None = "P0D",
           upper: str | None = "P0D", label: str = "", rel: str = "Start to Start"
           ) -> dict[str, Any]:
    return {"id": tid, "name": tid, "label": tid, "type": code(kind), "value": value,
            "valueLabel": value, "relativeToFrom": code(rel),
            "relativeFromScheduledInstanceId": frm, "relativeToScheduledInstanceId": to,
            "windowLower": lower, "windowUpper": upper, "windowLabel": label,
            "instanceType": "Timing"}


def visit(iid: str, name: str, enc: str, acts: list[str], nxt: str | None = None
          ) -> dict[str, Any]:
    return {"id": iid, "name": name, "label": "", "description": "", "epochId": "Epoch_1",
            "encounterId": enc, "activityIds": acts, "defaultConditionId": nxt,
            "instanceType": "ScheduledActivityInstance"}


def decision(iid: str, nxt: str | None, branches: list[tuple[str, str]]) -> dict[str, Any]:
    return {"id": iid, "name": iid, "defaultConditionId": nxt,
            "instanceType": "ScheduledDecisionInstance",
            "conditionAssignments": [{"id": f"CA_{t}", "condition": c, "conditionTargetId": t}
                                     for c, t in branches]}


def encounter(eid: str, label: str) -> dict[str, Any]:
    return {"id": eid, "name": eid, "label": label, "description": label,
            "type": code("Visit"), "instanceType": "Encounter"}


def small_study() -> dict[str, Any]:
    """Screening, day 1 (the first dose), day 8, 28-day cycles, end of treatment."""
    acts = [{"id": "Act_dose", "name": "Drug administration", "label": "Dose"},
            {"id": "Act_labs", "name": "Labs", "label": "Haematology"}]
    instances = [
        visit("I_SCR", "SCR", "E_SCR", ["Act_labs"], "I_D1"),
        visit("I_D1", "D1", "E_D1", ["Act_dose", "Act_labs"], "I_D8"),
        visit("I_D8", "D8", "E_D8", ["Act_labs"], "I_CN"),
        visit("I_CN", "CND1", "E_CN", ["Act_dose"], "D_END"),
        decision("D_END", "I_EOT", [("Continue treatment?", "I_CN")]),
        visit("I_EOT", "EOT", "E_EOT", ["Act_labs"]),
    ]
    timings = [
        timing("T_D1", "I_D1", "I_D1", "Fixed Reference", "P0D", None, None),
        timing("T_SCR", "I_SCR", "I_D1", "Before", "P14D", "P0D", "P13D"),
        timing("T_D8", "I_D8", "I_D1", "After", "P7D", "P1D", "P1D"),
        timing("T_CN", "I_CN", "I_D1", "After", "P28D", "P2D", "P2D"),
        timing("T_END", "D_END", "I_CN", "After", "P28D", "P2D", "P2D"),
        timing("T_EOT", "I_EOT", "D_END", "After", "P7D", "P0D", "P7D", rel="End to Start"),
    ]
    design = {
        "id": "Design_1", "name": "D",
        "encounters": [encounter("E_SCR", "Screening"), encounter("E_D1", "Cycle 1 Day 1"),
                       encounter("E_D8", "Cycle 1 Day 8"), encounter("E_CN", "Cycle n Day 1"),
                       encounter("E_EOT", "End of treatment")],
        "epochs": [{"id": "Epoch_1", "name": "TREATMENT", "label": "Treatment",
                    "type": code("Treatment Epoch")}],
        "arms": [{"id": "Arm_1", "name": "A", "label": "Arm A"}],
        "activities": acts,
        "scheduleTimelines": [{
            "id": "TL_1", "name": "Main", "mainTimeline": True, "entryId": "I_SCR",
            "timings": timings, "instances": instances,
            "plannedDuration": {"quantity": {"value": 2, "unit": {
                "standardCode": code("Year")}}}}],
    }
    version = {"id": "SV_1", "versionIdentifier": "Amendment 1",
               "titles": [{"text": "A small study", "type": code("Official Study Title")}],
               "studyIdentifiers": [{"text": "SMALL-1"}], "studyDesigns": [design]}
    return {"usdmVersion": "4.0.0", "study": {"name": "SMALL", "versions": [version]}}

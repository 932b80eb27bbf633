"""The places of the main window, in the sidebar's order (the patient's page last)."""

(TODAY, WORKLIST, PATIENTS, ADVERSE_EVENTS, RESPONSE, DEVIATIONS, PK_SAMPLES, ESCALATION,
 TO_SIGN, QUERIES, MONITORING, PLANNER, SPECIMENS, PATIENT) = range(14)

"""Results as data in a certificate's credential (Open Badges 3.0).

Adds to a built credential what the trainee achieved, in the forms verifiers and
wallets read: the final score and attendance rate as ``resultDescription`` on the
achievement and ``result`` on the subject, the attendance record and assessment
titles as ``evidence``, the achievement's ``alignment`` to the IP areas the course
teaches, and the ``credentialSchema`` it follows. Pure: reads only the
certificate's frozen fields.
"""

from decimal import Decimal

from certificates.credentials.jsonld import OB_V3P0_EXTENSIONS

# The schema the Open Badges 3.0 specification names for an
# AchievementCredential (its shipped copy: certificates/credentials/schemas/).
OB_SCHEMA_URL = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_achievementcredential_schema.json"
)
OB_SCHEMA_TYPE = "1EdTechJsonSchemaValidator2019"
IP_AREA_FRAMEWORK = "Silk Road IP Academy: areas of intellectual property"

# (key in the credential ids, certificate field, name) of each percent result.
PERCENT_RESULTS = (
    ("final-score", "final_score", "Final score"),
    ("attendance-rate", "attendance_rate", "Attendance rate"),
)


def _percent(value) -> str:
    return format(Decimal(value).normalize(), "f")


def credential_results_add(certificate, credential: dict) -> dict:
    """``credential`` with its results, evidence, alignment and schema added."""
    c = certificate
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    record = c.learning_record or {}
    descriptions, results = [], []
    for key, field, name in PERCENT_RESULTS:
        value = getattr(c, field)
        if value is None:
            continue
        description_id = f"{achievement['id']}#{key}"
        descriptions.append(
            {
                "id": description_id,
                "type": ["ResultDescription"],
                "name": name,
                "resultType": "Percent",
                "valueMin": "0",
                "valueMax": "100",
            }
        )
        results.append(
            {
                "type": ["Result"],
                "resultDescription": description_id,
                "value": _percent(value),
            }
        )
    if descriptions:
        achievement["resultDescription"] = descriptions
        subject["result"] = results
    alignment = [
        {
            "type": ["Alignment"],
            "targetName": area["name"],
            "targetUrl": area["url"],
            "targetCode": area["code"],
            "targetFramework": IP_AREA_FRAMEWORK,
            "targetType": "ext:IPArea",
        }
        for area in record.get("ip_areas", [])
    ]
    if alignment:
        achievement["alignment"] = alignment
    evidence = _evidence(c, record)
    if evidence:
        credential["evidence"] = evidence
    credential["credentialSchema"] = [{"id": OB_SCHEMA_URL, "type": OB_SCHEMA_TYPE}]
    # The schema type (and the refreshService's 1EdTechCredentialRefresh) are OB
    # 3.0 extension terms: without their context a JSON-LD safe-mode verifier
    # (e.g. the DCC's) rejects the whole credential.
    if OB_V3P0_EXTENSIONS not in credential["@context"]:
        credential["@context"] = [*credential["@context"], OB_V3P0_EXTENSIONS]
    return credential


def _evidence(c, record: dict) -> list[dict]:
    evidence = []
    expected = record.get("sessions_expected")
    if expected:
        attended = record.get("sessions_attended", 0)
        narrative = f"Attended {attended} of {expected} sessions held"
        if c.attendance_rate is not None:
            narrative += f" ({_percent(c.attendance_rate)}%)"
        evidence.append(
            {
                "type": ["Evidence"],
                "name": "Attendance record",
                "narrative": narrative + ".",
                "genre": "Attendance",
            }
        )
    kinds = {"quiz": "Quiz", "assignment": "Assignment"}
    for assessment in record.get("assessments", []):
        evidence.append(
            {
                "type": ["Evidence"],
                "name": assessment["title"],
                "description": kinds.get(assessment.get("kind"), "Assessment")
                + " assessed in the course.",
                "genre": "Assessment",
            }
        )
    return evidence

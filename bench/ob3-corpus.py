#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate a corpus of distinct, realistic, unsigned Open Badges 3.0 credentials.

Writes N OpenBadgeCredential documents as JSON Lines (one compact JSON object
per line, UTF-8, non-ASCII left unescaped) for the JSON-LD -> RDFC-1.0
canonicalization benchmark (bench/canon-jsonld.sh).

Every document uses exactly the two contexts
  https://www.w3.org/ns/credentials/v2
  https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json
and only terms those two define, so jsonld.js canonicalizes it in safe mode.
(The 1EdTech example types "1EdTechRevocationList", "1EdTechCredentialRefresh"
and "1EdTechJsonSchemaValidator2019" are NOT defined by either context and
would be rejected by safe mode, so credentialStatus uses the VC 2.0
BitstringStatusListEntry and credentialSchema/refreshService are omitted.)

Output is deterministic for a given --seed and --count.

usage: ob3-corpus.py [--count N] [--seed S] OUTPUT.jsonl
"""

import argparse
import hashlib
import json
import random
import sys
import uuid

VC2 = "https://www.w3.org/ns/credentials/v2"
OB3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CONTEXT = [VC2, OB3]

# ---------------------------------------------------------------- vocabularies

ISSUERS = [
    # (name, domain, locality, region, country, country code)
    ("1EdTech University", "1edtech.edu", "Austin", "TX", "USA", "US"),
    ("Example Corp Academy", "academy.example.com", "Seattle", "WA", "USA", "US"),
    ("Université de Montréal — Formation continue", "fc.umontreal.example",
     "Montréal", "QC", "Canada", "CA"),
    ("Technische Hochschule Köln", "th-koeln.example.de", "Köln", "NRW",
     "Deutschland", "DE"),
    ("東京工業大学 オープンバッジ事務局", "badges.titech.example.jp", "東京都目黒区",
     "東京都", "日本", "JP"),
    ("Escuela Politécnica de Señales", "eps.example.es", "Logroño", "La Rioja",
     "España", "ES"),
    ("Instituto Federal de São Paulo", "ifsp.example.br", "São Paulo", "SP",
     "Brasil", "BR"),
    ("Nordic Skills Ørsted Institute", "orsted.example.dk", "Århus", "Midtjylland",
     "Danmark", "DK"),
    ("Western Cape Coding Collective", "wccc.example.za", "Cape Town",
     "Western Cape", "South Africa", "ZA"),
    ("Open Skills Network", "osn.example.org", "Boston", "MA", "USA", "US"),
    ("Κέντρο Ψηφιακών Δεξιοτήτων", "kpd.example.gr", "Αθήνα", "Αττική",
     "Ελλάδα", "GR"),
    ("Seoul Digital Academy 서울디지털아카데미", "sda.example.kr", "서울", "서울특별시",
     "대한민국", "KR"),
]

ACHIEVEMENT_TYPES = [
    "Badge", "Certificate", "Certification", "Course", "Competency",
    "CoCurricular", "License", "MicroCredential", "Achievement", "Assessment",
    "Award", "Degree", "LearningProgram", "ext:Module", "ext:Apprenticeship",
]

SUBJECTS = [
    # (topic, framework code prefix, tags)
    ("Teamwork", "SKL-TW", ["collaboration", "soft skills"]),
    ("Data Analysis with Python", "DA-PY", ["python", "data", "pandas"]),
    ("Introduction to Cryptography", "CRY", ["security", "cryptography"]),
    ("Wilderness First Aid", "WFA", ["health", "safety"]),
    ("Welding Level 2", "WLD2", ["trades", "metalwork"]),
    ("Public Speaking", "COM-PS", ["communication"]),
    ("Cloud Infrastructure Fundamentals", "CLD", ["cloud", "devops"]),
    ("Pâtisserie française — niveau avancé", "PAT", ["cuisine", "pâtisserie"]),
    ("日本語能力 N3 相当", "JLPT-N3", ["日本語", "language"]),
    ("Accessible Web Design", "A11Y", ["accessibility", "WCAG", "web"]),
    ("Project Management Essentials", "PM", ["management", "agile"]),
    ("Renewable Energy Systems", "RES", ["energy", "engineering"]),
    ("Statistics for Social Science", "STAT", ["statistics", "research"]),
    ("Electrical Safety (Ελεκτρική ασφάλεια)", "ELS", ["safety", "ηλεκτρολογία"]),
    ("Leadership in Practice", "LDR", ["leadership"]),
    ("Machine Learning Foundations", "ML", ["AI", "machine learning"]),
    ("Customer Service Excellence", "CSE", ["service", "hospitality"]),
    ("Digital Literacy", "DL", ["digital", "literacy", "ICT"]),
    ("Português para Negócios", "PTN", ["português", "business"]),
    ("Creative Writing: Short Fiction", "CW", ["writing", "arts"]),
]

LEVELS = ["Foundation", "Intermediate", "Advanced", "Expert", "Level 1",
          "Level 2", "Level 3", "Bronze", "Silver", "Gold", "初級", "中級"]

FRAMEWORKS = [
    ("Alabama Course of Study: English Language Arts", "CFItem",
     "https://caseregistry.imsglobal.org/uri/"),
    ("1EdTech University Program and Course Catalog", "CFItem",
     "https://1edtech.edu/catalog/"),
    ("Credential Engine Registry", "CTDL",
     "https://credentialengineregistry.org/resources/ce-"),
    ("ESCO Skills", "ext:ESCO", "http://data.europa.eu/esco/skill/"),
    ("O*NET OnLine", "ext:ONET", "https://www.onetonline.org/link/summary/"),
    ("SFIA 8", "ext:SFIA", "https://sfia-online.org/en/sfia-8/skills/"),
    ("Cadre européen commun de référence pour les langues", "CFItem",
     "https://coe.example.int/cecr/"),
    ("Rubric for Capstone Projects", "CFRubricCriterionLevel",
     "https://rubrics.example.org/capstone/"),
]

GIVEN = ["Alice", "Bob", "Chloé", "Dmitri", "Émilie", "Farah", "Gökhan", "Hana",
         "Ines", "João", "Kenji", "Lucía", "Mateusz", "Nnamdi", "Oksana", "Pål",
         "Quentin", "Rania", "Søren", "Thảo", "Uma", "Valentina", "Wei", "Xóchitl",
         "Yusuf", "Zoë", "さくら", "太郎", "Αλέξανδρος", "Мария"]
FAMILY = ["Anderson", "Björk", "Castillo", "Dubois", "Eriksson", "Fernández",
          "García", "Høeg", "Ibrahim", "Jovanović", "Kowalski", "Lê", "Müller",
          "Nakamura", "O'Brien", "Papadopoulos", "Quispe", "Rossi", "Schäfer",
          "Tanaka", "Ünal", "Van der Berg", "Wójcik", "Xu", "Yamamoto", "Zhang",
          "山田", "佐藤", "Иванова", "Ngũgĩ"]

EVIDENCE_GENRES = ["Research", "Portfolio", "Video", "Assessment", "Project",
                   "Observation", "Essay", "Presentation", "ポートフォリオ"]
AUDIENCES = ["Department", "Employers", "Public", "Peers", "Faculty"]
TERMS = ["Fall", "Spring", "Summer", "Winter", "Autumn 2023", "前期", "後期"]
ROLES = ["Student", "Apprentice", "Team lead", "Participant", "Mentor",
         "Major Domo", "Stagiaire"]
STATUS_PURPOSES = ["revocation", "suspension"]
IMAGE_EXT = ["png", "svg", "jpg", "webp"]

B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


# --------------------------------------------------------------------- helpers

class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def uuid(self):
        return str(uuid.UUID(int=self.r.getrandbits(128), version=4))

    def urn(self):
        return "urn:uuid:" + self.uuid()

    def did_key(self):
        return "did:key:z6Mk" + "".join(self.pick(B58) for _ in range(44))

    def did(self):
        k = self.r.randrange(4)
        if k == 0:
            return self.did_key()
        if k == 1:
            return "did:example:" + "%021x" % self.r.getrandbits(84)
        if k == 2:
            return "did:web:learners.example.org:u:%d" % self.r.randrange(10**7)
        return "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJFZDI1NTE5IiwieCI6I" + \
            "".join(self.pick(B58) for _ in range(22))

    def date(self, y0=2018, y1=2025):
        return "%04d-%02d-%02d" % (self.r.randint(y0, y1), self.r.randint(1, 12),
                                   self.r.randint(1, 28))

    def datetime(self, y0=2018, y1=2025):
        d = self.date(y0, y1)
        t = "%02d:%02d:%02d" % (self.r.randrange(24), self.r.randrange(60),
                                self.r.randrange(60))
        if self.chance(0.15):
            t += ".%03d" % self.r.randrange(1000)
        tz = self.pick(["Z", "Z", "Z", "Z", "+09:00", "-05:00", "+01:00",
                        "+05:30"])
        return d + "T" + t + tz

    def person(self):
        return self.pick(GIVEN), self.pick(FAMILY)


def ascii_slug(s):
    out = []
    for ch in s.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    slug = "".join(out).strip("-")
    return slug or "x"


def typ(g, name):
    """OB3 examples use both "Profile" and ["Profile"]; vary it."""
    return [name] if g.chance(0.6) else name


# ---------------------------------------------------------------- components

def image(g, base, caption=None):
    url = "%s/images/%s.%s" % (base, g.uuid()[:8], g.pick(IMAGE_EXT))
    if g.chance(0.3):
        return url  # image is @type:@id, so a bare IRI is valid too
    img = {"id": url, "type": "Image"}
    if caption and g.chance(0.7):
        img["caption"] = caption
    return img


def address(g, iss):
    _, _, locality, region, country, cc = iss
    a = {
        "type": typ(g, "Address"),
        "addressCountry": country,
        "addressCountryCode": cc,
        "addressRegion": region,
        "addressLocality": locality,
        "streetAddress": "%d %s" % (g.r.randint(1, 999),
                                    g.pick(["First St", "Rue Sainte-Catherine",
                                            "Hauptstraße", "Avenida Paulista",
                                            "中央通り", "Main Road"])),
        "postalCode": "%05d" % g.r.randrange(100000),
    }
    if g.chance(0.3):
        a["postOfficeBoxNumber"] = str(g.r.randint(1, 9999))
    if g.chance(0.4):
        a["geo"] = {"type": "GeoCoordinates",
                    "latitude": round(g.r.uniform(-60, 70), 4),
                    "longitude": round(g.r.uniform(-180, 180), 4)}
    return a


def profile(g, iss, full):
    name, domain = iss[0], iss[1]
    base = "https://" + domain
    if g.chance(0.25):
        pid = g.did_key()
    else:
        pid = "%s/issuers/%d" % (base, g.r.randrange(100000, 999999))
    p = {"id": pid, "type": typ(g, "Profile"), "name": name}
    if g.chance(0.85):
        p["url"] = base
    if g.chance(0.7):
        p["email"] = g.pick(["registrar", "badges", "info", "noreply"]) + "@" + domain
    if g.chance(0.5):
        p["image"] = image(g, base, name + " logo")
    if full or g.chance(0.2):
        p["description"] = "%s issues digital credentials for learners " \
                           "worldwide." % name
        p["phone"] = "+%d-%03d-%03d-%04d" % (g.r.randint(1, 99), g.r.randrange(1000),
                                             g.r.randrange(1000), g.r.randrange(10000))
    if full and g.chance(0.6):
        p["address"] = address(g, iss)
    if full and g.chance(0.5):
        p["otherIdentifier"] = [
            {"type": "IdentifierEntry", "identifier": str(g.r.randrange(10**6)),
             "identifierType": g.pick(["sourcedId", "systemId", "ext:IPEDS",
                                       "nationalIdentityNumber"])}
            for _ in range(g.r.randint(1, 2))]
    if full and g.chance(0.3):
        p["official"] = " ".join(g.person())
    if full and g.chance(0.3):
        p["parentOrg"] = {"id": "did:example:%09d" % g.r.randrange(10**9),
                          "type": typ(g, "Profile"),
                          "name": g.pick(["Universal Universities",
                                          "Ministère de l'Éducation",
                                          "文部科学省", "State Board of Education"])}
    return p


def alignment(g, topic, code):
    fw, ttype, base = g.pick(FRAMEWORKS)
    tcode = "%s-%03d" % (code, g.r.randrange(1000)) if g.chance(0.7) else g.uuid()
    a = {
        "type": typ(g, "Alignment"),
        "targetName": g.pick(["", "Demonstrate ", "Apply ", "Evaluate "]) + topic +
        g.pick(["", " (core)", " — outcome %d" % g.r.randint(1, 9)]),
        "targetUrl": base + ascii_slug(tcode),
    }
    if g.chance(0.8):
        a["targetFramework"] = fw
    if g.chance(0.85):
        a["targetCode"] = tcode
    if g.chance(0.8):
        a["targetType"] = ttype
    if g.chance(0.4):
        a["targetDescription"] = "Learners can %s in realistic settings." % \
            topic.lower()
    return a


def result_descriptions(g, topic, code):
    """Returns (resultDescription list, result list) that reference each other."""
    rds, results = [], []
    for i in range(g.r.randint(1, 3)):
        rd_id = g.urn()
        kind = g.pick(["LetterGrade", "Percent", "Status", "RubricCriterionLevel",
                       "ext:Points"])
        rd = {"id": rd_id, "type": typ(g, "ResultDescription"),
              "name": "%s — %s" % (topic, g.pick(["Final grade", "Project score",
                                                "Completion", "評価", "Note finale"])),
              "resultType": kind}
        res = {"type": typ(g, "Result"), "resultDescription": rd_id}
        if kind == "LetterGrade":
            rd["allowedValue"] = g.pick([["D", "C", "B", "A"],
                                         ["F", "E", "D", "C", "B", "A"],
                                         ["Pass", "Merit", "Distinction"]])
            rd["requiredValue"] = rd["allowedValue"][1]
            res["value"] = g.pick(rd["allowedValue"][1:])
        elif kind in ("Percent", "ext:Points"):
            rd["valueMin"] = "0"
            rd["valueMax"] = "100"
            res["value"] = str(g.r.randint(50, 100))
        elif kind == "Status":
            res["status"] = g.pick(["Completed", "Enrolled", "Provisional"])
        else:
            levels = []
            for lvl, pts in (("Mastered", "4"), ("Proficient", "3"), ("Basic", "2")):
                levels.append({
                    "id": g.urn(), "type": typ(g, "RubricCriterionLevel"),
                    "name": lvl, "level": lvl, "points": pts,
                    "description": "The learner demonstrated %s at the %s level." %
                    (topic, lvl.lower())})
                if g.chance(0.5):
                    levels[-1]["alignment"] = [alignment(g, topic, code)]
            rd["rubricCriterionLevel"] = levels
            rd["requiredLevel"] = levels[-1]["id"]
            res["achievedLevel"] = g.pick(levels)["id"]
        if g.chance(0.3):
            rd["alignment"] = [alignment(g, topic, code)]
        if g.chance(0.2):
            res["alignment"] = [alignment(g, topic, code)]
        rds.append(rd)
        results.append(res)
    return rds, results


def achievement(g, iss, topic, code, tags, full):
    base = "https://" + iss[1]
    level = g.pick(LEVELS)
    name = "%s — %s" % (topic, level) if g.chance(0.6) else topic
    a = {
        "id": "%s/achievements/%s/%d" % (base, ascii_slug(topic), g.r.randrange(10000)),
        "type": typ(g, "Achievement"),
        "name": name,
        "description": g.pick([
            "This badge recognizes the development of the capacity to %s." %
            topic.lower(),
            "Awarded to learners who completed “%s” with distinction." % topic,
            "Reconnaît la maîtrise de « %s »." % topic,
            "「%s」の修了を証明するバッジです。" % topic,
        ]),
        "criteria": {"narrative": "# Requirements\n\n1. Attend %d sessions\n"
                     "2. Submit a \"capstone\" project\n3. Pass the review "
                     "(score ≥ %d%%)\n\tNotes: C:\\badges\\%s" %
                     (g.r.randint(3, 20), g.r.randint(60, 90), code)},
    }
    if g.chance(0.3):
        a["criteria"]["id"] = a["id"] + "/criteria"
    if g.chance(0.8):
        a["image"] = image(g, base, name)
    if g.chance(0.85):
        a["achievementType"] = g.pick(ACHIEVEMENT_TYPES)
    n_align = g.pick([0, 1, 1, 2, 2, 3, 4, 6])
    if n_align:
        a["alignment"] = [alignment(g, topic, code) for _ in range(n_align)]
        if n_align > 1 and g.chance(0.05):
            # occasional copy-paste duplicate: identical blank nodes exercise
            # the N-degree hash path of RDFC-1.0
            a["alignment"].append(json.loads(json.dumps(a["alignment"][0])))
    if g.chance(0.6):
        a["creator"] = profile(g, iss, full and g.chance(0.5))
    if g.chance(0.75):
        a["tag"] = tags + ([level] if g.chance(0.3) else [])
    if g.chance(0.3):
        a["humanCode"] = "%s-%d" % (code, g.r.randint(100, 999))
    if g.chance(0.3):
        a["fieldOfStudy"] = g.pick(["Computer Science", "Engineering", "Arts",
                                    "Hospitality", "言語学", "Ciências"])
    if g.chance(0.2):
        a["specialization"] = topic + " specialization"
    if g.chance(0.3):
        a["creditsAvailable"] = g.pick([1, 2.5, 3, 4.0, 6, 7.5, 36.0, 120])
    if g.chance(0.3):
        a["inLanguage"] = g.pick(["en", "fr-CA", "de", "ja", "es", "pt-BR", "el"])
    if g.chance(0.2):
        a["version"] = "%d.%d" % (g.r.randint(1, 4), g.r.randint(0, 9))
    if full and g.chance(0.4):
        a["otherIdentifier"] = [{"type": "IdentifierEntry",
                                 "identifier": g.uuid()[:8],
                                 "identifierType": "identifier"}]
    if g.chance(0.15):
        a["related"] = [{"id": "%s/achievements/%s/%s" % (base, ascii_slug(topic),
                                                         g.pick(["fr", "ja", "es"])),
                         "type": typ(g, "Related"),
                         "inLanguage": g.pick(["fr", "ja", "es"]),
                         "version": "1.0"}]
    return a


def identity_objects(g, given, family):
    emails = ["%s.%s@%s" % (ascii_slug(given), ascii_slug(family),
                            g.pick(["example.com", "mail.example.org", "uni.example.edu"]))]
    if g.chance(0.3):
        emails.append("%s%d@gmail.example" % (ascii_slug(given), g.r.randrange(1000)))
    out = []
    for e in emails:
        salt = "%016x" % g.r.getrandbits(64)
        out.append({"type": "IdentityObject",
                    "identityHash": "sha256$" + hashlib.sha256(
                        (e + salt).encode()).hexdigest(),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt})
    if g.chance(0.15):
        out.append({"type": "IdentityObject",
                    "identityHash": "%s %s" % (given, family),
                    "identityType": "name", "hashed": False})
    return out


def evidence(g, base, topic):
    ev = []
    for i in range(g.pick([1, 1, 2, 2, 3, 5])):
        e = {"type": typ(g, "Evidence"),
             "name": g.pick(["Final Project Report", "Portfolio", "Source code",
                             "Assessment transcript", "Rapport de stage",
                             "成果物"]) + " #%d" % (i + 1)}
        if g.chance(0.8):
            e["id"] = "%s/evidence/%s" % (base, g.uuid())
        if g.chance(0.6):
            e["narrative"] = "The learner presented %s work to the panel.\n" \
                             "Outcome: accepted." % topic
        if g.chance(0.6):
            e["description"] = "Evidence supporting the %s award." % topic
        if g.chance(0.5):
            e["genre"] = g.pick(EVIDENCE_GENRES)
        if g.chance(0.4):
            e["audience"] = g.pick(AUDIENCES)
        ev.append(e)
    return ev


def endorsement(g, subject_id):
    iss = g.pick(ISSUERS)
    return {
        "@context": CONTEXT,
        "id": g.urn(),
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": "%s endorsement" % iss[0],
        "issuer": {"id": "https://%s/issuers/%d" % (iss[1], g.r.randrange(10**6)),
                   "type": typ(g, "Profile"), "name": iss[0]},
        "validFrom": g.datetime(2015, 2022),
        "credentialSubject": {
            "id": subject_id, "type": typ(g, "EndorsementSubject"),
            "endorsementComment": g.pick([
                "In good standing.", "Accredited through 2030.",
                "Programme reconnu par l'État.", "認定済みのプログラムです。"])},
    }


# ------------------------------------------------------------------ document

def credential(g, idx):
    iss = g.pick(ISSUERS)
    base = "https://" + iss[1]
    topic, code, tags = g.pick(SUBJECTS)
    shape = g.r.random()
    minimal = shape < 0.15          # like examples_basicOpenBadgeCredential
    full = shape > 0.80             # like examples_fullOpenBadge (unsigned)

    given, family = g.person()
    doc = {"@context": CONTEXT}
    doc["id"] = g.urn()
    doc["type"] = ["VerifiableCredential", "OpenBadgeCredential"]
    if g.chance(0.05):
        doc["type"] = ["VerifiableCredential", "AchievementCredential"]

    issuer = profile(g, iss, full)
    doc["issuer"] = issuer
    valid_from = g.datetime()
    doc["validFrom"] = valid_from
    if not minimal and g.chance(0.35):
        doc["validUntil"] = "%04d%s" % (int(valid_from[:4]) + g.r.randint(1, 10),
                                        valid_from[4:])
    if g.chance(0.25):
        doc["awardedDate"] = valid_from
    ach = achievement(g, iss, topic, code, tags, full)
    doc["name"] = g.pick([ach["name"] + " Badge", ach["name"],
                          "%s for %s %s" % (ach["name"], given, family)])
    if not minimal and g.chance(0.5):
        doc["description"] = "Awarded to %s %s by %s." % (given, family, iss[0])
    if not minimal and g.chance(0.3):
        doc["image"] = image(g, base, doc["name"])

    subj = {"type": typ(g, "AchievementSubject")}
    if g.chance(0.6):
        subj["id"] = g.did()
    if "id" not in subj or g.chance(0.2):
        subj["identifier"] = identity_objects(g, given, family)
    subj["achievement"] = ach
    if not minimal:
        if g.chance(0.35):
            # DateTime in Open Badges 3.0 (the JSON Schema says date-time).
            start = g.date()
            subj["activityStartDate"] = start + "T09:00:00Z"
            subj["activityEndDate"] = "%04d%sT17:00:00Z" % (int(start[:4]) + g.r.randint(0, 2),
                                                            start[4:])
        if g.chance(0.3):
            subj["creditsEarned"] = g.pick([1, 1.5, 3, 3.0, 4, 12.25, 42.0])
        if g.chance(0.2):
            subj["term"] = g.pick(TERMS)
        if g.chance(0.2):
            subj["role"] = g.pick(ROLES)
        if g.chance(0.1):
            subj["licenseNumber"] = "%s-%07d" % (code, g.r.randrange(10**7))
        if g.chance(0.15):
            subj["source"] = {"id": "%s/issuers/%d" % (base, g.r.randrange(10**6)),
                              "type": typ(g, "Profile"),
                              "name": iss[0] + " — " + g.pick(["College of Arts",
                                                               "Faculté des sciences",
                                                               "Extension School"])}
        if g.chance(0.15):
            subj["image"] = image(g, base)
        if g.chance(0.35):
            rds, results = result_descriptions(g, topic, code)
            ach["resultDescription"] = rds
            subj["result"] = results
        if g.chance(0.2):
            subj["narrative"] = "%s %s completed all requirements." % (given, family)
    doc["credentialSubject"] = subj

    if not minimal and g.chance(0.55):
        doc["evidence"] = evidence(g, base, topic)
    if not minimal and g.chance(0.6):
        status = {"id": "%s/status/%d#%d" % (base, g.r.randint(1, 9),
                                              g.r.randrange(131072)),
                  "type": "BitstringStatusListEntry",
                  "statusPurpose": g.pick(STATUS_PURPOSES)}
        status["statusListIndex"] = status["id"].rsplit("#", 1)[1]
        status["statusListCredential"] = status["id"].rsplit("#", 1)[0]
        if g.chance(0.3):
            status = [status, dict(status, id=status["id"] + "s",
                                   statusPurpose="suspension"
                                   if status["statusPurpose"] == "revocation"
                                   else "revocation")]
        doc["credentialStatus"] = status
    if full and g.chance(0.5):
        doc["endorsement"] = [endorsement(g, issuer["id"])
                              for _ in range(g.r.randint(1, 2))]
    # A cheap, readable marker of the position in the corpus; also guarantees
    # distinctness independent of the random draw.
    if g.chance(0.5):
        doc["credentialSubject"]["achievement"]["id"] += "?n=%d" % idx
    return doc


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", help="output .jsonl path ('-' for stdout)")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20240601)
    args = ap.parse_args(argv)
    if args.count < 0:
        ap.error("--count must be >= 0")

    g = Gen(args.seed)
    seen = set()
    lines = []
    while len(lines) < args.count:
        line = json.dumps(credential(g, len(lines)), ensure_ascii=False,
                          separators=(",", ":"))
        if line in seen:  # cannot happen (fresh urn:uuid ids), but be sure
            continue
        seen.add(line)
        lines.append(line)
    data = ("\n".join(lines) + "\n") if lines else ""
    if args.output == "-":
        sys.stdout.write(data)
    else:
        with open(args.output, "w", encoding="utf-8", newline="\n") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

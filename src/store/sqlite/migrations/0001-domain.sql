-- SPDX-License-Identifier: Apache-2.0
-- The whole domain schema: catalog, people, learning, credentials, recognition, audit.
-- Times are Unix seconds (UTC). Enumerations are kebab-case names with CHECK constraints that
-- list exactly the names of src/core/catalog.c and src/store/store.c.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 100),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('platform', 'university', 'company', 'employer', 'training')),
    url TEXT,
    country TEXT CHECK (country IS NULL OR length(country) = 2),
    description TEXT,
    email TEXT,
    verified INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    accredited INTEGER NOT NULL DEFAULT 0 CHECK (accredited IN (0, 1)),
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX organisations_demo ON organisations (is_demo);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT,
    is_platform_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_platform_admin IN (0, 1)),
    search_opt_in INTEGER NOT NULL DEFAULT 0 CHECK (search_opt_in IN (0, 1)),
    did TEXT UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role TEXT NOT NULL
        CHECK (role IN ('owner', 'issuer-admin', 'assessor', 'learner', 'employer')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX memberships_org ON memberships (org_id, role);

CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    user_agent TEXT,
    ip TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    org_id INTEGER REFERENCES organisations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE skill_frameworks (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 100),
    name TEXT NOT NULL,
    uri TEXT,
    publisher TEXT
);

CREATE TABLE skills (
    id INTEGER PRIMARY KEY,
    framework_id INTEGER NOT NULL REFERENCES skill_frameworks (id),
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 100),
    name TEXT NOT NULL,
    code TEXT,
    uri TEXT,
    description TEXT
);
CREATE INDEX skills_framework ON skills (framework_id);
CREATE INDEX skills_name ON skills (name COLLATE NOCASE);

CREATE TABLE achievements (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 100),
    version INTEGER NOT NULL CHECK (version >= 1),
    issuer_org_id INTEGER NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    criteria TEXT NOT NULL DEFAULT '',
    achievement_type TEXT NOT NULL DEFAULT 'MicroCredential',
    image_url TEXT,
    workload_hours REAL,
    ects REAL CHECK (ects IS NULL OR ects >= 0),
    eqf_level INTEGER NOT NULL DEFAULT 0 CHECK (eqf_level BETWEEN 0 AND 8),
    assessment_type TEXT,
    participation TEXT NOT NULL CHECK (participation IN ('online', 'onsite', 'blended')),
    quality_assurance TEXT,
    prerequisites TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    supervision TEXT NOT NULL CHECK (supervision IN ('none', 'supervised', 'id-verified')),
    stackable INTEGER NOT NULL DEFAULT 0 CHECK (stackable IN (0, 1)),
    validity_days INTEGER NOT NULL DEFAULT 0 CHECK (validity_days >= 0),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    superseded_by INTEGER REFERENCES achievements (id),
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at INTEGER NOT NULL,
    UNIQUE (slug, version)
);
CREATE INDEX achievements_issuer ON achievements (issuer_org_id);

CREATE TABLE achievement_outcomes (
    achievement_id INTEGER NOT NULL REFERENCES achievements (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (achievement_id, position)
);

CREATE TABLE achievement_skills (
    achievement_id INTEGER NOT NULL REFERENCES achievements (id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills (id),
    PRIMARY KEY (achievement_id, skill_id)
);
CREATE INDEX achievement_skills_skill ON achievement_skills (skill_id);

CREATE TABLE courses (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 100),
    org_id INTEGER NOT NULL REFERENCES organisations (id),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    duration_weeks INTEGER NOT NULL DEFAULT 0 CHECK (duration_weeks >= 0),
    workload_hours REAL,
    achievement_id INTEGER REFERENCES achievements (id),
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX courses_org ON courses (org_id);

CREATE TABLE programs (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 100),
    type TEXT NOT NULL CHECK (type IN ('micro-credential', 'nano-degree',
        'professional-certificate', 'specialization', 'xseries', 'micromasters',
        'microbachelors', 'mastertrack', 'course', 'degree', 'program', 'certificate')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    description TEXT,
    platform_org_id INTEGER NOT NULL REFERENCES organisations (id),
    institution_org_id INTEGER NOT NULL REFERENCES organisations (id),
    achievement_id INTEGER REFERENCES achievements (id),
    duration_weeks INTEGER NOT NULL DEFAULT 0 CHECK (duration_weeks >= 0),
    hours_per_week REAL,
    level TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
    price_model TEXT NOT NULL CHECK (price_model IN ('free', 'subscription', 'fee', 'tuition')),
    price_note TEXT,
    free_audit INTEGER NOT NULL DEFAULT 0 CHECK (free_audit IN (0, 1)),
    trial_days INTEGER NOT NULL DEFAULT 0 CHECK (trial_days >= 0),
    refund_days INTEGER NOT NULL DEFAULT 0 CHECK (refund_days >= 0),
    financial_aid INTEGER NOT NULL DEFAULT 0 CHECK (financial_aid IN (0, 1)),
    stacking_rule TEXT CHECK (stacking_rule IS NULL OR json_valid(stacking_rule)),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX programs_catalog_type ON programs (status, type, title);
CREATE INDEX programs_catalog_title ON programs (status, title, id);
CREATE INDEX programs_platform ON programs (platform_org_id);
CREATE INDEX programs_institution ON programs (institution_org_id);
CREATE INDEX programs_price ON programs (status, price_cents);
CREATE INDEX programs_duration ON programs (status, duration_weeks);
CREATE INDEX programs_achievement ON programs (achievement_id);

CREATE TABLE program_parts (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    course_id INTEGER REFERENCES courses (id),
    child_program_id INTEGER REFERENCES programs (id),
    achievement_id INTEGER REFERENCES achievements (id),
    required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
    PRIMARY KEY (program_id, position),
    CHECK ((course_id IS NOT NULL) + (child_program_id IS NOT NULL)
        + (achievement_id IS NOT NULL) = 1),
    CHECK (child_program_id IS NULL OR child_program_id <> program_id)
);
CREATE INDEX program_parts_course ON program_parts (course_id);
CREATE INDEX program_parts_child ON program_parts (child_program_id);
CREATE INDEX program_parts_achievement ON program_parts (achievement_id);

CREATE TABLE program_skills (
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills (id),
    PRIMARY KEY (program_id, skill_id)
);
CREATE INDEX program_skills_skill ON program_skills (skill_id);

CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    course_id INTEGER NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('test', 'project', 'essay')),
    title TEXT NOT NULL,
    instructions TEXT NOT NULL DEFAULT '',
    pass_mark REAL NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
    max_attempts INTEGER NOT NULL DEFAULT 0 CHECK (max_attempts >= 0),
    weight REAL NOT NULL DEFAULT 1 CHECK (weight BETWEEN 0 AND 1),
    created_at INTEGER NOT NULL
);
CREATE INDEX assessments_course ON assessments (course_id, id);

CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'numeric')),
    prompt TEXT NOT NULL,
    points REAL NOT NULL DEFAULT 1 CHECK (points >= 0),
    numeric_answer REAL,
    numeric_tolerance REAL CHECK (numeric_tolerance IS NULL OR numeric_tolerance >= 0),
    UNIQUE (assessment_id, position)
);

CREATE TABLE question_options (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    correct INTEGER NOT NULL DEFAULT 0 CHECK (correct IN (0, 1)),
    PRIMARY KEY (question_id, position)
);

CREATE TABLE rubric_criteria (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    max_points REAL NOT NULL CHECK (max_points >= 0),
    UNIQUE (assessment_id, position)
);

CREATE TABLE enrollments (
    id INTEGER PRIMARY KEY,
    learner_user_id INTEGER NOT NULL REFERENCES users (id),
    program_id INTEGER REFERENCES programs (id),
    course_id INTEGER REFERENCES courses (id),
    status TEXT NOT NULL
        CHECK (status IN ('active', 'completed', 'withdrawn', 'refunded', 'expired')),
    price_model TEXT NOT NULL CHECK (price_model IN ('free', 'subscription', 'fee', 'tuition')),
    price_cents INTEGER NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'USD',
    audit_only INTEGER NOT NULL DEFAULT 0 CHECK (audit_only IN (0, 1)),
    enrolled_at INTEGER NOT NULL,
    completed_at INTEGER,
    withdrawn_at INTEGER,
    CHECK ((program_id IS NOT NULL) + (course_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX enrollments_learner_program ON enrollments (learner_user_id, program_id)
    WHERE program_id IS NOT NULL;
CREATE UNIQUE INDEX enrollments_learner_course ON enrollments (learner_user_id, course_id)
    WHERE course_id IS NOT NULL;
CREATE INDEX enrollments_program ON enrollments (program_id, status);
CREATE INDEX enrollments_course ON enrollments (course_id, status);

CREATE TABLE submissions (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES assessments (id),
    learner_user_id INTEGER NOT NULL REFERENCES users (id),
    attempt INTEGER NOT NULL CHECK (attempt >= 1),
    content_kind TEXT NOT NULL CHECK (content_kind IN ('answers', 'text', 'url', 'file')),
    text TEXT,
    url TEXT,
    file_name TEXT,
    file_type TEXT,
    file_data BLOB,
    file_sha256 BLOB,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'grading', 'graded', 'withdrawn')),
    submitted_at INTEGER NOT NULL,
    UNIQUE (assessment_id, learner_user_id, attempt)
);
CREATE INDEX submissions_learner ON submissions (learner_user_id, assessment_id);
CREATE INDEX submissions_queue ON submissions (status, submitted_at);

CREATE TABLE answers (
    submission_id INTEGER NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES questions (id),
    selected TEXT, -- JSON array of chosen option positions
    numeric_value REAL,
    points REAL,
    PRIMARY KEY (submission_id, question_id)
);

CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL UNIQUE REFERENCES submissions (id) ON DELETE CASCADE,
    score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    graded_by_user_id INTEGER REFERENCES users (id), -- NULL: graded automatically
    feedback TEXT,
    graded_at INTEGER NOT NULL
);

CREATE TABLE result_rubric_scores (
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES rubric_criteria (id),
    points REAL NOT NULL CHECK (points >= 0),
    comment TEXT,
    PRIMARY KEY (result_id, criterion_id)
);

CREATE TABLE signing_keys (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id),
    key_id TEXT NOT NULL UNIQUE,
    algorithm TEXT NOT NULL DEFAULT 'Ed25519' CHECK (algorithm IN ('Ed25519', 'RS256', 'ES256')),
    public_multibase TEXT NOT NULL,
    secret_encrypted BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    retired_at INTEGER
);
CREATE INDEX signing_keys_org ON signing_keys (org_id, retired_at);

CREATE TABLE status_lists (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
    size INTEGER NOT NULL CHECK (size >= 131072),
    bitstring BLOB NOT NULL,
    next_index INTEGER NOT NULL DEFAULT 0 CHECK (next_index >= 0),
    url TEXT NOT NULL UNIQUE,
    published_credential TEXT,
    updated_at INTEGER NOT NULL
);
CREATE INDEX status_lists_org ON status_lists (org_id, purpose);

CREATE TABLE credentials (
    id TEXT PRIMARY KEY, -- urn:uuid:...
    achievement_id INTEGER NOT NULL REFERENCES achievements (id),
    achievement_version INTEGER NOT NULL CHECK (achievement_version >= 1),
    issuer_org_id INTEGER NOT NULL REFERENCES organisations (id),
    signing_key_id INTEGER REFERENCES signing_keys (id),
    recipient_user_id INTEGER REFERENCES users (id),
    recipient_email_hash TEXT,
    recipient_did TEXT,
    recipient_name TEXT,
    issued_at INTEGER NOT NULL,
    valid_from INTEGER NOT NULL,
    valid_until INTEGER,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked', 'suspended')),
    status_reason TEXT,
    status_changed_at INTEGER,
    document TEXT NOT NULL, -- the signed credential, verbatim
    format TEXT NOT NULL DEFAULT 'ob3-ldp' CHECK (format IN ('ob3-ldp', 'ob3-jwt', 'clr2-ldp')),
    revocation_list_id INTEGER REFERENCES status_lists (id),
    revocation_index INTEGER,
    suspension_list_id INTEGER REFERENCES status_lists (id),
    suspension_index INTEGER,
    idempotency_key TEXT,
    enrollment_id INTEGER REFERENCES enrollments (id),
    search_name TEXT, -- the achievement's name at issue time, for listing and search
    is_imported INTEGER NOT NULL DEFAULT 0 CHECK (is_imported IN (0, 1)),
    CHECK (recipient_user_id IS NOT NULL OR recipient_email_hash IS NOT NULL
        OR recipient_did IS NOT NULL),
    CHECK (valid_until IS NULL OR valid_until >= valid_from),
    UNIQUE (issuer_org_id, idempotency_key)
);
CREATE INDEX credentials_recipient ON credentials (recipient_user_id, issued_at);
CREATE INDEX credentials_recipient_email ON credentials (recipient_email_hash);
CREATE INDEX credentials_recipient_did ON credentials (recipient_did);
CREATE INDEX credentials_issuer ON credentials (issuer_org_id, issued_at);
CREATE INDEX credentials_achievement ON credentials (achievement_id, status);

CREATE TABLE status_list_entries (
    list_id INTEGER NOT NULL REFERENCES status_lists (id),
    idx INTEGER NOT NULL CHECK (idx >= 0),
    credential_id TEXT NOT NULL REFERENCES credentials (id),
    PRIMARY KEY (list_id, idx)
);
CREATE INDEX status_list_entries_credential ON status_list_entries (credential_id);

CREATE TABLE recognition_agreements (
    id INTEGER PRIMARY KEY,
    university_org_id INTEGER NOT NULL REFERENCES organisations (id),
    provider_org_id INTEGER NOT NULL REFERENCES organisations (id),
    achievement_id INTEGER NOT NULL REFERENCES achievements (id),
    target_program_id INTEGER NOT NULL REFERENCES programs (id),
    credits REAL NOT NULL CHECK (credits > 0),
    credit_unit TEXT NOT NULL CHECK (credit_unit IN ('ects', 'hours')),
    max_credits REAL CHECK (max_credits IS NULL OR max_credits >= credits),
    valid_from INTEGER NOT NULL,
    valid_to INTEGER CHECK (valid_to IS NULL OR valid_to >= valid_from),
    note TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX recognition_university ON recognition_agreements (university_org_id, target_program_id);
CREATE INDEX recognition_achievement ON recognition_agreements (achievement_id);

CREATE TABLE job_roles (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 100),
    title TEXT NOT NULL,
    description TEXT,
    org_id INTEGER REFERENCES organisations (id), -- NULL: a general role
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1))
);

CREATE TABLE job_role_skills (
    job_role_id INTEGER NOT NULL REFERENCES job_roles (id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills (id),
    level INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 5),
    PRIMARY KEY (job_role_id, skill_id)
);
CREATE INDEX job_role_skills_skill ON job_role_skills (skill_id);

CREATE TABLE learner_skills (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    skill_id INTEGER NOT NULL REFERENCES skills (id),
    credential_id TEXT REFERENCES credentials (id), -- NULL: self-declared, unverified
    level INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 5),
    acquired_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, skill_id, credential_id)
);
CREATE INDEX learner_skills_skill ON learner_skills (skill_id, user_id);

CREATE TABLE training_assignments (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations (id),
    assigned_by_user_id INTEGER REFERENCES users (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    program_id INTEGER REFERENCES programs (id),
    job_role_id INTEGER REFERENCES job_roles (id),
    due_at INTEGER,
    created_at INTEGER NOT NULL,
    CHECK ((program_id IS NOT NULL) + (job_role_id IS NOT NULL) = 1)
);
CREATE INDEX training_assignments_org ON training_assignments (org_id, user_id);
CREATE INDEX training_assignments_user ON training_assignments (user_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    org_id INTEGER REFERENCES organisations (id),
    action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
    target_type TEXT,
    target_id TEXT,
    detail TEXT CHECK (detail IS NULL OR json_valid(detail))
);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_org ON audit_log (org_id, at);

-- SPDX-License-Identifier: Apache-2.0
-- A learner's public profile (/u/<handle>): shown only when the learner opts in.
CREATE TABLE learner_profiles (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    handle TEXT NOT NULL UNIQUE CHECK (length(handle) BETWEEN 2 AND 40),
    headline TEXT CHECK (headline IS NULL OR length(headline) <= 200),
    public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    updated_at INTEGER NOT NULL
);
CREATE INDEX credentials_recipient_user ON credentials (recipient_user_id, issued_at);

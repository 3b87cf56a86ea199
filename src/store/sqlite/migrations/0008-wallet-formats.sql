-- SPDX-License-Identifier: Apache-2.0
-- A learner's wallet also keeps Open Badges 2.0 assertions (a hosted assertion's URL, its JSON,
-- or a signed assertion's JWS), mostly found baked in badge images. SQLite cannot change a
-- CHECK constraint in place, so the table is rebuilt with its rows.
CREATE TABLE imported_credentials_new (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL,
    issuer TEXT,
    document TEXT NOT NULL, -- verbatim: JSON-LD, a compact JWS, or an OB 2.0 assertion
    format TEXT NOT NULL CHECK (format IN ('ob3-ldp', 'ob3-jwt', 'ob2')),
    issued_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, credential_id)
);
INSERT INTO imported_credentials_new
    SELECT id, user_id, credential_id, issuer, document, format, issued_at, created_at, updated_at
    FROM imported_credentials;
DROP TABLE imported_credentials;
ALTER TABLE imported_credentials_new RENAME TO imported_credentials;
CREATE INDEX imported_credentials_user ON imported_credentials (user_id, issued_at);

-- SPDX-License-Identifier: Apache-2.0
-- OAuth 2.0 for the Open Badges 3.0 API: clients registered dynamically (RFC 7591),
-- authorization codes (single use, short-lived, bound to the client, the redirect URI and a
-- PKCE challenge) and refresh tokens (rotated; a grant is the chain that started at one code).
-- Access tokens are rows of api_tokens. Every secret is stored as its SHA-256 only.
-- And the credentials people bring into their record through the API (upsertCredential).
CREATE TABLE oauth_clients (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE CHECK (length(client_id) BETWEEN 1 AND 100),
    secret_hash BLOB, -- NULL: a public client (token_endpoint_auth_method "none")
    name TEXT NOT NULL,
    redirect_uris TEXT NOT NULL, -- one per line
    scope TEXT NOT NULL,         -- the scopes it may ask for, separated by spaces
    auth_method TEXT NOT NULL
        CHECK (auth_method IN ('client_secret_basic', 'client_secret_post', 'none')),
    metadata TEXT NOT NULL, -- the registered metadata as JSON, as answered at registration
    created_at INTEGER NOT NULL
);

CREATE TABLE oauth_codes (
    id INTEGER PRIMARY KEY,
    code_hash BLOB NOT NULL UNIQUE,
    client_id INTEGER NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    redirect_given INTEGER NOT NULL CHECK (redirect_given IN (0, 1)),
    scope TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE oauth_refresh_tokens (
    id INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    grant_id INTEGER NOT NULL REFERENCES oauth_codes (id) ON DELETE CASCADE,
    client_id INTEGER NOT NULL REFERENCES oauth_clients (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    access_token_id INTEGER REFERENCES api_tokens (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,   -- rotated: exchanged for a new pair
    revoked_at INTEGER
);
CREATE INDEX oauth_refresh_tokens_grant ON oauth_refresh_tokens (grant_id);
CREATE INDEX oauth_refresh_tokens_access ON oauth_refresh_tokens (access_token_id);

-- Credentials a user added to their record through the API (issued by anyone; verified when
-- added). The platform's own credentials issued to the user are in credentials already.
CREATE TABLE imported_credentials (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    credential_id TEXT NOT NULL,
    issuer TEXT,
    document TEXT NOT NULL, -- verbatim: JSON-LD or a compact JWS
    format TEXT NOT NULL CHECK (format IN ('ob3-ldp', 'ob3-jwt')),
    issued_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (user_id, credential_id)
);
CREATE INDEX imported_credentials_user ON imported_credentials (user_id, issued_at);

-- SPDX-License-Identifier: Apache-2.0
-- Deployment settings that every command must agree on, such as the public URL that issued
-- credentials name their issuer and status lists under (a credential issued from the command
-- line must point where the server publishes).
CREATE TABLE settings (
    name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 100),
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

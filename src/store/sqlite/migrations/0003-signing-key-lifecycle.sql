-- SPDX-License-Identifier: Apache-2.0
-- Signing keys are rotated and, when compromised, revoked. A retired key signs nothing new but
-- stays in its issuer's controller document, so what it signed still verifies; a revoked key is
-- left out of it, so what it signed no longer does. An organisation has at most one key that
-- signs (neither retired nor revoked).
ALTER TABLE signing_keys ADD COLUMN revoked_at INTEGER;
ALTER TABLE signing_keys ADD COLUMN revocation_reason TEXT;
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (org_id) WHERE retired_at IS NULL;

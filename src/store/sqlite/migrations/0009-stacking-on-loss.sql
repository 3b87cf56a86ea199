-- SPDX-License-Identifier: Apache-2.0
-- What happens to a stacked credential when its rule stops holding (a component is revoked or
-- suspended): suspended (0, the default; reinstated when the rule holds again) or revoked (1),
-- as the program's issuer chooses.
ALTER TABLE programs ADD COLUMN stacking_revoke_on_loss INTEGER NOT NULL DEFAULT 0
    CHECK (stacking_revoke_on_loss IN (0, 1));

-- SPDX-License-Identifier: Apache-2.0
-- Status lists come in pairs (revocation, suspension) numbered per organisation; a credential
-- gets the same random index in both lists of a group. `url` holds the list's path under the
-- platform's public URL, and `next_index` counts the indexes handed out.
ALTER TABLE status_lists ADD COLUMN grp INTEGER NOT NULL DEFAULT 1 CHECK (grp >= 1);
CREATE UNIQUE INDEX status_lists_group ON status_lists (org_id, purpose, grp);
CREATE INDEX credentials_revocation ON credentials (revocation_list_id, revocation_index);

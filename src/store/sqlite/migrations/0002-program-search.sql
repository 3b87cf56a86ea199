-- The text the catalog's word search matches, kept per program so a search reads one column
-- instead of joining organisations and skills for every row. Written by the program put (and
-- to be refreshed by anything that renames an organisation or a skill); this fills it for the
-- programs already there. The covering index lets the catalog count and filter programs without
-- reading their rows.
CREATE TABLE program_search (
    program_id INTEGER PRIMARY KEY REFERENCES programs (id) ON DELETE CASCADE,
    text TEXT NOT NULL
);

INSERT INTO program_search (program_id, text)
SELECT p.id,
       p.title || ' ' || p.summary || ' ' || coalesce(p.description, '') || ' ' || pl.name || ' ' ||
       ins.name || ' ' ||
       coalesce((SELECT group_concat(k.name, ' ') FROM skills k WHERE k.id IN (
           SELECT ps.skill_id FROM program_skills ps WHERE ps.program_id = p.id
           UNION SELECT ak.skill_id FROM achievement_skills ak
                 WHERE ak.achievement_id = p.achievement_id)), '')
FROM programs p
JOIN organisations pl ON pl.id = p.platform_org_id
JOIN organisations ins ON ins.id = p.institution_org_id;

CREATE INDEX programs_catalog_filter ON programs (status, type, platform_org_id,
    institution_org_id, price_cents, duration_weeks, achievement_id, title);

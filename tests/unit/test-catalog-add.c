/* SPDX-License-Identifier: Apache-2.0 */
/* A provider adds its own program in the catalog data format: stored, not demo data, and only
 * under its own organisation. */
#include <stdlib.h>
#include <string.h>

#include "app/demo.h"
#include "base/alloc.h"
#include "base/embed.h"
#include "test.h"

/* A demo program of Google's, renamed: the same format a provider posts. */
static json_t *google_program(void)
{
    char *path = mc_xasprintf("%s/data/demo/coursera.json", mc_test_source_dir());
    json_t *file = json_load_file(path, 0, NULL);
    free(path);
    json_t *found = NULL;
    size_t i;
    json_t *p;
    json_array_foreach (json_object_get(file, "programs"), i, p)
        if (!found && strcmp(json_string_value(json_object_get(p, "institution")), "google") == 0)
            found = json_deep_copy(p);
    json_decref(file);
    if (!found)
        return NULL;
    json_object_set_new(found, "slug", json_string("acme-data-basics"));
    json_object_set_new(json_object_get(found, "achievement"), "slug",
                        json_string("acme-data-basics"));
    json_t *c;
    json_array_foreach (json_object_get(found, "courses"), i, c) {
        char *slug = mc_xasprintf("acme-data-course-%zu", i);
        json_object_set_new(c, "slug", json_string(slug));
        free(slug);
    }
    return found;
}

int main(void)
{
    struct mc_err e;
    char *path = mc_xasprintf("%s/add.db", mc_test_tmpdir());
    struct mc_store *s = NULL;
    CHECK_INT(mc_store_open(path, MC_STORE_CREATE, &s, &e), MC_OK);
    CHECK_INT(mc_app_demo_load(s, &mc_embed_demo, NULL, &e), MC_OK);
    struct mc_arena *arena = mc_arena_new(0);
    struct mc_org google, ibm;
    CHECK_INT(mc_store_org_get(s, "google", arena, &google, &e), MC_OK);
    CHECK_INT(mc_store_org_get(s, "ibm", arena, &ibm, &e), MC_OK);
    json_t *program = google_program();
    CHECK(program != NULL);

    mc_test_case("another organisation's program is refused, naming the field");
    int64_t id = 0;
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_app_catalog_add_program(s, program, ibm.id, &id, &e), MC_ERR_INVALID);
    CHECK(strstr(e.where, "/institution") != NULL);
    mc_store_rollback(s);

    mc_test_case("the provider's own program is stored, not as demo data");
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_app_catalog_add_program(s, program, google.id, &id, &e), MC_OK);
    CHECK_INT(mc_store_commit(s, &e), MC_OK);
    CHECK(id > 0);
    struct mc_program p;
    CHECK_INT(mc_store_program_get(s, "acme-data-basics", arena, &p, &e), MC_OK);
    CHECK(!p.is_demo && p.id == id && p.institution_org_id == google.id);
    struct mc_achievement a;
    CHECK_INT(mc_store_achievement_get(s, "acme-data-basics", 0, arena, &a, &e), MC_OK);
    CHECK(!a.is_demo && a.n_skills > 0 && a.issuer_org_id == google.id);

    mc_test_case("a slug in use is a conflict; a bad field is named");
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_app_catalog_add_program(s, program, google.id, &id, &e), MC_ERR_CONFLICT);
    mc_store_rollback(s);
    json_object_set_new(program, "slug", json_string("acme-other"));
    json_object_set_new(program, "duration_weeks", json_string("four"));
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_app_catalog_add_program(s, program, google.id, &id, &e), MC_ERR_INVALID);
    CHECK(strstr(e.where, "/duration_weeks") != NULL);
    mc_store_rollback(s);

    mc_test_case("editing the achievement makes a new version that the program awards");
    json_t *again = google_program();
    json_t *ach = json_deep_copy(json_object_get(again, "achievement"));
    json_decref(again);
    json_object_set_new(ach, "name", json_string("Data Basics, second edition"));
    int64_t new_id = 0;
    int version = 0;
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_app_catalog_edit_achievement(s, ach, ibm.id, &new_id, &version, &e),
              MC_ERR_NOT_FOUND);
    mc_store_rollback(s);
    CHECK_INT(mc_store_begin(s, &e), MC_OK);
    CHECK_INT(mc_app_catalog_edit_achievement(s, ach, google.id, &new_id, &version, &e), MC_OK);
    CHECK_INT(mc_store_commit(s, &e), MC_OK);
    CHECK_INT(version, 2);
    struct mc_achievement v1, v2;
    CHECK_INT(mc_store_achievement_get(s, "acme-data-basics", 1, arena, &v1, &e), MC_OK);
    CHECK_INT(mc_store_achievement_get(s, "acme-data-basics", 0, arena, &v2, &e), MC_OK);
    CHECK(v2.id == new_id && v2.version == 2 && strcmp(v1.name, v2.name) != 0);
    CHECK_INT(mc_store_program_get(s, "acme-data-basics", arena, &p, &e), MC_OK);
    CHECK_INT(p.achievement_id, new_id);
    json_decref(ach);

    json_decref(program);
    mc_arena_free(arena);
    mc_store_close(s);
    free(path);
    return mc_test_done();
}

/* SPDX-License-Identifier: Apache-2.0 */
/* mcred status-list: make, update and read signed Bitstring Status List credentials. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/alloc.h"
#include "base/json.h"
#include "base/time.h"
#include "cli/cli.h"
#include "crypto/multikey.h"
#include "mcred/str.h"
#include "vc/di.h"
#include "vc/statuslist.h"

#define MAX_FILE (64u << 20)
/* The most --set / --clear options one command line takes. */
#define MAX_SPECS 64

enum {
    OPT_KEY = 0x3000,
    OPT_URL,
    OPT_PURPOSE,
    OPT_SIZE,
    OPT_SET,
    OPT_CLEAR,
    OPT_VALID_FROM,
    OPT_VALID_UNTIL,
    OPT_SUITE,
    OPT_CREATED,
    OPT_GET,
    OPT_JSON,
};

static const struct option create_options[] = {
    { "key", required_argument, NULL, OPT_KEY },
    { "url", required_argument, NULL, OPT_URL },
    { "purpose", required_argument, NULL, OPT_PURPOSE },
    { "size", required_argument, NULL, OPT_SIZE },
    { "set", required_argument, NULL, OPT_SET },
    { "valid-from", required_argument, NULL, OPT_VALID_FROM },
    { "valid-until", required_argument, NULL, OPT_VALID_UNTIL },
    { "cryptosuite", required_argument, NULL, OPT_SUITE },
    { "created", required_argument, NULL, OPT_CREATED },
    { NULL, 0, NULL, 0 },
};

static const struct option update_options[] = {
    { "key", required_argument, NULL, OPT_KEY },
    { "set", required_argument, NULL, OPT_SET },
    { "clear", required_argument, NULL, OPT_CLEAR },
    { "valid-from", required_argument, NULL, OPT_VALID_FROM },
    { "valid-until", required_argument, NULL, OPT_VALID_UNTIL },
    { "cryptosuite", required_argument, NULL, OPT_SUITE },
    { "created", required_argument, NULL, OPT_CREATED },
    { NULL, 0, NULL, 0 },
};

static const struct option show_options[] = {
    { "get", required_argument, NULL, OPT_GET },
    { "json", no_argument, NULL, OPT_JSON },
    { NULL, 0, NULL, 0 },
};

static const struct mc_cmd *const self = &mc_cmd_status_list;

/* What create and update share: the signing key, the proof, the validity period, the bits. */
struct signing {
    const char *key_path;
    struct mc_proof_options po;
    const char *valid_from, *valid_until; /* as given, or NULL */
    int64_t from, until;                  /* parsed; until is 0 when not given */
    const char *specs[MAX_SPECS];         /* --set and --clear values, in order */
    bool set[MAX_SPECS];                  /* true for --set */
    size_t nspecs;
};

/* Options create and update both take; returns -1 when `opt` is not one of them, else an exit
 * code (MC_EXIT_OK to go on). */
static int common_option(struct signing *s, int opt)
{
    switch (opt) {
    case OPT_KEY: s->key_path = optarg; return MC_EXIT_OK;
    case OPT_CREATED: s->po.created = optarg; return MC_EXIT_OK;
    case OPT_VALID_FROM: s->valid_from = optarg; return MC_EXIT_OK;
    case OPT_VALID_UNTIL: s->valid_until = optarg; return MC_EXIT_OK;
    case OPT_SET:
    case OPT_CLEAR:
        if (s->nspecs == MAX_SPECS)
            return mc_cli_usage_error(self,
                                      "at most %d --set and --clear options; join indexes "
                                      "with commas instead",
                                      MAX_SPECS);
        s->set[s->nspecs] = opt == OPT_SET;
        s->specs[s->nspecs++] = optarg;
        return MC_EXIT_OK;
    case OPT_SUITE:
        if (strcmp(optarg, "eddsa-rdfc-2022") == 0)
            s->po.suite = MC_SUITE_EDDSA_RDFC_2022;
        else if (strcmp(optarg, "eddsa-jcs-2022") == 0)
            s->po.suite = MC_SUITE_EDDSA_JCS_2022;
        else
            return mc_cli_usage_error(
                    self, "--cryptosuite is eddsa-rdfc-2022 or eddsa-jcs-2022, not '%s'", optarg);
        return MC_EXIT_OK;
    default: return -1;
    }
}

/* An RFC 3339 date-time option into *t; a usage error naming the option otherwise. */
static int parse_time(const char *opt, const char *text, int64_t *t)
{
    int32_t ns;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_time_parse_rfc3339(text, strlen(text), t, &ns, &e))
        return mc_cli_usage_error(self,
                                  "%s wants an RFC 3339 date-time such as "
                                  "2025-01-31T12:00:00Z, not '%s': %s",
                                  opt, text, e.msg);
    return MC_EXIT_OK;
}

/* --valid-from (default now) and --valid-until (optional, after it). */
static int parse_validity(struct signing *s)
{
    s->from = mc_time_now();
    s->until = 0;
    int rc = s->valid_from ? parse_time("--valid-from", s->valid_from, &s->from) : MC_EXIT_OK;
    if (!rc && s->valid_until)
        rc = parse_time("--valid-until", s->valid_until, &s->until);
    if (!rc && s->valid_until && s->until <= s->from)
        rc = mc_cli_usage_error(self, "--valid-until %s is not after the list's validFrom",
                                s->valid_until);
    return rc;
}

/* One index of an --set / --clear value: a whole number below the list's size. */
static int parse_index(const char *opt, struct mc_str text, const struct mc_status_list *l,
                       size_t *index)
{
    int64_t v;
    if (mc_str_to_i64(text, 0, INT64_MAX, &v, opt, NULL))
        return mc_cli_usage_error(self,
                                  "%s: '%.*s' is not an index (a whole number from 0 to %zu); "
                                  "give indexes like 12,40,100-199",
                                  opt, MC_STR_FMT(text), l->nbits - 1);
    if ((uint64_t)v >= l->nbits)
        return mc_cli_usage_error(self,
                                  "%s: index %lld is outside the list, which has %zu entries "
                                  "(0 to %zu)",
                                  opt, (long long)v, l->nbits, l->nbits - 1);
    *index = (size_t)v;
    return MC_EXIT_OK;
}

/* Apply every --set and --clear, in the order given: comma-separated indexes and ranges A-B. */
static int apply_specs(const struct signing *s, struct mc_status_list *l)
{
    for (size_t i = 0; i < s->nspecs; i++) {
        const char *opt = s->set[i] ? "--set" : "--clear";
        struct mc_str rest = mc_str_z(s->specs[i]);
        if (rest.len == 0)
            return mc_cli_usage_error(self, "%s needs indexes, such as 12,40,100-199", opt);
        while (rest.p) {
            struct mc_str item, lo_s;
            rest = mc_str_cut(rest, ',', &item);
            struct mc_str hi_s = mc_str_cut(item, '-', &lo_s);
            size_t lo = 0, hi = 0;
            int rc = parse_index(opt, lo_s, l, &lo);
            if (!rc)
                rc = hi_s.p ? parse_index(opt, hi_s, l, &hi) : (hi = lo, MC_EXIT_OK);
            if (rc)
                return rc;
            if (hi < lo)
                return mc_cli_usage_error(self, "%s: the range %zu-%zu runs backwards", opt, lo,
                                          hi);
            for (size_t x = lo; x <= hi; x++)
                mc_status_list_set(l, x, s->set[i], NULL);
        }
    }
    return MC_EXIT_OK;
}

/* Read and parse a JSON file; prints why not and returns NULL. */
static json_t *read_json(const char *path, const char *what)
{
    char *text = NULL;
    size_t len = 0;
    if (mc_cli_read_input(self, path, MAX_FILE, &text, &len))
        return NULL;
    json_t *j = NULL;
    struct mc_err e;
    if (mc_json_parse(text, len, JSON_DECODE_INT_AS_REAL, NULL, &j, &e))
        mc_cli_fail(self, "%s %s: %s", what, path, e.msg);
    free(text);
    return j;
}

/* The Ed25519 Multikey with its secret that signs the list. */
static int load_key(const char *path, struct mc_key *key)
{
    json_t *kj = read_json(path, "key");
    if (!kj)
        return MC_EXIT_FAIL;
    struct mc_err e;
    mc_err_clear(&e);
    int status = MC_EXIT_OK;
    if (json_object_get(kj, "kty"))
        status = mc_cli_fail(self,
                             "key %s is a JWK; status lists carry a Data Integrity proof, signed "
                             "by an Ed25519 Multikey (mcred keygen)",
                             path);
    else if (mc_key_from_json(kj, key, &e))
        status = mc_cli_fail(self, "key %s: %s", path, e.msg);
    else if (!key->has_secret)
        status = mc_cli_fail(self, "key %s has no secretKeyMultibase to sign with", path);
    else if (!key->controller)
        status = mc_cli_fail(self, "key %s has no controller: it names the list's issuer", path);
    json_decref(kj);
    return status;
}

/* Sign the unsigned list credential `cred` with `key` and print it. */
static int sign_and_print(const json_t *cred, const struct mc_key *key,
                          const struct mc_proof_options *po)
{
    struct mc_err e;
    mc_err_clear(&e);
    struct mc_di *di = mc_di_new(NULL);
    json_t *signed_doc = NULL;
    int status = MC_EXIT_OK;
    if (mc_di_sign(di, cred, key, po, &signed_doc, &e)) {
        status = mc_cli_fail(self, "signing the list: %s%s%s", e.msg, e.where[0] ? " at " : "",
                             e.where);
    } else {
        struct mc_buf out;
        mc_buf_init(&out, 2 * MAX_FILE);
        if (mc_json_dump(signed_doc, JSON_INDENT(2), &out))
            status = mc_cli_fail(self, "the signed list is larger than %u MiB", 2 * MAX_FILE >> 20);
        else
            printf("%s\n", mc_buf_cstr(&out));
        mc_buf_free(&out);
    }
    json_decref(signed_doc);
    mc_di_free(di);
    return status;
}

static int create(int argc, char **argv)
{
    struct mc_cli_common c;
    struct signing s = { .po = { MC_SUITE_EDDSA_RDFC_2022, NULL, NULL } };
    const char *url = NULL, *purpose = "revocation";
    int64_t size = MC_STATUS_LIST_MIN_BITS;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(self, argc, argv, create_options, &c);
        if (opt == -1)
            break;
        int rc = common_option(&s, opt);
        if (rc > 0)
            return rc;
        if (rc == MC_EXIT_OK)
            continue;
        switch (opt) {
        case 'h': mc_cli_print_usage(self); return MC_EXIT_OK;
        case OPT_URL: url = optarg; break;
        case OPT_PURPOSE:
            if (strcmp(optarg, "revocation") != 0 && strcmp(optarg, "suspension") != 0)
                return mc_cli_usage_error(self, "--purpose is revocation or suspension, not '%s'",
                                          optarg);
            purpose = optarg;
            break;
        case OPT_SIZE: {
            struct mc_err e;
            mc_err_clear(&e);
            if (mc_str_to_i64(mc_str_z(optarg), MC_STATUS_LIST_MIN_BITS,
                              (int64_t)MC_STATUS_LIST_MAX_BYTES * 8, &size, "--size", &e) ||
                size % 8)
                return mc_cli_usage_error(self,
                                          "--size is the number of entries, a multiple of 8 from "
                                          "%u (the minimum for herd privacy) to %u, not '%s'",
                                          MC_STATUS_LIST_MIN_BITS, MC_STATUS_LIST_MAX_BYTES * 8,
                                          optarg);
            break;
        }
        default: return MC_EXIT_USAGE;
        }
    }
    if (!s.key_path)
        return mc_cli_usage_error(self, "create: --key KEY.json is required (mcred keygen)");
    if (!url)
        return mc_cli_usage_error(self, "create: --url URL is required: where the list will be "
                                        "published, which credentials name as "
                                        "statusListCredential");
    if ((strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) || strchr(url, '#'))
        return mc_cli_usage_error(self,
                                  "--url must be the http(s) URL the list is published at, "
                                  "without a #fragment, not '%s'",
                                  url);
    if (optind < argc)
        return mc_cli_usage_error(self, "create: unexpected argument '%s'", argv[optind]);
    int status = parse_validity(&s);
    if (status)
        return status;

    struct mc_status_list l = { 0 };
    struct mc_key key = { 0 };
    json_t *cred = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    if (mc_status_list_init(&l, (size_t)size, &e)) {
        status = mc_cli_usage_error(self, "--size: %s", e.msg);
        goto out;
    }
    status = apply_specs(&s, &l);
    if (!status)
        status = load_key(s.key_path, &key);
    if (status)
        goto out;
    cred = mc_status_list_credential(url, key.controller, purpose, (time_t)s.from, &l, &e);
    if (!cred) {
        status = mc_cli_fail(self, "%s", e.msg);
        goto out;
    }
    if (s.valid_until) {
        char until[MC_TIME_RFC3339_SIZE];
        mc_time_format_rfc3339(s.until, until);
        json_object_set_new(cred, "validUntil", json_string(until));
    }
    status = sign_and_print(cred, &key, &s.po);
out:
    json_decref(cred);
    mc_key_free(&key);
    mc_status_list_free(&l);
    return status;
}

static const char *issuer_of(const json_t *cred)
{
    const json_t *iss = json_object_get(cred, "issuer");
    return json_is_string(iss) ? json_string_value(iss)
                               : json_string_value(json_object_get(iss, "id"));
}

/* The list's subject (an object, or the one object of an array). */
static json_t *subject_of(json_t *cred)
{
    json_t *subject = json_object_get(cred, "credentialSubject");
    return json_is_array(subject) ? json_array_get(subject, 0) : subject;
}

static int update(int argc, char **argv)
{
    struct mc_cli_common c;
    struct signing s = { .po = { MC_SUITE_EDDSA_RDFC_2022, NULL, NULL } };
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(self, argc, argv, update_options, &c);
        if (opt == -1)
            break;
        int rc = common_option(&s, opt);
        if (rc > 0)
            return rc;
        if (rc == MC_EXIT_OK)
            continue;
        if (opt == 'h') {
            mc_cli_print_usage(self);
            return MC_EXIT_OK;
        }
        return MC_EXIT_USAGE;
    }
    if (!s.key_path)
        return mc_cli_usage_error(self, "update: --key KEY.json is required");
    if (optind != argc - 1)
        return mc_cli_usage_error(self, "update: give exactly one LIST.json (or -)");
    const char *path = argv[optind];
    int status = parse_validity(&s);
    if (status)
        return status;

    struct mc_status_list l = { 0 };
    struct mc_key key = { 0 };
    struct mc_buf enc;
    mc_buf_init(&enc, 2 * MAX_FILE);
    json_t *cred = read_json(path, "status list");
    struct mc_err e;
    mc_err_clear(&e);
    status = MC_EXIT_FAIL;
    if (!cred)
        goto out;
    if (mc_status_list_from_credential(cred, &l, NULL, &e)) {
        mc_cli_fail(self, "%s: %s", path, e.msg);
        goto out;
    }
    status = apply_specs(&s, &l);
    if (!status)
        status = load_key(s.key_path, &key);
    if (status)
        goto out;
    status = MC_EXIT_FAIL;
    const char *iss = issuer_of(cred);
    if (!iss || strcmp(iss, key.controller) != 0) {
        mc_cli_fail(self,
                    "%s was issued by %s, but the key %s belongs to %s: the list must be signed "
                    "by the issuer of the credentials that point into it",
                    path, iss ? iss : "(nobody)", s.key_path, key.controller);
        goto out;
    }
    if (mc_status_list_encode(&l, &enc, &e)) {
        mc_cli_fail(self, "%s: %s", path, e.msg);
        goto out;
    }
    /* The same credential with the new bits, a new validity start and a new proof. */
    json_object_del(cred, "proof");
    json_object_set_new(subject_of(cred), "encodedList", json_string(mc_buf_cstr(&enc)));
    char t[MC_TIME_RFC3339_SIZE];
    mc_time_format_rfc3339(s.from, t);
    const char *from_key = json_object_get(cred, "issuanceDate") ? "issuanceDate" : "validFrom";
    const char *until_key =
            json_object_get(cred, "expirationDate") ? "expirationDate" : "validUntil";
    json_object_set_new(cred, from_key, json_string(t));
    if (s.valid_until) {
        mc_time_format_rfc3339(s.until, t);
        json_object_set_new(cred, until_key, json_string(t));
    } else if (json_object_get(cred, until_key)) {
        const char *old = json_string_value(json_object_get(cred, until_key));
        int64_t until = 0;
        int32_t ns;
        if (!old || mc_time_parse_rfc3339(old, strlen(old), &until, &ns, &e) || until <= s.from) {
            status = mc_cli_usage_error(self,
                                        "%s's %s (%s) is not after the new validFrom; give a new "
                                        "--valid-until",
                                        path, until_key, old ? old : "not a string");
            goto out;
        }
    }
    status = sign_and_print(cred, &key, &s.po);
out:
    json_decref(cred);
    mc_buf_free(&enc);
    mc_key_free(&key);
    mc_status_list_free(&l);
    return status;
}

/* Print the set indexes as "12, 40, 100-199", or "none". */
static void print_ranges(const struct mc_status_list *l)
{
    bool any = false;
    for (size_t i = 0; i < l->nbits; i++) {
        if (!mc_status_list_get(l, i))
            continue;
        size_t j = i;
        while (j + 1 < l->nbits && mc_status_list_get(l, j + 1))
            j++;
        printf(any ? ", %zu" : "%zu", i);
        if (j > i)
            printf("-%zu", j);
        any = true;
        i = j;
    }
    puts(any ? "" : "none");
}

static int show(int argc, char **argv)
{
    struct mc_cli_common c;
    bool as_json = false;
    const char *get = NULL;
    mc_cli_getopt_reset(&c);
    for (;;) {
        int opt = mc_cli_getopt(self, argc, argv, show_options, &c);
        if (opt == -1)
            break;
        switch (opt) {
        case 'h': mc_cli_print_usage(self); return MC_EXIT_OK;
        case OPT_JSON: as_json = true; break;
        case OPT_GET: get = optarg; break;
        default: return MC_EXIT_USAGE;
        }
    }
    if (optind != argc - 1)
        return mc_cli_usage_error(self, "show: give exactly one LIST.json (or -)");
    const char *path = argv[optind];
    json_t *cred = read_json(path, "status list");
    if (!cred)
        return MC_EXIT_FAIL;
    struct mc_status_list l = { 0 };
    char purposes[MC_STATUS_PURPOSES_SIZE];
    struct mc_err e;
    mc_err_clear(&e);
    int status = MC_EXIT_OK;
    size_t index = 0;
    if (mc_status_list_from_credential(cred, &l, purposes, &e)) {
        status = mc_cli_fail(self, "%s: %s", path, e.msg);
        goto out;
    }
    if (get) {
        status = parse_index("--get", mc_str_z(get), &l, &index);
        if (status)
            goto out;
    }
    const char *id = json_string_value(json_object_get(cred, "id"));
    const char *iss = issuer_of(cred);
    size_t nset = 0;
    for (size_t i = 0; i < l.nbits / 8; i++)
        nset += (size_t)__builtin_popcount(l.bits[i]);
    if (as_json) {
        json_t *j = json_object();
        json_object_set_new(j, "id", id ? json_string(id) : json_null());
        json_object_set_new(j, "issuer", iss ? json_string(iss) : json_null());
        json_t *p = json_array();
        struct mc_str rest = mc_str_z(purposes);
        while (rest.p) {
            struct mc_str one;
            rest = mc_str_cut(rest, ' ', &one);
            json_array_append_new(p, json_stringn(one.p, one.len));
        }
        json_object_set_new(j, "statusPurpose", p);
        json_object_set_new(j, "size", json_integer((json_int_t)l.nbits));
        json_object_set_new(j, "setCount", json_integer((json_int_t)nset));
        if (get) {
            json_object_set_new(j, "index", json_integer((json_int_t)index));
            json_object_set_new(j, "value", json_boolean(mc_status_list_get(&l, index)));
        } else {
            json_t *set = json_array();
            for (size_t i = 0; i < l.nbits; i++)
                if (mc_status_list_get(&l, i))
                    json_array_append_new(set, json_integer((json_int_t)i));
            json_object_set_new(j, "set", set);
        }
        struct mc_buf out;
        mc_buf_init(&out, 4 * MAX_FILE);
        if (mc_json_dump(j, JSON_INDENT(2), &out))
            status = mc_cli_fail(self, "%s: the summary is larger than %u MiB; use --get", path,
                                 4 * MAX_FILE >> 20);
        else
            printf("%s\n", mc_buf_cstr(&out));
        mc_buf_free(&out);
        json_decref(j);
    } else if (get) {
        printf("%zu: %s\n", index, mc_status_list_get(&l, index) ? "set" : "unset");
    } else {
        printf("list:    %s\n", id ? id : "(no id)");
        printf("issuer:  %s\n", iss ? iss : "(none)");
        printf("purpose: %s\n", purposes);
        printf("size:    %zu entries\n", l.nbits);
        printf("set:     %zu: ", nset);
        print_ranges(&l);
    }
out:
    mc_status_list_free(&l);
    json_decref(cred);
    return status;
}

static int run(int argc, char **argv)
{
    const char *sub = argc > 1 ? argv[1] : NULL;
    if (!sub)
        return mc_cli_usage_error(self, "give a subcommand: create, update or show");
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0 || strcmp(sub, "help") == 0) {
        mc_cli_print_usage(self);
        return MC_EXIT_OK;
    }
    if (strcmp(sub, "create") == 0)
        return create(argc - 1, argv + 1);
    if (strcmp(sub, "update") == 0)
        return update(argc - 1, argv + 1);
    if (strcmp(sub, "show") == 0)
        return show(argc - 1, argv + 1);
    return mc_cli_usage_error(self, "unknown subcommand '%s': it is create, update or show", sub);
}

const struct mc_cmd mc_cmd_status_list = {
    .name = "status-list",
    .summary = "publish and read Bitstring Status Lists (revocation, suspension)",
    .usage = "usage: mcred status-list create --key KEY.json --url URL [--purpose P] [--size N]\n"
             "                                [--set I,J,A-B]... [OPTIONS]\n"
             "       mcred status-list update --key KEY.json [--set I,...] [--clear I,...]\n"
             "                                [OPTIONS] LIST.json\n"
             "       mcred status-list show [--get I] [--json] LIST.json\n"
             "\n"
             "A Bitstring Status List credential (W3C Bitstring Status List 1.0) holds one bit\n"
             "per credential: set means revoked (or suspended). Credentials point into it with\n"
             "a BitstringStatusListEntry: its statusListCredential is the list's URL and its\n"
             "statusListIndex the bit; mcred verify reads the list from that URL (or --doc).\n"
             "\n"
             "create  prints a new list credential, signed: its id is URL, its issuer the\n"
             "        key's controller (who must also issue the credentials), its bits all\n"
             "        clear but those given with --set\n"
             "update  prints LIST.json with bits set or cleared, validFrom moved to now and a\n"
             "        new proof by the same issuer (publish it at the same URL)\n"
             "show    prints the list's URL, issuer, purpose, size and set entries (--get I:\n"
             "        whether entry I is set); it does not check the proof: mcred verify does\n"
             "\n"
             "  --key KEY.json     the issuer's Ed25519 Multikey with its secretKeyMultibase\n"
             "  --url URL          the http(s) URL the list is published at\n"
             "  --purpose P        revocation (default) or suspension\n"
             "  --size N           entries, a multiple of 8, at least 131072 (the default, the\n"
             "                     minimum for herd privacy)\n"
             "  --set LIST         set these entries: indexes and ranges, as 12,40,100-199\n"
             "                     (may be repeated)\n"
             "  --clear LIST       clear these entries (update; reinstates a suspension)\n"
             "  --valid-from TIME  the list's validFrom (default: now), RFC 3339\n"
             "  --valid-until TIME the list's validUntil: verifiers refuse it after that time,\n"
             "                     so publish a new one before\n"
             "  --cryptosuite S    eddsa-rdfc-2022 (default) or eddsa-jcs-2022\n"
             "  --created TIME     the proof's created date-time (default: now)\n"
             "  --get I            show: print \"I: set\" or \"I: unset\"\n"
             "  --json             show: print {id, issuer, statusPurpose, size, setCount, set}\n"
             "                     (with --get: index and value instead of set)\n"
             "\n"
             "Exit status: 0 on success, 1 when a file cannot be read or signed, 2 on a usage\n"
             "error (an unknown option, an index outside the list).\n",
    .run = run,
};

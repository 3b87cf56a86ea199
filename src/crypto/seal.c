/* SPDX-License-Identifier: Apache-2.0 */
/* Sealing secrets under a master key (crypto_secretbox) and loading the master key. */
#include "crypto/seal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/hex.h"

static const uint8_t magic[4] = { 'M', 'C', 'S', '1' };

/* Domain-separated keyed hashes of the master key: one names it, the other derives per-context
 * subkeys, so neither output says anything about the other or about the key. */
static void derive(const struct mc_master_key *mk, const char *label, const char *context,
                   uint8_t *out, size_t outlen)
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, mk->key, MC_MASTER_KEY_LEN, outlen);
    crypto_generichash_update(&st, (const uint8_t *)label, strlen(label) + 1);
    if (context)
        crypto_generichash_update(&st, (const uint8_t *)context, strlen(context));
    crypto_generichash_final(&st, out, outlen);
}

static void set_id(struct mc_master_key *mk)
{
    uint8_t h[crypto_generichash_BYTES_MIN];
    derive(mk, "mcred master key id", NULL, h, sizeof h);
    memcpy(mk->id, h, MC_MASTER_KEY_ID_LEN);
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < MC_MASTER_KEY_ID_LEN; i++) {
        mk->id_hex[2 * i] = digits[mk->id[i] >> 4];
        mk->id_hex[2 * i + 1] = digits[mk->id[i] & 15];
    }
    mk->id_hex[2 * MC_MASTER_KEY_ID_LEN] = '\0';
}

void mc_master_key_generate(struct mc_master_key *mk)
{
    randombytes_buf(mk->key, MC_MASTER_KEY_LEN);
    set_id(mk);
}

enum mc_rc mc_master_key_from_hex(const char *text, size_t len, struct mc_master_key *mk,
                                  struct mc_err *e)
{
    while (len && (text[0] == ' ' || text[0] == '\t' || text[0] == '\n' || text[0] == '\r'))
        text++, len--;
    while (len && (text[len - 1] == ' ' || text[len - 1] == '\t' || text[len - 1] == '\n' ||
                   text[len - 1] == '\r'))
        len--;
    if (len != 2 * MC_MASTER_KEY_LEN)
        return mc_err_set(e, MC_ERR_INVALID,
                          "a master key is %d hex digits (32 bytes), not %zu characters",
                          2 * MC_MASTER_KEY_LEN, len);
    for (size_t i = 0; i < MC_MASTER_KEY_LEN; i++) {
        int hi = mc_hex_digit(text[2 * i]), lo = mc_hex_digit(text[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            sodium_memzero(mk->key, sizeof mk->key);
            return mc_err_set(e, MC_ERR_INVALID,
                              "a master key is hex digits only; offset %zu is not one",
                              2 * i + (hi < 0 ? 0 : 1));
        }
        mk->key[i] = (uint8_t)(hi << 4 | lo);
    }
    set_id(mk);
    return MC_OK;
}

enum mc_rc mc_master_key_read_file(const char *path, struct mc_master_key *mk, struct mc_err *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return mc_err_set(e, errno == ENOENT ? MC_ERR_NOT_FOUND : MC_ERR_IO,
                          "cannot open the master key file %s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return mc_err_set(e, MC_ERR_IO, "the master key file %s is not a regular file", path);
    }
    if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
        close(fd);
        return mc_err_set(e, MC_ERR_FORBIDDEN,
                          "the master key file %s has mode %04o, so others can read it; run "
                          "'chmod 600 %s'",
                          path, (unsigned)(sb.st_mode & 07777), path);
    }
    char text[2 * MC_MASTER_KEY_LEN + 8];
    ssize_t n = read(fd, text, sizeof text);
    close(fd);
    if (n < 0)
        return mc_err_set(e, MC_ERR_IO, "cannot read the master key file %s: %s", path,
                          strerror(errno));
    enum mc_rc rc = mc_master_key_from_hex(text, (size_t)n, mk, e);
    sodium_memzero(text, sizeof text);
    if (rc)
        mc_err_prefix(e, "%s", path);
    return rc;
}

enum mc_rc mc_master_key_write_file(const char *path, const struct mc_master_key *mk,
                                    struct mc_err *e)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return mc_err_set(e, errno == EEXIST ? MC_ERR_CONFLICT : MC_ERR_IO,
                          "cannot create the master key file %s: %s", path, strerror(errno));
    char text[2 * MC_MASTER_KEY_LEN + 1];
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < MC_MASTER_KEY_LEN; i++) {
        text[2 * i] = digits[mk->key[i] >> 4];
        text[2 * i + 1] = digits[mk->key[i] & 15];
    }
    text[2 * MC_MASTER_KEY_LEN] = '\n';
    ssize_t n = write(fd, text, sizeof text);
    sodium_memzero(text, sizeof text);
    if (n != (ssize_t)sizeof text || fsync(fd) != 0) {
        int err = errno;
        close(fd);
        unlink(path);
        return mc_err_set(e, MC_ERR_IO, "cannot write the master key file %s: %s", path,
                          strerror(err));
    }
    if (close(fd) != 0) {
        unlink(path);
        return mc_err_set(e, MC_ERR_IO, "cannot write the master key file %s", path);
    }
    return MC_OK;
}

enum mc_rc mc_master_key_load(const char *path, const char *default_path, struct mc_master_key *mk,
                              struct mc_err *e)
{
    if (path)
        return mc_master_key_read_file(path, mk, e);
    const char *hex = getenv(MC_MASTER_KEY_ENV);
    if (hex && *hex) {
        enum mc_rc rc = mc_master_key_from_hex(hex, strlen(hex), mk, e);
        if (rc)
            mc_err_prefix(e, "$%s", MC_MASTER_KEY_ENV);
        return rc;
    }
    const char *file = getenv(MC_MASTER_KEY_FILE_ENV);
    if (file && *file)
        return mc_master_key_read_file(file, mk, e);
    if (default_path) {
        enum mc_rc rc = mc_master_key_read_file(default_path, mk, e);
        if (rc != MC_ERR_NOT_FOUND)
            return rc;
    }
    return mc_err_set(e, MC_ERR_NOT_FOUND,
                      "no master key: give --master-key FILE, or set $%s (64 hex digits) or "
                      "$%s%s%s",
                      MC_MASTER_KEY_ENV, MC_MASTER_KEY_FILE_ENV, default_path ? ", or create " : "",
                      default_path ? default_path : "");
}

void mc_master_key_wipe(struct mc_master_key *mk)
{
    sodium_memzero(mk, sizeof *mk);
}

enum mc_rc mc_seal(const struct mc_master_key *mk, const char *context, const uint8_t *secret,
                   size_t n, struct mc_buf *out, struct mc_err *e)
{
    if (!context || !*context)
        return mc_err_set(e, MC_ERR_INVALID, "a sealed secret needs a context");
    uint8_t sub[crypto_secretbox_KEYBYTES];
    derive(mk, "mcred seal v1", context, sub, sizeof sub);
    uint8_t nonce[crypto_secretbox_NONCEBYTES];
    randombytes_buf(nonce, sizeof nonce);
    size_t clen = n + crypto_secretbox_MACBYTES;
    uint8_t *c = malloc(clen);
    if (!c) {
        sodium_memzero(sub, sizeof sub);
        return mc_err_set(e, MC_ERR_TOO_LARGE, "out of memory sealing a secret");
    }
    crypto_secretbox_easy(c, secret, n, nonce, sub);
    sodium_memzero(sub, sizeof sub);
    enum mc_rc rc = mc_buf_append(out, magic, sizeof magic);
    if (!rc)
        rc = mc_buf_append(out, mk->id, MC_MASTER_KEY_ID_LEN);
    if (!rc)
        rc = mc_buf_append(out, nonce, sizeof nonce);
    if (!rc)
        rc = mc_buf_append(out, c, clen);
    free(c);
    if (rc)
        return mc_err_set(e, rc, "the sealed secret does not fit in its buffer");
    return MC_OK;
}

enum mc_rc mc_unseal(const struct mc_master_key *mk, const char *context, const uint8_t *blob,
                     size_t len, uint8_t *secret, size_t cap, size_t *n, struct mc_err *e)
{
    if (len < MC_SEAL_OVERHEAD || memcmp(blob, magic, sizeof magic) != 0)
        return mc_err_set(e, MC_ERR_INVALID, "not a sealed secret (%zu bytes, no MCS1 header)",
                          len);
    const uint8_t *id = blob + 4;
    if (memcmp(id, mk->id, MC_MASTER_KEY_ID_LEN) != 0) {
        char have[2 * MC_MASTER_KEY_ID_LEN + 1];
        static const char digits[] = "0123456789abcdef";
        for (size_t i = 0; i < MC_MASTER_KEY_ID_LEN; i++) {
            have[2 * i] = digits[id[i] >> 4];
            have[2 * i + 1] = digits[id[i] & 15];
        }
        have[2 * MC_MASTER_KEY_ID_LEN] = '\0';
        return mc_err_set(e, MC_ERR_CRYPTO,
                          "the secret was sealed under master key %s, but the master key given is "
                          "%s",
                          have, mk->id_hex);
    }
    const uint8_t *nonce = id + MC_MASTER_KEY_ID_LEN;
    const uint8_t *c = nonce + crypto_secretbox_NONCEBYTES;
    size_t clen = len - (size_t)(c - blob);
    size_t plen = clen - crypto_secretbox_MACBYTES;
    if (plen > cap)
        return mc_err_set(e, MC_ERR_TOO_LARGE, "the sealed secret is %zu bytes; at most %zu fit",
                          plen, cap);
    uint8_t sub[crypto_secretbox_KEYBYTES];
    derive(mk, "mcred seal v1", context, sub, sizeof sub);
    int bad = crypto_secretbox_open_easy(secret, c, clen, nonce, sub);
    sodium_memzero(sub, sizeof sub);
    if (bad) {
        sodium_memzero(secret, plen);
        return mc_err_set(e, MC_ERR_CRYPTO,
                          "the sealed secret does not open: it is damaged or belongs to another "
                          "key than %s",
                          context);
    }
    *n = plen;
    return MC_OK;
}

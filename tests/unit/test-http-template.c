/* SPDX-License-Identifier: Apache-2.0 */
/* Tests for src/http/template.c: escaping, sections, inverted sections, partials, errors. */
#include <string.h>

#include "base/embed.h"
#include "http/template.h"
#include "test.h"

struct render_case {
    const char *tpl;
    const char *ctx; /* JSON */
    const char *want;
};

static const struct render_case render_cases[] = {
    /* plain text and values */
    { "", "{}", "" },
    { "hello", "{}", "hello" },
    { "{{a}}", "{\"a\":\"x\"}", "x" },
    { "[{{ a }}]", "{\"a\":\"x\"}", "[x]" },
    { "{{missing}}", "{}", "" },
    { "{{n}} {{r}} {{t}} {{f}} {{z}}", "{\"n\":42,\"r\":1.5,\"t\":true,\"f\":false,\"z\":null}",
      "42 1.5 true  " },
    { "{{a.b.c}}", "{\"a\":{\"b\":{\"c\":\"deep\"}}}", "deep" },
    { "{{a.x}}", "{\"a\":\"str\"}", "" },
    /* escaping */
    { "{{a}}", "{\"a\":\"<script>alert('x')</script>\"}",
      "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" },
    { "<a title=\"{{a}}\">", "{\"a\":\"\\\" onmouseover=\\\"x\"}",
      "<a title=\"&quot; onmouseover=&quot;x\">" },
    { "{{a}}", "{\"a\":\"Tom & Jerry > 2\"}", "Tom &amp; Jerry &gt; 2" },
    { "{{a}}", "{\"a\":\"caf\\u00e9\"}", "caf\xc3\xa9" },
    { "{{{a}}}", "{\"a\":\"<b>bold</b>\"}", "<b>bold</b>" },
    { "{{& a}}", "{\"a\":\"<b>\"}", "<b>" },
    /* sections */
    { "{{#list}}<{{.}}>{{/list}}", "{\"list\":[\"a\",\"b\",\"c\"]}", "<a><b><c>" },
    { "{{#list}}x{{/list}}", "{\"list\":[]}", "" },
    { "{{#items}}{{name}};{{/items}}", "{\"items\":[{\"name\":\"a\"},{\"name\":\"<b>\"}]}",
      "a;&lt;b&gt;;" },
    { "{{#flag}}yes{{/flag}}", "{\"flag\":true}", "yes" },
    { "{{#flag}}yes{{/flag}}", "{\"flag\":false}", "" },
    { "{{#flag}}yes{{/flag}}", "{}", "" },
    { "{{#s}}[{{s}}]{{/s}}", "{\"s\":\"text\"}", "[text]" },
    { "{{#s}}x{{/s}}", "{\"s\":\"\"}", "" },
    { "{{#n}}x{{/n}}", "{\"n\":0}", "" },
    { "{{#obj}}{{a}}-{{b}}{{/obj}}", "{\"obj\":{\"a\":1},\"b\":2}", "1-2" },
    /* inverted */
    { "{{^list}}none{{/list}}", "{\"list\":[]}", "none" },
    { "{{^list}}none{{/list}}", "{\"list\":[1]}", "" },
    { "{{^missing}}none{{/missing}}", "{}", "none" },
    { "{{^t}}no{{/t}}", "{\"t\":true}", "" },
    /* nested */
    { "{{#a}}{{#b}}{{x}}{{y}},{{/b}}{{/a}}", "{\"a\":[{\"x\":1,\"b\":[{\"y\":2},{\"y\":3}]}]}",
      "12,13," },
    { "{{#a}}{{^b}}empty{{/b}}{{/a}}", "{\"a\":[{\"b\":[]},{\"b\":[1]}]}", "empty" },
    { "{{#outer}}{{#outer}}x{{/outer}}{{/outer}}", "{\"outer\":true}", "x" },
    /* comments */
    { "a{{! a comment }}b", "{}", "ab" },
    /* multi-line */
    { "{{#l}}\n- {{.}}\n{{/l}}", "{\"l\":[1,2]}", "\n- 1\n\n- 2\n" },
    /* single braces are text */
    { "{ a } {a}", "{}", "{ a } {a}" },
};

static void test_render_table(void)
{
    for (size_t i = 0; i < sizeof render_cases / sizeof render_cases[0]; i++) {
        const struct render_case *c = &render_cases[i];
        mc_test_case("render '%s'", c->tpl);
        struct mc_tpl_set *s = mc_tpl_set_new();
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_tpl_set_add(s, "t.html", c->tpl, strlen(c->tpl), &e), MC_OK);
        json_error_t je;
        json_t *ctx = json_loads(c->ctx, 0, &je);
        CHECK(ctx != NULL);
        struct mc_buf b;
        mc_buf_init(&b, 4096);
        CHECK_INT(mc_tpl_render(s, "t.html", ctx, &b, &e), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), c->want);
        mc_buf_free(&b);
        json_decref(ctx);
        mc_tpl_set_free(s);
    }
}

struct error_case {
    const char *tpl;
    const char *msg; /* expected message, exactly */
    const char *where;
};

static const struct error_case error_cases[] = {
    { "{{a", "bad.html:1: a '{{' tag is not closed with '}}'", "bad.html:1" },
    { "x\n\n{{{a}}", "bad.html:3: a '{{{' tag is not closed with '}}}'", "bad.html:3" },
    { "{{}}", "bad.html:1: a tag has no name", "bad.html:1" },
    { "{{#}}", "bad.html:1: a tag has no name", "bad.html:1" },
    { "{{a b}}",
      "bad.html:1: a tag name may only hold letters, digits, '_', '-' and '.', not 'a b'",
      "bad.html:1" },
    { "{{a..b}}",
      "bad.html:1: a tag name may only hold letters, digits, '_', '-' and '.', not 'a..b'",
      "bad.html:1" },
    { "{{<x>}}",
      "bad.html:1: a tag name may only hold letters, digits, '_', '-' and '.', not '<x>'",
      "bad.html:1" },
    { "line1\n{{/a}}", "bad.html:2: a closing tag without an open section: 'a'", "bad.html:2" },
    { "{{#a}}\n\n{{/b}}", "bad.html:3: section 'a' (opened on line 1) is closed by 'b'",
      "bad.html:3" },
    { "{{#a}}\n{{^b}}\n", "bad.html:3: section 'b' opened on line 2 is never closed",
      "bad.html:3" },
};

static void test_parse_errors(void)
{
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        const struct error_case *c = &error_cases[i];
        mc_test_case("parse error '%s'", c->tpl);
        struct mc_tpl_set *s = mc_tpl_set_new();
        struct mc_err e;
        mc_err_clear(&e);
        CHECK_INT(mc_tpl_set_add(s, "bad.html", c->tpl, strlen(c->tpl), &e), MC_ERR_INVALID);
        CHECK_STR(e.msg, c->msg);
        CHECK_STR(e.where, c->where);
        mc_tpl_set_free(s);
    }
}

static void test_partials(void)
{
    mc_test_case("partials share the context and the layout wraps the page");
    struct mc_tpl_set *s = mc_tpl_set_new();
    struct mc_err e;
    mc_err_clear(&e);
    const char *head = "<title>{{title}}</title>";
    const char *item = "<li>{{name}}</li>";
    const char *page = "{{> head}}<ul>{{#items}}{{> item}}{{/items}}</ul>";
    CHECK_INT(mc_tpl_set_add(s, "head", head, strlen(head), &e), MC_OK);
    CHECK_INT(mc_tpl_set_add(s, "item", item, strlen(item), &e), MC_OK);
    CHECK_INT(mc_tpl_set_add(s, "page", page, strlen(page), &e), MC_OK);
    CHECK_INT(mc_tpl_set_add(s, "page", page, strlen(page), &e), MC_ERR_CONFLICT);
    json_t *ctx = json_pack("{s:s, s:[{s:s},{s:s}]}", "title", "A&B", "items", "name", "x", "name",
                            "<y>");
    struct mc_buf b;
    mc_buf_init(&b, 4096);
    CHECK_INT(mc_tpl_render(s, "page", ctx, &b, &e), MC_OK);
    CHECK_STR(mc_buf_cstr(&b), "<title>A&amp;B</title><ul><li>x</li><li>&lt;y&gt;</li></ul>");

    mc_test_case("unknown template and partial");
    mc_buf_reset(&b);
    CHECK_INT(mc_tpl_render(s, "nope", ctx, &b, &e), MC_ERR_NOT_FOUND);
    const char *missing = "a{{> nowhere}}b";
    CHECK_INT(mc_tpl_set_add(s, "missing", missing, strlen(missing), &e), MC_OK);
    CHECK_INT(mc_tpl_render(s, "missing", ctx, &b, &e), MC_ERR_NOT_FOUND);
    CHECK_STR(e.msg, "missing:1: there is no template 'nowhere'");

    mc_test_case("a partial that includes itself stops");
    const char *loop = "x{{> loop}}";
    CHECK_INT(mc_tpl_set_add(s, "loop", loop, strlen(loop), &e), MC_OK);
    mc_buf_reset(&b);
    CHECK_INT(mc_tpl_render(s, "loop", ctx, &b, &e), MC_ERR_TOO_LARGE);

    mc_test_case("nested sections over lists: the work is bounded");
    struct mc_buf deep;
    mc_buf_init(&deep, 4096);
    for (int i = 0; i < 30; i++)
        mc_buf_appendz(&deep, "{{#l}}");
    for (int i = 0; i < 30; i++)
        mc_buf_appendz(&deep, "{{/l}}");
    CHECK_INT(mc_tpl_set_add(s, "deep", deep.data, deep.len, &e), MC_OK);
    json_t *lists = json_pack("{s:[i,i,i]}", "l", 1, 2, 3);
    mc_buf_reset(&b);
    CHECK_INT(mc_tpl_render(s, "deep", lists, &b, &e), MC_ERR_TOO_LARGE);
    CHECK(strstr(e.msg, "steps") != NULL);
    json_decref(lists);
    mc_buf_free(&deep);

    mc_test_case("output past the cap");
    struct mc_buf small;
    mc_buf_init(&small, 10);
    CHECK_INT(mc_tpl_render(s, "page", ctx, &small, &e), MC_ERR_TOO_LARGE);
    mc_buf_free(&small);

    mc_buf_free(&b);
    json_decref(ctx);
    mc_tpl_set_free(s);
}

static void test_escape(void)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        { "", "" },
        { "plain", "plain" },
        { "&<>\"'", "&amp;&lt;&gt;&quot;&#39;" },
        { "a&&b", "a&amp;&amp;b" },
        { "\xe2\x82\xac & \xc3\xa9", "\xe2\x82\xac &amp; \xc3\xa9" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mc_test_case("escape '%s'", cases[i].in);
        struct mc_buf b;
        mc_buf_init(&b, 256);
        CHECK_INT(mc_tpl_escape(&b, cases[i].in, strlen(cases[i].in)), MC_OK);
        CHECK_STR(mc_buf_cstr(&b), cases[i].want);
        mc_buf_free(&b);
    }
}

static void test_embedded(void)
{
    mc_test_case("the shipped templates parse and render");
    struct mc_tpl_set *s = NULL;
    struct mc_err e;
    mc_err_clear(&e);
    CHECK_INT(mc_tpl_set_load_embed(&mc_embed_templates, &s, &e), MC_OK);
    if (!s) {
        mc_test_case("load error: %s", e.msg);
        CHECK(0);
        return;
    }
    json_t *ctx = json_pack("{s:s, s:s, s:i}", "title", "T<", "message", "M<", "status", 400);
    struct mc_buf b;
    mc_buf_init(&b, 1 << 20);
    CHECK_INT(mc_tpl_render(s, "error.html", ctx, &b, &e), MC_OK);
    CHECK(strstr(mc_buf_cstr(&b), "<html lang=\"en\">") != NULL);
    CHECK(strstr(mc_buf_cstr(&b), "M&lt;") != NULL);
    CHECK(strstr(mc_buf_cstr(&b), "name=\"viewport\"") != NULL);
    mc_buf_free(&b);
    json_decref(ctx);
    mc_tpl_set_free(s);
}

int main(void)
{
    test_render_table();
    test_parse_errors();
    test_partials();
    test_escape();
    test_embedded();
    return mc_test_done();
}

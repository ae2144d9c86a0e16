package org.loftmail.sieve.compile;

import static org.loftmail.sieve.compile.Spec.ArgType.NONE;
import static org.loftmail.sieve.compile.Spec.ArgType.NUMBER;
import static org.loftmail.sieve.compile.Spec.ArgType.STRING;
import static org.loftmail.sieve.compile.Spec.ArgType.STRING_LIST;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every command and test Loft knows, with the RFC that defines it: one visible table, as Pigeonhole registers its
 * commands per extension. {@code null} as extension means RFC 5228's core.
 */
public final class SpecTable {

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        // RFC 5228 section 3: control commands
        add(Spec.command("require", null).pos(STRING_LIST).names("capabilities"));
        add(Spec.command("if", null).tests(Spec.Tests.ONE).block());
        add(Spec.command("elsif", null).tests(Spec.Tests.ONE).block());
        add(Spec.command("else", null).block());
        add(Spec.command("stop", null));
        // RFC 5228 section 4 and its extensions' tags (imap4flags RFC 5232, copy RFC 3894, mailbox RFC 5490)
        add(Spec.command("keep", null).tag("flags", STRING_LIST, "imap4flags"));
        add(Spec.command("discard", null));
        add(Spec.command("redirect", null).pos(STRING).names("address").tag("copy", NONE, "copy"));
        add(Spec.command("fileinto", "fileinto").pos(STRING).names("folder").tag("copy", NONE, "copy")
                .tag("flags", STRING_LIST, "imap4flags").tag("create", NONE, "mailbox"));
        // RFC 5228 section 5: tests; index (RFC 5260) and mime (RFC 5703) add tags
        add(Spec.test("address", null).matching().addressParts().pos(STRING_LIST, STRING_LIST)
                .names("header list", "key list")
                .tag("index", NUMBER, "index").tag("last", NONE, "index")
                .tag("mime", NONE, "mime").tag("anychild", NONE, "mime"));
        add(Spec.test("allof", null).tests(Spec.Tests.LIST));
        add(Spec.test("anyof", null).tests(Spec.Tests.LIST));
        add(Spec.test("exists", null).pos(STRING_LIST).names("header names").tag("mime", NONE, "mime").tag("anychild", NONE, "mime"));
        add(Spec.test("false", null));
        add(Spec.test("true", null));
        add(Spec.test("header", null).matching().pos(STRING_LIST, STRING_LIST).names("header names", "key list")
                .tag("index", NUMBER, "index").tag("last", NONE, "index")
                .tag("mime", NONE, "mime").tag("anychild", NONE, "mime")
                .tag("type", NONE, "mime", "mimeopt").tag("subtype", NONE, "mime", "mimeopt")
                .tag("contenttype", NONE, "mime", "mimeopt").tag("param", STRING_LIST, "mime", "mimeopt"));
        add(Spec.test("not", null).tests(Spec.Tests.ONE));
        add(Spec.test("size", null).pos(NUMBER).names("limit").tag("over", NONE, null, "size").tag("under", NONE, null, "size"));
        // RFC 5228 section 5.4 / 5.1 extension: envelope
        add(Spec.test("envelope", "envelope").matching().addressParts().pos(STRING_LIST, STRING_LIST)
                .names("envelope part", "key list"));
        // RFC 5429: reject, ereject
        add(Spec.command("reject", "reject").pos(STRING).names("reason"));
        add(Spec.command("ereject", "ereject").pos(STRING).names("reason"));
        // RFC 5230 vacation, RFC 6131 vacation-seconds
        add(Spec.command("vacation", "vacation").pos(STRING).names("reason").tag("days", NUMBER, null, "period")
                .tag("seconds", NUMBER, "vacation-seconds", "period").tag("subject", STRING, null)
                .tag("from", STRING, null).tag("addresses", STRING_LIST, null).tag("mime", NONE, null)
                .tag("handle", STRING, null));
        // RFC 5232 imap4flags
        add(Spec.command("setflag", "imap4flags").optional(STRING).pos(STRING_LIST));
        add(Spec.command("addflag", "imap4flags").optional(STRING).pos(STRING_LIST));
        add(Spec.command("removeflag", "imap4flags").optional(STRING).pos(STRING_LIST));
        add(Spec.test("hasflag", "imap4flags").matching().optional(STRING_LIST).pos(STRING_LIST));
        // RFC 5229 variables
        add(Spec.command("set", "variables").pos(STRING, STRING).names("name", "value")
                .tag("lower", NONE, null, "case").tag("upper", NONE, null, "case")
                .tag("lowerfirst", NONE, null, "casefirst").tag("upperfirst", NONE, null, "casefirst")
                .tag("quotewildcard", NONE, null, "quote").tag("quoteregex", NONE, "regex", "quote")
                .tag("encodeurl", NONE, "enotify", "quote").tag("length", NONE, null, "length"));
        add(Spec.test("string", "variables").matching().pos(STRING_LIST, STRING_LIST).names("source", "key list"));
        // RFC 5173 body
        add(Spec.test("body", "body").matching().pos(STRING_LIST).names("key list").tag("raw", NONE, null, "transform")
                .tag("content", STRING_LIST, null, "transform").tag("text", NONE, null, "transform"));
        // RFC 6609 include
        add(Spec.command("include", "include").pos(STRING).tag("personal", NONE, null, "location")
                .tag("global", NONE, null, "location").tag("once", NONE, null).tag("optional", NONE, null));
        add(Spec.command("return", "include"));
        add(Spec.command("global", "include").pos(STRING_LIST));
        // RFC 5490 mailbox (metadata is not enabled by default in Pigeonhole and not here)
        add(Spec.test("mailboxexists", "mailbox").pos(STRING_LIST).names("mailbox names"));
        // RFC 5260 date, index
        add(Spec.test("date", "date").matching().pos(STRING, STRING, STRING_LIST)
                .tag("zone", STRING, null, "zone").tag("originalzone", NONE, null, "zone")
                .tag("index", NUMBER, "index").tag("last", NONE, "index"));
        add(Spec.test("currentdate", "date").matching().pos(STRING, STRING_LIST).tag("zone", STRING, null));
        // RFC 5463 ihave
        add(Spec.test("ihave", "ihave").pos(STRING_LIST));
        add(Spec.command("error", "ihave").pos(STRING));
        // RFC 5435 enotify
        add(Spec.command("notify", "enotify").pos(STRING).tag("from", STRING, null)
                .tag("importance", STRING, null).tag("options", STRING_LIST, null).tag("message", STRING, null));
        add(Spec.test("valid_notify_method", "enotify").pos(STRING_LIST));
        add(Spec.test("notify_method_capability", "enotify").matching().pos(STRING, STRING, STRING_LIST));
        // RFC 5183 environment
        add(Spec.test("environment", "environment").matching().pos(STRING, STRING_LIST));
        // RFC 7352 duplicate
        add(Spec.test("duplicate", "duplicate").tag("handle", STRING, null).tag("header", STRING, null, "id")
                .tag("uniqueid", STRING, null, "id").tag("seconds", NUMBER, null).tag("last", NONE, null));
        // RFC 5703 foreverypart, extracttext
        add(Spec.command("foreverypart", "foreverypart").tag("name", STRING, null).block());
        add(Spec.command("break", "foreverypart").tag("name", STRING, null));
        add(Spec.command("extracttext", "extracttext").pos(STRING).tag("first", NUMBER, null)
                .tag("lower", NONE, null, "case").tag("upper", NONE, null, "case")
                .tag("lowerfirst", NONE, null, "casefirst").tag("upperfirst", NONE, null, "casefirst")
                .tag("quotewildcard", NONE, null, "quote").tag("quoteregex", NONE, "regex", "quote")
                .tag("length", NONE, null, "length"));
        // RFC 5293 editheader
        add(Spec.command("addheader", "editheader").pos(STRING, STRING).tag("last", NONE, null));
        add(Spec.command("deleteheader", "editheader").matching().pos(STRING).optional(STRING_LIST)
                .tag("index", NUMBER, null).tag("last", NONE, null));
        // RFC 5235 spamtest, spamtestplus, virustest
        add(Spec.test("spamtest", "spamtest").matching().pos(STRING).tag("percent", NONE, "spamtestplus"));
        add(Spec.test("virustest", "virustest").matching().pos(STRING));
    }

    private SpecTable() {}

    private static void add(Spec.Builder b) {
        Spec s = b.build();
        SPECS.put(s.name(), s);
    }

    public static Spec find(String name) {
        return SPECS.get(name);
    }
}

package org.loftmail.sieve.compile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.loftmail.sieve.syntax.Node;
import org.loftmail.sieve.syntax.Parser;
import org.loftmail.sieve.syntax.SyntaxException;

/**
 * Compiles Sieve scripts (RFC 5228) for a set of enabled extensions: lexer, parser, {@code require} validation and
 * every command's and test's arguments. The result is either a {@link SieveScript} to run, or the errors with line
 * and column, each printing as Pigeonhole does ({@code line 3: error: unknown command 'fileinto' (only reported
 * once at first occurrence).}). Thread-safe and cheap to create; compile once per script version.
 *
 * <p>ManageSieve's PUTSCRIPT/CHECKSCRIPT, {@code adm sieve check} and delivery all use this one entry point.
 */
public final class SieveCompiler {

    /** Pigeonhole's default sieve_max_script_size. */
    public static final long DEFAULT_MAX_SCRIPT_SIZE = 1024 * 1024;

    private final Set<String> enabled;
    private final long maxScriptSize;
    private final java.util.Map<String, Spec> extensionSpecs;

    /**
     * @param enabled extensions scripts may {@code require} (e.g. {@link SieveExtensions#defaults()})
     * @param maxScriptSize largest script in bytes (sieve_max_script_size); 0 for no limit
     */
    public SieveCompiler(Set<String> enabled, long maxScriptSize) {
        this(enabled, maxScriptSize, java.util.Map.of());
    }

    /**
     * With commands and tests of an extension outside the engine (the test-scope {@code vnd.dovecot.testsuite}),
     * whose names must be in {@code enabled}; the interpreter runs them through an {@link
     * org.loftmail.sieve.run.Interpreter.Extension}.
     */
    public SieveCompiler(Set<String> enabled, long maxScriptSize, java.util.Map<String, Spec> extensionSpecs) {
        this.enabled = Set.copyOf(enabled);
        this.maxScriptSize = maxScriptSize;
        this.extensionSpecs = java.util.Map.copyOf(extensionSpecs);
    }

    /** Pigeonhole's default extensions and size limit. */
    public SieveCompiler() {
        this(SieveExtensions.defaults(), DEFAULT_MAX_SCRIPT_SIZE);
    }

    public Set<String> enabled() {
        return enabled;
    }

    /** Compiles a script's bytes, which must be UTF-8 (RFC 5228 section 2.1). */
    public CompileResult compile(byte[] source) {
        if (maxScriptSize > 0 && source.length > maxScriptSize) {
            return tooLarge(source.length);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(source)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            return new CompileResult.Failed(List.of(new SieveError(line, 1, "script is not valid UTF-8")),
                    "parse");
        }
        return compileText(text, source.length);
    }

    /** Compiles a script given as text. */
    public CompileResult compile(String source) {
        long size = source.getBytes(StandardCharsets.UTF_8).length;
        if (maxScriptSize > 0 && size > maxScriptSize) {
            return tooLarge(size);
        }
        return compileText(source, size);
    }

    private CompileResult tooLarge(long size) {
        return new CompileResult.Failed(List.of(new SieveError(1, 1, "script is too large (" + size
                + " bytes; max script size is " + maxScriptSize + " bytes)")), "parse");
    }

    private CompileResult compileText(String text, long size) {
        List<Node> nodes;
        try {
            nodes = Parser.parse(text);
        } catch (SyntaxException e) {
            return new CompileResult.Failed(List.of(new SieveError(e.line(), e.column(), e.getMessage())),
                    "parse");
        }
        Validator v = new Validator(enabled, extensionSpecs);
        List<Instruction> commands = v.validateScript(nodes);
        if (!v.errors().isEmpty()) {
            return new CompileResult.Failed(v.errors(), "validation");
        }
        return new CompileResult.Compiled(new SieveScript(commands, v.required(), size));
    }
}

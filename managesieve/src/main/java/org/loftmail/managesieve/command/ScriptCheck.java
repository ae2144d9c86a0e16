package org.loftmail.managesieve.command;

import java.util.List;
import java.util.Optional;
import org.loftmail.managesieve.ManageSieveContext;
import org.loftmail.sieve.compile.CompileResult;
import org.loftmail.sieve.compile.SieveError;

/**
 * Compiles a script with the engine's compiler and, when it does not compile, answers {@code NO} with Pigeonhole's
 * report: at most {@code managesieve_max_compile_errors} errors, one {@code line N: error: …} per line, then
 * {@code error: validation failed.}, every line ending in CRLF, each prefixed with {@code NAME: } when the script has a
 * name (PUTSCRIPT, SETACTIVE; not CHECKSCRIPT), as Pigeonhole 0.5 sends it; being multi-line, it goes as a literal.
 */
final class ScriptCheck {

    private ScriptCheck() {}

    /** True when {@code script} compiles; otherwise the NO has been written. */
    static boolean compiles(ManageSieveContext ctx, byte[] script, Optional<String> name) {
        CompileResult result = ctx.compiler().compile(script);
        if (result instanceof CompileResult.Failed failed) {
            ctx.writer().no(report(failed, ctx.settings().maxCompileErrors(), name));
            return false;
        }
        return true;
    }

    static String report(CompileResult.Failed failed, long max, Optional<String> name) {
        String prefix = name.map(n -> ArgCheck.shown(n) + ": ").orElse("");
        List<SieveError> errors = failed.errors();
        StringBuilder b = new StringBuilder();
        int n = 0;
        for (SieveError e : errors) {
            if (max > 0 && n++ >= max) break;
            b.append(prefix).append(e).append("\r\n");
        }
        return b.append(prefix).append("error: ").append(failed.stage()).append(" failed.\r\n").toString();
    }

    /** The errors of a failed compile as one line each, for the log. */
    static Optional<String> firstError(CompileResult result) {
        return result instanceof CompileResult.Failed f && !f.errors().isEmpty()
                ? Optional.of(f.errors().get(0).toString()) : Optional.empty();
    }
}

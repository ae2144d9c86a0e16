package org.loftmail.sieve.compile;

import java.util.List;

/** What {@link SieveCompiler#compile} produced: a runnable script, or the errors, in script order. */
public sealed interface CompileResult {

    record Compiled(SieveScript script) implements CompileResult {}

    /**
     * The script does not compile. {@code stage} is "parse" when the grammar was broken and "validation" when
     * commands or arguments were wrong; Pigeonhole ends its report with {@code error: <stage> failed.}.
     */
    record Failed(List<SieveError> errors, String stage) implements CompileResult {
        public Failed {
            errors = List.copyOf(errors);
        }

        /** The full report, one error per line, then {@code error: <stage> failed.} as Pigeonhole prints it. */
        public String report() {
            StringBuilder b = new StringBuilder();
            for (SieveError e : errors) {
                b.append(e).append('\n');
            }
            return b.append("error: ").append(stage).append(" failed.").toString();
        }
    }

    default boolean ok() {
        return this instanceof Compiled;
    }
}

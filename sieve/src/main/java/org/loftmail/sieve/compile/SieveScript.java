package org.loftmail.sieve.compile;

import java.util.List;
import java.util.Set;

/**
 * A compiled script, immutable and safe to share between deliveries: its validated commands, the extensions it
 * requires, and its size in bytes. Compile once, run for every message (the delivery caches it until the file
 * changes).
 */
public record SieveScript(List<Instruction> commands, Set<String> required, long size) {

    public SieveScript {
        commands = List.copyOf(commands);
        required = Set.copyOf(required);
    }

    public boolean requires(String extension) {
        return required.contains(extension);
    }
}

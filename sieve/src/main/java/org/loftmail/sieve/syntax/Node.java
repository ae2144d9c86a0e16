package org.loftmail.sieve.syntax;

import java.util.List;

/**
 * A command or a test as parsed: its identifier (lower-cased; Sieve identifiers are case-insensitive), its
 * arguments, its tests, and for a command with a block the block's commands ({@code block} is null for a command
 * ending in ';' and for every test).
 */
public record Node(String name, List<Argument> arguments, List<Node> tests, List<Node> block, boolean testList,
        int line, int column) {

    public Node {
        arguments = List.copyOf(arguments);
        tests = List.copyOf(tests);
        block = block == null ? null : List.copyOf(block);
    }
}

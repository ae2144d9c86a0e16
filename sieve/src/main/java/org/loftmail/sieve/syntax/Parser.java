package org.loftmail.sieve.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 5228 section 8.2's grammar over {@link Lexer}'s tokens, producing {@link Node}s. Nesting of blocks and of
 * tests is bounded (Pigeonhole's limit is 32 for both), so a hostile script cannot exhaust the stack.
 */
public final class Parser {

    public static final int MAX_NESTING = 32;

    private final List<Token> tokens;
    private int pos;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The script's top-level commands. */
    public static List<Node> parse(String source) throws SyntaxException {
        Parser p = new Parser(Lexer.tokens(source));
        List<Node> commands = p.commands(0);
        Token t = p.peek();
        if (t.type() != Token.Type.EOF) {
            throw new SyntaxException("unexpected " + t.describe() + " found at (the presumed) end of file", t.line(),
                    t.column());
        }
        return commands;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token take() {
        return tokens.get(pos++);
    }

    private List<Node> commands(int depth) throws SyntaxException {
        List<Node> out = new ArrayList<>();
        while (peek().type() == Token.Type.IDENTIFIER) {
            out.add(command(depth));
        }
        return out;
    }

    private Node command(int depth) throws SyntaxException {
        Token id = take();
        List<Argument> args = arguments();
        Tests tests = tests(0);
        Token t = take();
        String name = id.text().toLowerCase(Locale.ROOT);
        if (t.type() == Token.Type.SEMICOLON) {
            return new Node(name, args, tests.tests, null, tests.list, id.line(), id.column());
        }
        if (t.type() == Token.Type.LBRACE) {
            if (depth + 1 > MAX_NESTING) {
                throw new SyntaxException("cannot nest command blocks deeper than " + MAX_NESTING + " levels",
                        t.line(), t.column());
            }
            List<Node> block = commands(depth + 1);
            Token close = take();
            if (close.type() != Token.Type.RBRACE) {
                throw new SyntaxException("expected end of compound block '}', but found " + close.describe(),
                        close.line(), close.column());
            }
            return new Node(name, args, tests.tests, block, tests.list, id.line(), id.column());
        }
        throw new SyntaxException("expected end of command ';' or the beginning of a compound block '{', but found "
                + t.describe(), t.line(), t.column());
    }

    private record Tests(List<Node> tests, boolean list) {}

    private Tests tests(int depth) throws SyntaxException {
        Token t = peek();
        if (t.type() == Token.Type.IDENTIFIER) {
            return new Tests(List.of(test(depth)), false);
        }
        if (t.type() != Token.Type.LPAREN) {
            return new Tests(List.of(), false);
        }
        take();
        List<Node> tests = new ArrayList<>();
        String after = "'('";
        while (true) {
            Token n = peek();
            if (n.type() != Token.Type.IDENTIFIER) {
                throw new SyntaxException("expecting test identifier after " + after + " in test list, but found "
                        + n.describe(), n.line(), n.column());
            }
            after = "','";
            tests.add(test(depth));
            Token sep = take();
            if (sep.type() == Token.Type.RPAREN) break;
            if (sep.type() != Token.Type.COMMA) {
                throw new SyntaxException("expecting ',' or end of test list ')', but found " + sep.describe(),
                        sep.line(), sep.column());
            }
        }
        return new Tests(tests, true);
    }

    private Node test(int depth) throws SyntaxException {
        Token id = take();
        if (depth + 1 > MAX_NESTING) {
            throw new SyntaxException("cannot nest tests deeper than " + MAX_NESTING + " levels", id.line(),
                    id.column());
        }
        List<Argument> args = arguments();
        Tests tests = tests(depth + 1);
        return new Node(id.text().toLowerCase(Locale.ROOT), args, tests.tests, null, tests.list, id.line(),
                id.column());
    }

    private List<Argument> arguments() throws SyntaxException {
        List<Argument> args = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.type()) {
                case STRING -> {
                    take();
                    args.add(new Argument.StringList(List.of(t.text()), false, t.line(), t.column()));
                }
                case NUMBER -> {
                    take();
                    args.add(new Argument.Number(t.number(), t.line(), t.column()));
                }
                case TAG -> {
                    take();
                    args.add(new Argument.Tag(t.text().toLowerCase(Locale.ROOT), t.line(), t.column()));
                }
                case LBRACKET -> args.add(stringList());
                default -> {
                    return args;
                }
            }
        }
    }

    private Argument stringList() throws SyntaxException {
        Token open = take();
        List<String> values = new ArrayList<>();
        String after = "'['";
        while (true) {
            Token s = take();
            if (s.type() != Token.Type.STRING) {
                throw new SyntaxException("expecting string after " + after + " in string list, but found "
                        + s.describe(), s.line(), s.column());
            }
            after = "','";
            values.add(s.text());
            Token sep = take();
            if (sep.type() == Token.Type.RBRACKET) break;
            if (sep.type() != Token.Type.COMMA) {
                throw new SyntaxException("expecting ',' or end of string list ']', but found " + sep.describe(),
                        sep.line(), sep.column());
            }
        }
        return new Argument.StringList(values, true, open.line(), open.column());
    }
}

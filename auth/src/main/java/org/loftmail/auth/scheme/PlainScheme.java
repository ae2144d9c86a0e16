package org.loftmail.auth.scheme;

import java.util.List;

/** PLAIN and CLEARTEXT: the password as it is (only as safe as the file that holds it). */
final class PlainScheme implements PasswordScheme {
    private final String name;
    private final List<String> aliases;

    PlainScheme(String name, List<String> aliases) {
        this.name = name;
        this.aliases = List.copyOf(aliases);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> aliases() {
        return aliases;
    }

    @Override
    public PasswordEncoding defaultEncoding() {
        return PasswordEncoding.NONE;
    }

    @Override
    public boolean verify(byte[] plain, byte[] raw, String user) {
        return ConstantTime.equal(plain, raw);
    }

    @Override
    public byte[] generate(byte[] plain, GenerateOptions options) {
        return plain.clone();
    }
}

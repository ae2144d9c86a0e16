package org.loftmail.transport;

/** What the frame decoder hands to a session's executor. */
sealed interface InputItem {

    /** Bytes this item holds, for input back-pressure. */
    int size();

    /** {@code pausing}: the decoder stopped after this line until the session says how to go on. */
    record Line(byte[] bytes, boolean pausing) implements InputItem {
        @Override
        public int size() {
            return bytes.length;
        }
    }

    record TooLong() implements InputItem {
        @Override
        public int size() {
            return 0;
        }
    }

    record Raw(byte[] bytes, boolean last) implements InputItem {
        @Override
        public int size() {
            return bytes.length;
        }
    }
}

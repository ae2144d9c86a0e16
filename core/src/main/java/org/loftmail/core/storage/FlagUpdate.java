package org.loftmail.core.storage;

import org.loftmail.core.mail.Flags;

/** A message whose flags are now {@code flags} at {@code modSeq}; {@code seq} is valid in the view right now. */
public record FlagUpdate(int seq, long uid, Flags flags, long modSeq) {}

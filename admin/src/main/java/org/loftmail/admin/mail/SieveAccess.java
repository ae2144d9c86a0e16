package org.loftmail.admin.mail;

import org.loftmail.sieve.compile.SieveCompiler;
import org.loftmail.sieve.store.SieveScriptStore;

/** A user's Sieve scripts as ManageSieve sees them, and the compiler a script must pass before it is stored. */
public record SieveAccess(SieveScriptStore store, SieveCompiler compiler) {}

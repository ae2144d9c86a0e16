package org.loftmail.smtp.server;

/** One command verb. The {@link CommandTable} has already checked the connection's state. */
@FunctionalInterface
public interface ServerCommand<C> {

    void execute(C context, String arguments);
}

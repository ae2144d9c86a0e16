package org.loftmail.core.storage.thread;

import java.util.List;

/**
 * One node of a thread tree: a message ({@code uid} above 0) or a placeholder for a message that is not in the
 * result (uid 0, RFC 5256's dummy), with its children in order.
 */
public record ThreadNode(long uid, List<ThreadNode> children) {
    public ThreadNode {
        children = List.copyOf(children);
    }
}

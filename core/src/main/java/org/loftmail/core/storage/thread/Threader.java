package org.loftmail.core.storage.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The THREAD algorithms of RFC 5256: ORDEREDSUBJECT (section 3, by base subject, then sent date) and REFERENCES
 * (section 3, the Message-ID/References algorithm: containers linked by the references, loops refused, duplicate
 * Message-IDs treated as absent, placeholders pruned, siblings and threads in sent-date order with the sequence
 * number breaking ties), and threads at the top with the same base subject gathered under one (step 5), as
 * Dovecot does.
 */
public final class Threader {

    private Threader() {}

    private static final Comparator<ThreadMessage> BY_DATE =
            Comparator.comparingLong(ThreadMessage::date).thenComparingLong(ThreadMessage::uid);

    /** ORDEREDSUBJECT: each base subject one thread, its earliest message the parent of the others. */
    public static List<ThreadNode> orderedSubject(List<ThreadMessage> messages) {
        Map<String, List<ThreadMessage>> bySubject = new LinkedHashMap<>();
        List<ThreadMessage> sorted = new ArrayList<>(messages);
        sorted.sort(BY_DATE);
        for (ThreadMessage m : sorted) bySubject.computeIfAbsent(m.baseSubject(), k -> new ArrayList<>()).add(m);
        List<ThreadNode> threads = new ArrayList<>();
        for (List<ThreadMessage> group : bySubject.values()) { // first-seen order is the date order of the roots
            List<ThreadNode> children = new ArrayList<>();
            for (ThreadMessage m : group.subList(1, group.size())) children.add(new ThreadNode(m.uid(), List.of()));
            threads.add(new ThreadNode(group.get(0).uid(), children));
        }
        return threads;
    }

    /** A container of the REFERENCES algorithm. */
    private static final class Container {
        ThreadMessage message;
        Container parent;
        final List<Container> children = new ArrayList<>();

        boolean isAncestorOf(Container c) {
            for (Container p = c; p != null; p = p.parent) if (p == this) return true;
            return false;
        }

        void setParent(Container p) {
            if (parent != null) parent.children.remove(this);
            parent = p;
            if (p != null) p.children.add(this);
        }
    }

    public static List<ThreadNode> references(List<ThreadMessage> messages) {
        Map<String, Container> byId = new HashMap<>();
        List<Container> all = new ArrayList<>();
        List<ThreadMessage> inOrder = new ArrayList<>(messages);
        inOrder.sort(Comparator.comparingLong(ThreadMessage::uid));
        for (ThreadMessage m : inOrder) {
            // (1A) the message's container; a duplicate or missing Message-ID gets a container of its own
            Container self = m.messageId() == null ? null : byId.get(m.messageId());
            if (self == null || self.message != null) {
                self = new Container();
                if (m.messageId() != null && !byId.containsKey(m.messageId())) byId.put(m.messageId(), self);
                all.add(self);
            }
            self.message = m;
            // (1B) link the references in order, never making a loop or moving one that has a parent
            Container prev = null;
            for (String ref : m.references()) {
                Container c = byId.computeIfAbsent(ref, k -> {
                    Container n = new Container();
                    all.add(n);
                    return n;
                });
                if (prev != null && c.parent == null && c != prev && !c.isAncestorOf(prev)) c.setParent(prev);
                prev = c;
            }
            // (1C) the last reference is the parent, replacing what was there, unless that makes a loop
            if (prev != null && (prev == self || self.isAncestorOf(prev))) prev = null;
            self.setParent(prev);
        }
        List<Tree> roots = new ArrayList<>();
        for (Container c : all) if (c.parent == null) roots.addAll(prune(c, true));
        roots = gatherBySubject(roots);
        List<ThreadNode> out = new ArrayList<>();
        for (Tree t : sorted(roots)) out.add(t.node());
        return out;
    }

    /** A thread tree while it is built: a message, or a placeholder (null message) with children. */
    private static final class Tree {
        final ThreadMessage message;
        final List<Tree> children = new ArrayList<>();
        long date;
        long uid;

        Tree(ThreadMessage message) {
            this.message = message;
        }

        boolean dummy() {
            return message == null;
        }

        /** Base subject of the thread: the message's, or its first child's for a placeholder. */
        ThreadMessage subjectSource() {
            return message != null ? message : children.isEmpty() ? null : children.get(0).subjectSource();
        }

        ThreadNode node() {
            List<ThreadNode> kids = new ArrayList<>();
            for (Tree t : children) kids.add(t.node());
            return new ThreadNode(message == null ? 0 : message.uid(), kids);
        }
    }

    /**
     * (4) pruning: a placeholder without children vanishes; one with children gives them to its parent, except at
     * the root when it has more than one. Returns what stands in the container's place.
     */
    private static List<Tree> prune(Container c, boolean atRoot) {
        List<Tree> kids = new ArrayList<>();
        for (Container child : c.children) kids.addAll(prune(child, false));
        if (c.message == null && (kids.isEmpty() || !atRoot || kids.size() == 1)) return kids;
        Tree t = new Tree(c.message);
        t.children.addAll(kids);
        return List.of(t);
    }

    /** (5) threads at the root with the same base subject are gathered, as RFC 5256 and Dovecot do. */
    private static List<Tree> gatherBySubject(List<Tree> roots) {
        Map<String, Tree> table = new HashMap<>();
        for (Tree t : roots) {
            ThreadMessage m = t.subjectSource();
            if (m == null || m.baseSubject().isEmpty()) continue;
            Tree old = table.get(m.baseSubject());
            if (old == null || (!old.dummy() && (t.dummy() || (old.message.replyOrForward() && !m.replyOrForward())))) {
                table.put(m.baseSubject(), t);
            }
        }
        List<Tree> out = new ArrayList<>();
        java.util.Set<Tree> removed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Map<Tree, Tree> replacedBy = new java.util.IdentityHashMap<>();
        for (Tree t : roots) {
            ThreadMessage m = t.subjectSource();
            Tree other = m == null || m.baseSubject().isEmpty() ? null : table.get(m.baseSubject());
            if (other == null || other == t) continue;
            if (t.dummy() && other.dummy()) {
                other.children.addAll(t.children);
                removed.add(t);
            } else if (other.dummy() || (m.replyOrForward() && !other.subjectSource().replyOrForward())) {
                other.children.add(t);
                removed.add(t);
            } else {
                Tree dummy = new Tree(null);
                dummy.children.add(other);
                dummy.children.add(t);
                removed.add(t);
                replacedBy.put(other, dummy);
                table.put(m.baseSubject(), dummy);
            }
        }
        for (Tree t : roots) {
            if (removed.contains(t)) continue;
            Tree r = t;
            while (replacedBy.containsKey(r)) r = replacedBy.get(r);
            if (!out.contains(r)) out.add(r);
        }
        return out;
    }

    /** (6) siblings in sent-date order, ties by UID; a placeholder dates from its first child. */
    private static List<Tree> sorted(List<Tree> trees) {
        for (Tree t : trees) {
            List<Tree> kids = sorted(t.children);
            t.children.clear();
            t.children.addAll(kids);
            if (t.message != null) {
                t.date = t.message.date();
                t.uid = t.message.uid();
            } else {
                t.date = t.children.get(0).date;
                t.uid = t.children.get(0).uid;
            }
        }
        List<Tree> out = new ArrayList<>(trees);
        out.sort(Comparator.comparingLong((Tree t) -> t.date).thenComparingLong(t -> t.uid));
        return out;
    }
}

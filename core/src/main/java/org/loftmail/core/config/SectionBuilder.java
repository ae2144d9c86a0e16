package org.loftmail.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A section while it is being parsed; same-named sections reopen the same builder. */
final class SectionBuilder {

    final String type;
    final String name;
    final SourceLocation location;
    final SectionDefinition definition; // null in untyped files
    final Filter filter; // the combined filter for filter blocks and the top level, else null
    final Map<String, ConfigValue> settings = new LinkedHashMap<>();
    /** For sections of unsupported types: accepted while empty, an error once anything is put in them. */
    boolean unsupported;
    private final List<SectionBuilder> children = new ArrayList<>();
    private final Map<String, SectionBuilder> byKey = new HashMap<>();

    SectionBuilder(String type, String name, SourceLocation location, SectionDefinition definition, Filter filter) {
        this.type = type;
        this.name = name;
        this.location = location;
        this.definition = definition;
        this.filter = filter;
    }

    /** The child with this merge key, or a new one made by {@code create}. */
    SectionBuilder child(String mergeKey, java.util.function.Supplier<SectionBuilder> create) {
        if (mergeKey != null) {
            SectionBuilder existing = byKey.get(mergeKey);
            if (existing != null) {
                return existing;
            }
        }
        SectionBuilder made = create.get();
        children.add(made);
        if (mergeKey != null) {
            byKey.put(mergeKey, made);
        }
        return made;
    }

    void set(String key, ConfigValue value) {
        settings.remove(key); // a later assignment counts as written there
        settings.put(key, value);
    }

    boolean isFilterScope() {
        return definition != null && (definition.isFilter() || definition.type().isEmpty());
    }

    ConfigSection build() {
        List<ConfigSection> built = new ArrayList<>();
        for (SectionBuilder c : children) {
            built.add(c.build());
        }
        return new ConfigSection(type, name, location, settings, built, definition != null);
    }
}

package org.loftmail.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SystemIdsTest {
    @Test
    void numbersAreTakenLiterally() {
        assertEquals(5000L, SystemIds.uid("5000"));
        assertEquals(4294967295L, SystemIds.gid("4294967295"));
    }

    @Test
    void namesResolveAndRepeatedLookupsGiveTheSameId() {
        assertEquals(0L, SystemIds.uid("root"));
        assertEquals(0L, SystemIds.uid("root"));
        assertEquals(0L, SystemIds.gid("root"));
        assertEquals(0L, SystemIds.gid("root"));
    }

    @Test
    void unknownNamesFailEveryTime() {
        assertThrows(IllegalArgumentException.class, () -> SystemIds.uid("no-such-user-loft"));
        assertThrows(IllegalArgumentException.class, () -> SystemIds.uid("no-such-user-loft"));
        assertThrows(IllegalArgumentException.class, () -> SystemIds.gid("no-such-group-loft"));
    }
}

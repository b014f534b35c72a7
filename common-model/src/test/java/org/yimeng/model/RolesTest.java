package org.yimeng.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class RolesTest {
    @Test
    void everyRoleHasAConstantOfItsOwnNameAndNothingElseDoes() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>();
        for (Field f : Roles.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                assertEquals(f.getName(), f.get(null), "Roles." + f.getName());
                constants.add((String) f.get(null));
            }
        }
        assertEquals(Arrays.stream(Role.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)),
                constants);
    }
}

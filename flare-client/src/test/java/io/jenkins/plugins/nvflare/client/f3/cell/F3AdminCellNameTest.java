package io.jenkins.plugins.nvflare.client.f3.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cases follow admin_name_utils.is_valid_admin_client_name (uuid.UUID(version=4) + hex comparison). */
class F3AdminCellNameTest {

    @Test
    void randomNamesAreValidAndUnique() {
        String a = AdminCellName.random();
        assertTrue(a.matches("_admin_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), a);
        assertTrue(AdminCellName.isValid(a));
        assertNotEquals(a, AdminCellName.random());
    }

    @Test
    void formatsAGivenUuid() {
        UUID u = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertEquals("_admin_0f8fad5b-d9cb-469f-a165-70867728950e", AdminCellName.of(u));
        assertThrows(
                IllegalArgumentException.class,
                () -> AdminCellName.of(UUID.fromString("0f8fad5b-d9cb-169f-a165-70867728950e")));
    }

    @Test
    void acceptsWhatPythonAccepts() {
        assertTrue(AdminCellName.isValid("_admin_0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertTrue(AdminCellName.isValid("_admin_0f8fad5bd9cb469fa16570867728950e"), "dashes are optional");
    }

    @Test
    void rejectsWhatPythonRejects() {
        assertFalse(AdminCellName.isValid(null));
        assertFalse(AdminCellName.isValid("admin@nvidia.com"));
        assertFalse(AdminCellName.isValid("_admin_"));
        assertFalse(AdminCellName.isValid("_admin_0F8FAD5B-D9CB-469F-A165-70867728950E"), "upper case hex");
        assertFalse(AdminCellName.isValid("_admin_0f8fad5b-d9cb-169f-a165-70867728950e"), "version 1");
        assertFalse(AdminCellName.isValid("_admin_0f8fad5b-d9cb-469f-c165-70867728950e"), "wrong variant");
        assertFalse(AdminCellName.isValid("_admin_{0f8fad5b-d9cb-469f-a165-70867728950e}"), "braces");
        assertFalse(AdminCellName.isValid("_admin_0f8fad5b-d9cb-469f-a165-70867728950"), "too short");
    }
}

package com.llmlogprocessor.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTest {
    static String principal(String... roles) {
        StringBuilder claims = new StringBuilder();
        for (String r : roles) {
            claims.append(claims.isEmpty() ? "" : ",").append("{\"typ\":\"roles\",\"val\":\"").append(r).append("\"}");
        }
        String json = "{\"auth_typ\":\"aad\",\"name_typ\":\"name\",\"role_typ\":\"roles\",\"claims\":[" + claims + "]}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenAppServiceAuthOff_thenEverythingReadableAndHeaderIgnored() {
        assertThat(Access.of(false, Map.of())).isEqualTo(Access.CONTENT);
        assertThat(Access.of(false, Map.of("X-MS-CLIENT-PRINCIPAL", principal()))).isEqualTo(Access.CONTENT);
    }

    @Test
    void givenAppServiceAuthOn_thenRolesDecide() {
        assertThat(Access.of(true, Map.of())).isEqualTo(Access.NONE);
        assertThat(Access.of(true, Map.of("x-ms-client-principal", principal()))).isEqualTo(Access.NONE);
        assertThat(Access.of(true, Map.of("X-MS-CLIENT-PRINCIPAL", principal(Access.READ)))).isEqualTo(Access.METADATA);
        assertThat(Access.of(true, Map.of("X-MS-CLIENT-PRINCIPAL", principal(Access.READ, Access.READ_CONTENT))))
                .isEqualTo(Access.CONTENT);
        // ReadContent alone is not Read
        assertThat(Access.of(true, Map.of("X-MS-CLIENT-PRINCIPAL", principal(Access.READ_CONTENT)))).isEqualTo(Access.NONE);
        assertThat(Access.of(true, Map.of("X-MS-CLIENT-PRINCIPAL", "not base64 %%%"))).isEqualTo(Access.NONE);
    }
}

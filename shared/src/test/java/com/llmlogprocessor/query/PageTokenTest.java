package com.llmlogprocessor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageTokenTest {

    @Test
    void givenToken_thenRoundTripsAndIsUrlSafe() {
        PageToken t = new PageToken("2026-01-05T10:00:00.1234567Z", "id|with|bars é 😀");
        String encoded = t.encode();
        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(PageToken.decode(encoded)).isEqualTo(t);
    }

    @Test
    void givenAbsentToken_thenNull() {
        assertThat(PageToken.decode(null)).isNull();
        assertThat(PageToken.decode(" ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-base64!!", "' OR 1=1 --", "eyJ9", "%00", "AAAA"})
    void givenGarbage_thenContinuationTokenIsNamed(String bad) {
        assertThatThrownBy(() -> PageToken.decode(bad))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.parameter()).isEqualTo("continuationToken"));
    }

    @Test
    void givenWellEncodedButWrongContent_thenRejected() {
        for (String plain : new String[] {"k1|yesterday|id", "k2|2026-01-05T10:00:00.1234567Z|id", "k1|2026-01-05T10:00:00.1234567Z|",
                "k1|2026-01-05T10:00:00.1234567Z", "k1|2026-01-05T10:00:00Z|id"}) {
            String token = Base64.getUrlEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> PageToken.decode(token)).as(plain).isInstanceOf(InvalidParameterException.class);
        }
        String invalidUtf8 = Base64.getUrlEncoder().encodeToString(new byte[] {'k', '1', '|', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> PageToken.decode(invalidUtf8)).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> PageToken.decode("A".repeat(2000))).isInstanceOf(InvalidParameterException.class);
    }
}

package com.llmlogprocessor.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensitiveDataScannerTest {

    private final ContentClassifier classifier = new ContentClassifier(ClassifierConfig.defaults());

    @Test
    void givenIbanFollowedByAnotherNumberGroup_thenOnlyTheIbanIsRedacted() {
        assertThat(classifier.redact("pay DE89 3704 0044 0532 0130 00 1234 EUR"))
                .isEqualTo("pay [IBAN] 1234 EUR");
    }

    @Test
    void givenConnectionStringInProse_thenProseBeforeAndAfterSurvives() {
        assertThat(classifier.redact("my conn string is Data Source=db01;User Id=sa;Password=P@ssw0rd123; and it fails"))
                .isEqualTo("my conn string is [CONNECTION_STRING] and it fails");
        assertThat(classifier.redact("use Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=a;"
                + "SharedAccessKey=QUJDREVGR0hJSktMTU5PUFFSU1RVVldY= now"))
                .isEqualTo("use [CONNECTION_STRING] now");
    }

    @Test
    void givenLabelledKey_thenOnlyTheValueIsRedacted() {
        assertThat(classifier.redact("\"api-key\": \"0123456789abcdef0123456789abcdef\""))
                .isEqualTo("\"api-key\": \"[API_KEY]\"");
        assertThat(classifier.redact("AZURE_OPENAI_API_KEY=9f8e7d6c5b4a39281716a5b4c3d2e1f0"))
                .isEqualTo("AZURE_OPENAI_API_KEY=[API_KEY]");
    }

    @Test
    void givenRejectedLabelCandidate_thenKeyBehindItIsStillFound() {
        assertThat(classifier.sensitiveTypes("access key id AKIAZ7Q3X5V8B2N4M6L1")).containsExactly(SensitiveType.API_KEY);
    }

    @Test
    void givenHashesAndUuidsWithoutLabel_thenNothing() {
        assertThat(classifier.sensitiveTypes(
                "id 123e4567-e89b-12d3-a456-426614174000 sha256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 "
                        + "md5 0cc175b9c0f1b6a831c399e269772661"))
                .isEmpty();
    }

    @Test
    void givenCardNumbersThatFailLuhnOrIssuer_thenNothing() {
        assertThat(classifier.sensitiveTypes("4111 1111 1111 1112, 1234 5678 9012 3452, 4111-1111 1111-1111")).isEmpty();
        assertThat(classifier.sensitiveTypes("4111 1111 1111 1111")).containsExactly(SensitiveType.CREDIT_CARD);
    }

    @Test
    void givenSsnRanges_thenOnlyIssuableOnesFlagged() {
        assertThat(classifier.sensitiveTypes("536-22-1234")).containsExactly(SensitiveType.SSN);
        for (String bad : new String[] {"000-22-1234", "666-22-1234", "912-22-1234", "536-00-1234", "536-22-0000"}) {
            assertThat(classifier.sensitiveTypes(bad)).as(bad).isEmpty();
        }
    }
}

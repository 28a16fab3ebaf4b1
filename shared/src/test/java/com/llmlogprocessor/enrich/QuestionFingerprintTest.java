package com.llmlogprocessor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmlogprocessor.classify.ClassifierConfig;
import com.llmlogprocessor.classify.ContentClassifier;
import com.llmlogprocessor.conversation.ChatText;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionFingerprintTest {

    private final ContentClassifier classifier = new ContentClassifier(ClassifierConfig.defaults());

    private Question q(String text) {
        return QuestionFingerprint.ofText(text, classifier).orElseThrow();
    }

    @Test
    void givenParaphrasePairs_thenSameFingerprint() {
        List<List<String>> pairs = List.of(
                List.of("How do I reset my password?", "how can i reset my password"),
                List.of("How do I reset my password?", "How to reset the password"),
                List.of("What's the refund policy?", "what is your refund policy"),
                List.of("Can you summarise this document for me, please?", "Summarize this document"),
                List.of("How do I delete my account?", "How can I delete accounts?"),
                List.of("Why is my invoice wrong?!", "why  is  the invoice wrong"),
                List.of("Password reset: how?", "How do I reset my password?"));
        for (List<String> p : pairs) {
            assertThat(q(p.get(0)).fingerprint()).as(p.toString()).isEqualTo(q(p.get(1)).fingerprint());
        }
    }

    @Test
    void givenDifferentQuestions_thenDifferentFingerprints() {
        List<String> questions = List.of("How do I reset my password?", "How do I delete my account?",
                "What is the refund policy?", "Why is my invoice wrong?", "How do I change my email address?",
                "Where can I download my invoice?", "Why can't I reset my password?");
        assertThat(questions.stream().map(t -> q(t).fingerprint()).distinct()).hasSize(questions.size());
    }

    @Test
    void givenLastUserMessage_thenItIsTheQuestionNormalisedAndRedacted() {
        List<ChatText> request = List.of(
                new ChatText("system", "You are support."),
                new ChatText("user", "Hello"),
                new ChatText("assistant", "Hi! How can I help?"),
                new ChatText("user", "  Why did John.Doe@Example.com   get a 404   error?! "));

        Question question = QuestionFingerprint.of(request, classifier).orElseThrow();

        assertThat(question.text()).isEqualTo("why did [EMAIL] get a 404 error");
        assertThat(question.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(question.text()).doesNotContainIgnoringCase("john");
    }

    @Test
    void givenQuestionsAboutDifferentPeople_thenRedactionGroupsThem() {
        assertThat(q("Reset the password for alice@contoso.com").fingerprint())
                .isEqualTo(q("reset password for bob@fabrikam.org").fingerprint());
    }

    @Test
    void givenNoUserText_thenEmpty() {
        assertThat(QuestionFingerprint.of(List.of(new ChatText("system", "x")), classifier)).isEmpty();
        assertThat(QuestionFingerprint.of(List.of(new ChatText("user", " ?! ")), classifier)).isEmpty();
        assertThat(QuestionFingerprint.of(List.of(), classifier)).isEmpty();
    }

    @Test
    void givenLongText_thenReadableTextCappedAt300() {
        Question question = q("please explain ".repeat(200));
        assertThat(question.text().length()).isLessThanOrEqualTo(300);
    }

    @Test
    void givenNearDuplicates_thenSimhashCloserThanForUnrelatedQuestions() {
        long a = q("How do I configure the retry policy for the Event Hub trigger in Azure Functions?").simhash();
        long b = q("How do I configure a retry policy for an Event Hub trigger in Azure Functions").simhash();
        long c = q("What is the capital of France and how many people live there?").simhash();

        assertThat(QuestionFingerprint.hamming(a, b)).isLessThan(QuestionFingerprint.hamming(a, c));
        assertThat(QuestionFingerprint.hamming(a, b)).isLessThanOrEqualTo(6);
        assertThat(QuestionFingerprint.hamming(a, a)).isZero();
    }
}

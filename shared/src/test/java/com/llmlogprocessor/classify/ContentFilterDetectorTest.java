package com.llmlogprocessor.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentFilterDetectorTest {

    /** Azure OpenAI's answer to a blocked prompt (HTTP 400). */
    static final String BLOCKED_PROMPT = """
            {"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
              "type":null,"param":"prompt","code":"content_filter","status":400,
              "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{
                "hate":{"filtered":false,"severity":"safe"},
                "jailbreak":{"filtered":true,"detected":true},
                "self_harm":{"filtered":false,"severity":"safe"},
                "sexual":{"filtered":false,"severity":"safe"},
                "violence":{"filtered":true,"severity":"medium"}}}}}
            """;

    /** A 200 answer whose prompt passed with annotations and whose completion was cut by the filter. */
    static final String FILTERED_COMPLETION = """
            {"id":"chatcmpl-9x","object":"chat.completion","model":"gpt-4o-2024-11-20",
             "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{
                "hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false},
                "self_harm":{"filtered":false,"severity":"low"},"sexual":{"filtered":false,"severity":"safe"},
                "violence":{"filtered":false,"severity":"safe"}}}],
             "choices":[{"index":0,"finish_reason":"content_filter","message":{"role":"assistant","content":null},
                "content_filter_results":{"hate":{"filtered":false,"severity":"safe"},
                  "protected_material_text":{"filtered":false,"detected":false},
                  "self_harm":{"filtered":false,"severity":"safe"},
                  "sexual":{"filtered":true,"severity":"high"},
                  "violence":{"filtered":false,"severity":"low"}}}],
             "usage":{"prompt_tokens":12,"completion_tokens":40,"total_tokens":52}}
            """;

    static final String CLEAN = """
            {"id":"chatcmpl-1","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi"},
              "content_filter_results":{"hate":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"}}}],
             "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"},
               "custom_blocklists":{"filtered":false,"details":[]}}}]}
            """;

    @Test
    void givenBlockedPrompt400_thenOneRequestFlagPerFilteredCategoryWithSeverity() {
        List<Flag> flags = ContentFilterDetector.detect(400, BLOCKED_PROMPT);

        assertThat(flags).containsExactly(
                new Flag("security", "content_filtered", "request", 1, null, "jailbreak:detected"),
                new Flag("security", "content_filtered", "request", 1, null, "violence:medium"));
    }

    @Test
    void givenFilteredChoice_thenResponseFlag_andUnfilteredPromptAnnotationsIgnored() {
        assertThat(ContentFilterDetector.detect(200, FILTERED_COMPLETION))
                .containsExactly(new Flag("security", "content_filtered", "response", 1, null, "sexual:high"));
    }

    @Test
    void givenFilteredPromptResult_thenRequestFlag() {
        String body = """
                {"prompt_filter_results":[{"prompt_index":0,"content_filter_results":{
                  "hate":{"filtered":true,"severity":"high"},
                  "custom_blocklists":{"filtered":true,"details":[{"filtered":true,"id":"CompetitorNames"}]}}}],
                 "choices":[]}
                """;
        assertThat(ContentFilterDetector.detect(200, body)).containsExactly(
                new Flag("security", "content_filtered", "request", 1, null, "custom_blocklists:blocked"),
                new Flag("security", "content_filtered", "request", 1, null, "hate:high"));
    }

    @Test
    void givenNothingFiltered_orNoBody_orGarbage_thenNoFlags() {
        assertThat(ContentFilterDetector.detect(200, CLEAN)).isEmpty();
        assertThat(ContentFilterDetector.detect(200)).isEmpty();
        assertThat(ContentFilterDetector.detect(null, (String) null, "", "not json", "{\"choices\":[{\"content_filter")).isEmpty();
        assertThat(ContentFilterDetector.detect(429, "{\"error\":{\"code\":\"429\",\"message\":\"Rate limit\"}}")).isEmpty();
    }

    @Test
    void givenSameResponseLoggedAsResponseAndBackendBody_thenCountedOnce() {
        assertThat(ContentFilterDetector.detect(200, FILTERED_COMPLETION, FILTERED_COMPLETION))
                .singleElement().extracting(Flag::count).isEqualTo(1);
    }

    @Test
    void givenErrorWithoutDetails_thenUnspecifiedRequestFlag() {
        String body = "{\"error\":{\"code\":\"content_filter\",\"message\":\"filtered\",\"status\":400}}";
        assertThat(ContentFilterDetector.detect(400, body))
                .containsExactly(new Flag("security", "content_filtered", "request", 1, null, "unspecified:blocked"));
    }

    @Test
    void givenStreamedBody_thenChunksAreInspected() {
        String sse = """
                data: {"choices":[],"prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

                data: {"choices":[{"index":0,"delta":{"content":"Once"},"content_filter_results":{}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"content_filter","content_filter_results":{"violence":{"filtered":true,"severity":"high"}}}]}

                data: [DONE]
                """;
        assertThat(ContentFilterDetector.detect(200, sse))
                .containsExactly(new Flag("security", "content_filtered", "response", 1, null, "violence:high"));
    }
}

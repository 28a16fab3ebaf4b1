package com.llmlogprocessor.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** openapi.json documents every HTTP route of the function classes with its parameters, and nothing else. */
class OpenApiRoutesTest {
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}:]+)(?::[^}]*)?}");
    /** Every function class of the app; a new HTTP function class must be listed here. */
    private static final Class<?>[] FUNCTION_CLASSES = {LookupFunctions.class, IngestFunction.class, SweepFunction.class};

    private final JsonNode spec = read();

    @Test
    void givenEveryHttpTrigger_thenOpenApiHasTheRouteWithItsParameters_andViceVersa() {
        Map<String, Set<String>> fromCode = new TreeMap<>();
        for (Class<?> type : FUNCTION_CLASSES) {
            for (Method m : type.getDeclaredMethods()) {
                if (m.getAnnotation(FunctionName.class) == null) {
                    continue;
                }
                for (Parameter p : m.getParameters()) {
                    HttpTrigger t = p.getAnnotation(HttpTrigger.class);
                    if (t != null) {
                        Set<String> params = new TreeSet<>(LookupFunctions.QUERY_PARAMETERS.get(t.route()));
                        Matcher v = PATH_VARIABLE.matcher(t.route());
                        while (v.find()) {
                            params.add(v.group(1));
                        }
                        fromCode.put("/" + PATH_VARIABLE.matcher(t.route()).replaceAll("{$1}"), params);
                    }
                }
            }
        }
        Map<String, Set<String>> fromSpec = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = spec.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            assertThat(path.getValue().has("get")).as(path.getKey() + " is a GET").isTrue();
            Set<String> params = new TreeSet<>();
            path.getValue().path("get").path("parameters").forEach(p -> params.add(p.path("name").asText()));
            fromSpec.put(path.getKey(), params);
        }
        assertThat(fromCode).isNotEmpty();
        assertThat(fromSpec).isEqualTo(fromCode);
    }

    @Test
    void givenLookupRoutes_thenAllNeedAFunctionKeyExceptHealth() throws Exception {
        for (Method m : LookupFunctions.class.getDeclaredMethods()) {
            for (Parameter p : m.getParameters()) {
                HttpTrigger t = p.getAnnotation(HttpTrigger.class);
                if (t != null) {
                    assertThat(t.authLevel()).as(t.route())
                            .isEqualTo(t.route().equals("health") ? AuthorizationLevel.ANONYMOUS : AuthorizationLevel.FUNCTION);
                }
            }
        }
        assertThat(spec.at("/paths/~1health/get/security").isArray()).isTrue();
        assertThat(spec.at("/paths/~1health/get/security")).isEmpty();
    }

    @Test
    void givenOpenApiDocument_thenItIsOpenApi3AndEveryRefResolves() {
        assertThat(spec.path("openapi").asText()).startsWith("3.");
        String text = spec.toString();
        Matcher ref = Pattern.compile("\"\\$ref\":\"#/components/schemas/([A-Za-z]+)\"").matcher(text);
        while (ref.find()) {
            assertThat(spec.at("/components/schemas/" + ref.group(1)).isMissingNode()).as(ref.group(1)).isFalse();
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(LookupFunctions.OpenApi.TEXT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

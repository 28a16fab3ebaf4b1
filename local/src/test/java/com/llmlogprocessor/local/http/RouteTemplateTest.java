package com.llmlogprocessor.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    @Test
    void givenLiteralAndParameterSegments_thenMatchesAndDecodes() {
        RouteTemplate t = RouteTemplate.parse("conversations/{correlationId}");
        assertThat(t.parameterNames()).containsExactly("correlationId");
        assertThat(t.match("/conversations/abc-123")).contains(Map.of("correlationId", "abc-123"));
        assertThat(t.match("/Conversations/abc/")).contains(Map.of("correlationId", "abc"));
        assertThat(t.match("/conversations/a%20b%2Fc")).contains(Map.of("correlationId", "a b/c"));
        assertThat(t.match("/conversations/a+b")).contains(Map.of("correlationId", "a+b"));
        assertThat(t.match("/conversations")).isEmpty();
        assertThat(t.match("/conversations/")).isEmpty();
        assertThat(t.match("/conversations/a/b")).isEmpty();
        assertThat(t.match("/usage/a")).isEmpty();
    }

    @Test
    void givenLiteralsOnly_thenExactSegments() {
        RouteTemplate t = RouteTemplate.parse("/questions/top");
        assertThat(t.match("/questions/top")).contains(Map.of());
        assertThat(t.match("questions/TOP")).contains(Map.of());
        assertThat(t.match("/questions")).isEmpty();
        assertThat(t.match("/questions/top/x")).isEmpty();
        assertThat(RouteTemplate.parse("health").match("/health")).contains(Map.of());
    }

    @Test
    void givenOptionalConstrainedAndCatchAll_thenHostSemantics() {
        RouteTemplate optional = RouteTemplate.parse("items/{id?}");
        assertThat(optional.match("/items")).contains(Map.of());
        assertThat(optional.match("/items/7")).contains(Map.of("id", "7"));

        RouteTemplate constrained = RouteTemplate.parse("items/{id:int}");
        assertThat(constrained.match("/items/42")).contains(Map.of("id", "42"));
        assertThat(constrained.match("/items/x")).isEmpty();
        assertThat(RouteTemplate.parse("g/{id:guid}").match("/g/7b0c1e2a-1111-4222-8333-444455556666")).isPresent();

        RouteTemplate catchAll = RouteTemplate.parse("files/{*path}");
        assertThat(catchAll.match("/files/a/b/c.json")).contains(Map.of("path", "a/b/c.json"));
        assertThat(catchAll.match("/files")).contains(Map.of("path", ""));

        assertThatThrownBy(() -> RouteTemplate.parse("a/{*rest}/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteTemplate.parse("a/x{id}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenOverlappingTemplates_thenMoreSpecificSortsFirst() {
        List<RouteTemplate> ts = new ArrayList<>(List.of(
                RouteTemplate.parse("conversations/{id}"),
                RouteTemplate.parse("{*any}"),
                RouteTemplate.parse("conversations/top"),
                RouteTemplate.parse("conversations/{id:int}"),
                RouteTemplate.parse("conversations")));
        ts.sort(null);
        assertThat(ts).extracting(RouteTemplate::template).containsExactly(
                "conversations/top", "conversations/{id:int}", "conversations/{id}", "conversations", "{*any}");
    }
}

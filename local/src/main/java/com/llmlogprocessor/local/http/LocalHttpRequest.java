package com.llmlogprocessor.local.http;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link HttpRequestMessage} built outside the Functions host: what the local host hands to
 * the real HTTP function classes, and what tests call them with. Header names are matched
 * case-insensitively, as the host does.
 */
public final class LocalHttpRequest implements HttpRequestMessage<Optional<String>> {
    private final HttpMethod method;
    private final URI uri;
    private final Map<String, String> headers;
    private final Map<String, String> query;
    private final String body;

    public LocalHttpRequest(HttpMethod method, URI uri, Map<String, String> headers, Map<String, String> query, String body) {
        this.method = method;
        this.uri = uri;
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = Collections.unmodifiableMap(h);
        this.query = Map.copyOf(query);
        this.body = body;
    }

    public static LocalHttpRequest get(String pathAndQuery) {
        return get(pathAndQuery, Map.of());
    }

    /** A GET of {@code /api/...?...} (query string decoded). */
    public static LocalHttpRequest get(String pathAndQuery, Map<String, String> headers) {
        URI uri = URI.create("http://localhost" + pathAndQuery);
        return new LocalHttpRequest(HttpMethod.GET, uri, headers, QueryStrings.parse(uri.getRawQuery()), null);
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public Optional<String> getBody() {
        return Optional.ofNullable(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new LocalHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new LocalHttpResponse.Builder(status);
    }

    @Override
    public String toString() {
        return method.name().toUpperCase(Locale.ROOT) + " " + uri.getRawPath();
    }
}

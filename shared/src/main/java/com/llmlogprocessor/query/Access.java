package com.llmlogprocessor.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmlogprocessor.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a caller may see. When App Service authentication is on ({@code WEBSITE_AUTH_ENABLED}),
 * the platform authenticates every request and passes the principal in the
 * {@code X-MS-CLIENT-PRINCIPAL} header (base64 JSON; clients cannot forge it, the platform strips
 * it from incoming requests): {@value #READ} is needed for anything, {@value #READ_CONTENT}
 * additionally for prompt/response text. Without App Service authentication the function key is
 * the only gate and the header is ignored (anyone could send it), so everything is readable.
 */
public enum Access {
    /** Not allowed to read (403). */
    NONE,
    /** Metadata only: texts are omitted as with {@code content=false}. */
    METADATA,
    /** Metadata and prompt/response text. */
    CONTENT;

    public static final String READ = "LlmLogs.Read";
    public static final String READ_CONTENT = "LlmLogs.ReadContent";
    public static final String PRINCIPAL_HEADER = "X-MS-CLIENT-PRINCIPAL";

    public boolean canRead() {
        return this != NONE;
    }

    public boolean canReadContent() {
        return this == CONTENT;
    }

    /** {@code headers} matched case-insensitively. */
    public static Access of(boolean appServiceAuth, Map<String, String> headers) {
        if (!appServiceAuth) {
            return CONTENT;
        }
        String header = null;
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (PRINCIPAL_HEADER.equalsIgnoreCase(e.getKey())) {
                header = e.getValue();
            }
        }
        Set<String> roles = roles(header);
        if (!roles.contains(READ)) {
            return NONE;
        }
        return roles.contains(READ_CONTENT) ? CONTENT : METADATA;
    }

    /** App roles in the principal: claims of type {@code roles} (or the long role claim type). */
    static Set<String> roles(String header) {
        Set<String> roles = new HashSet<>();
        if (header == null || header.isBlank() || header.length() > 64 * 1024) {
            return roles;
        }
        try {
            JsonNode p = Json.MAPPER.readTree(new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8));
            String roleType = p.path("role_typ").asText("roles");
            for (JsonNode c : p.path("claims")) {
                String typ = c.path("typ").asText("");
                if (typ.equals("roles") || typ.equals(roleType)
                        || typ.equals("http://schemas.microsoft.com/ws/2008/06/identity/claims/role")) {
                    roles.add(c.path("val").asText(""));
                }
            }
        } catch (Exception e) {
            // An unreadable principal has no roles.
            roles.clear();
        }
        return roles;
    }
}

package com.llmlogprocessor.query;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Keyset continuation token: the (timestamp, id) of the last item of a page, base64url-encoded.
 * The next page asks for items strictly after it in (timestamp DESC, id DESC) order, so pages never
 * overlap or skip, whatever was written in between, and the token does not depend on the SDK's
 * internal token format or the container's partition layout.
 */
public record PageToken(String timestamp, String id) {
    private static final String VERSION = "k1";
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z");
    private static final int MAX_TOKEN_CHARS = 1024;

    public PageToken {
        if (timestamp == null || !TIMESTAMP.matcher(timestamp).matches() || id == null || id.isEmpty() || id.length() > 255) {
            throw new InvalidParameterException("continuationToken", "malformed");
        }
    }

    public String encode() {
        String plain = VERSION + "|" + timestamp + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Null when absent; {@link InvalidParameterException} for anything that is not a token of ours. */
    public static PageToken decode(String token) {
        if (QueryParameters.absent(token)) {
            return null;
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new InvalidParameterException("continuationToken", "malformed");
        }
        String plain;
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token.trim());
            plain = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new InvalidParameterException("continuationToken", "malformed");
        }
        String[] parts = plain.split("\\|", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new InvalidParameterException("continuationToken", "malformed");
        }
        return new PageToken(parts[1], parts[2]);
    }
}

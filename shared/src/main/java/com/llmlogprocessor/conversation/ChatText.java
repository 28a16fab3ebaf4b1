package com.llmlogprocessor.conversation;

import java.util.Objects;

/**
 * The plain-text view of one chat message, as enrichment and classification see it: the role and
 * the message's text (a string content as is; a list of parts as the text parts joined by a
 * newline; non-text parts such as images contribute nothing).
 */
public record ChatText(String role, String text) {
    public ChatText {
        role = role == null ? "" : role;
        Objects.requireNonNull(text, "text");
    }
}

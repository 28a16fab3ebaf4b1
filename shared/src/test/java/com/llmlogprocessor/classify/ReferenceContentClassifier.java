package com.llmlogprocessor.classify;

import com.llmlogprocessor.conversation.ChatText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Test oracle: {@code ContentClassifier} as it was before the dispatching rewrite (commit a540e82),
 * renamed and otherwise verbatim. {@link ClassifierEquivalenceTest} holds the new implementation to
 * its results; do not change it.
 *
 * <p>Flags a request/response pair with {@code pii.*}, {@code secret.*} and the text-based
 * {@code security.*} types, and redacts PII and secrets for {@code CONTENT_MODE=redacted}.
 * Build once and share: it holds only compiled patterns and the rule pack.
 *
 * <ul>
 *   <li>PII and secrets: every message of both sides, one flag per (category, type, where) with
 *       the number of matches ({@link ReferenceSensitiveDataScanner}).</li>
 *   <li>Prompt injection / jailbreak: only user and tool messages of the request (what an attacker
 *       controls); one flag per type with the highest score and the number of messages over the
 *       threshold ({@link ReferencePromptAttackDetector}).</li>
 *   <li>System prompt leak: the response against the request's system/developer messages
 *       ({@link ReferenceSystemPromptLeakDetector}).</li>
 * </ul>
 * Flags never carry the matched text.
 */
public final class ReferenceContentClassifier {

    /** Stored as {@code classifierVersion} on each document; bump on any rule or validator change. */
    public static final String VERSION = "2026.11.1";

    private static final Set<String> ATTACKER_ROLES = Set.of("user", "tool", "function", "");
    private static final Set<String> SYSTEM_ROLES = Set.of("system", "developer");

    private final ClassifierConfig config;
    private final ReferenceSensitiveDataScanner scanner = new ReferenceSensitiveDataScanner();
    private final ReferencePromptAttackDetector attacks = ReferencePromptAttackDetector.bundled();

    public ReferenceContentClassifier(ClassifierConfig cfg) {
        this.config = Objects.requireNonNull(cfg, "cfg");
    }

    public ClassifierConfig config() {
        return config;
    }

    /** Version of the bundled injection rule pack (kept equal to {@link #VERSION} by a test). */
    public String rulesVersion() {
        return attacks.version();
    }

    public List<Flag> classify(List<ChatText> request, List<ChatText> response) {
        List<ChatText> req = request == null ? List.of() : request;
        List<ChatText> resp = response == null ? List.of() : response;
        List<Flag> flags = new ArrayList<>();
        sensitive(req, Flag.REQUEST, flags);
        sensitive(resp, Flag.RESPONSE, flags);
        promptAttacks(req, flags);
        systemPromptLeak(req, resp).ifPresent(flags::add);
        flags.sort(Flag.ORDER);
        return List.copyOf(flags);
    }

    /** Replaces every PII and secret span by its placeholder ({@code [EMAIL]}, {@code [API_KEY]}, ...). */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<ReferenceSensitiveDataScanner.Finding> found = scanner.scan(text);
        if (found.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (ReferenceSensitiveDataScanner.Finding f : found) {
            out.append(text, at, f.start()).append(f.type().placeholder());
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Redacts each message's text, keeping roles. */
    public List<ChatText> redact(List<ChatText> messages) {
        return messages.stream().map(m -> new ChatText(m.role(), redact(m.text()))).toList();
    }

    /** Finding types of one text (for tests and the corpus evaluation). */
    public Set<SensitiveType> sensitiveTypes(String text) {
        Set<SensitiveType> types = java.util.EnumSet.noneOf(SensitiveType.class);
        scanner.scan(text).forEach(f -> types.add(f.type()));
        return types;
    }

    /** Prompt-attack scores of one text (for tests and tuning). */
    public ReferencePromptAttackDetector.Scores attackScores(String text) {
        return attacks.score(text);
    }

    /** {@code operational.large_prompt} against {@link ClassifierConfig#largePromptTokens()}. */
    public Optional<Flag> largePrompt(long promptTokens) {
        return OperationalFlags.largePrompt(promptTokens, config.largePromptTokens());
    }

    private void sensitive(List<ChatText> messages, String where, List<Flag> out) {
        Map<SensitiveType, Integer> counts = new EnumMap<>(SensitiveType.class);
        for (ChatText m : messages) {
            for (ReferenceSensitiveDataScanner.Finding f : scanner.scan(m.text())) {
                counts.merge(f.type(), 1, Integer::sum);
            }
        }
        counts.forEach((t, n) -> out.add(Flag.of(t.category(), t.type(), where, n)));
    }

    private void promptAttacks(List<ChatText> request, List<Flag> out) {
        int injections = 0, jailbreaks = 0;
        double maxInj = 0, maxJb = 0;
        for (ChatText m : request) {
            if (!ATTACKER_ROLES.contains(m.role().toLowerCase(Locale.ROOT)) || m.text().isBlank()) {
                continue;
            }
            ReferencePromptAttackDetector.Scores s = attacks.score(m.text());
            if (s.injection() >= config.injectionThreshold()) {
                injections++;
                maxInj = Math.max(maxInj, s.injection());
            }
            if (s.jailbreak() >= config.jailbreakThreshold()) {
                jailbreaks++;
                maxJb = Math.max(maxJb, s.jailbreak());
            }
        }
        if (injections > 0) {
            out.add(new Flag(Flag.SECURITY, ReferencePromptAttackDetector.PROMPT_INJECTION, Flag.REQUEST, injections, maxInj, null));
        }
        if (jailbreaks > 0) {
            out.add(new Flag(Flag.SECURITY, ReferencePromptAttackDetector.JAILBREAK, Flag.REQUEST, jailbreaks, maxJb, null));
        }
    }

    private static Optional<Flag> systemPromptLeak(List<ChatText> request, List<ChatText> response) {
        StringBuilder system = new StringBuilder();
        for (ChatText m : request) {
            if (SYSTEM_ROLES.contains(m.role().toLowerCase(Locale.ROOT))) {
                system.append(m.text()).append('\n');
            }
        }
        if (system.length() == 0 || response.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder answer = new StringBuilder();
        response.forEach(m -> answer.append(m.text()).append('\n'));
        OptionalDouble share = ReferenceSystemPromptLeakDetector.overlap(system.toString(), answer.toString());
        if (share.isEmpty() || share.getAsDouble() < ReferenceSystemPromptLeakDetector.MIN_SHARE) {
            return Optional.empty();
        }
        double score = Math.round(share.getAsDouble() * 1000) / 1000.0;
        return Optional.of(new Flag(Flag.SECURITY, "system_prompt_leak", Flag.RESPONSE, 1, score, null));
    }
}

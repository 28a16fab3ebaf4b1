package com.llmlogprocessor.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP trigger's route template as the Functions host reads it (ASP.NET routing, the subset a
 * function app uses): literal segments matched case-insensitively, {@code {name}} parameters,
 * {@code {name?}} optional trailing parameters, {@code {name:constraint}} (constraints {@code int},
 * {@code long}, {@code bool}, {@code guid}, {@code alpha} are checked, others accepted), and a
 * trailing catch-all {@code {*name}}. Matching is against the path after the route prefix
 * ({@code /api}); values are URL-decoded.
 */
public final class RouteTemplate implements Comparable<RouteTemplate> {
    private enum Kind { LITERAL, PARAM, OPTIONAL, CATCH_ALL }

    private record Segment(Kind kind, String text, String constraint) {
        /** Lower ranks win when two templates match the same path: literal, constrained, plain, optional, catch-all. */
        int rank() {
            return switch (kind) {
                case LITERAL -> 0;
                case PARAM -> constraint == null ? 2 : 1;
                case OPTIONAL -> 3;
                case CATCH_ALL -> 4;
            };
        }
    }

    private final String template;
    private final List<Segment> segments;

    private RouteTemplate(String template, List<Segment> segments) {
        this.template = template;
        this.segments = segments;
    }

    public static RouteTemplate parse(String template) {
        String t = template.strip();
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = t.isEmpty() ? new String[0] : t.split("/");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            boolean last = i == parts.length - 1;
            if (p.startsWith("{") && p.endsWith("}")) {
                String inner = p.substring(1, p.length() - 1);
                Kind kind = Kind.PARAM;
                if (inner.startsWith("*")) {
                    kind = Kind.CATCH_ALL;
                    inner = inner.substring(1);
                } else if (inner.endsWith("?")) {
                    kind = Kind.OPTIONAL;
                    inner = inner.substring(0, inner.length() - 1);
                }
                String constraint = null;
                int colon = inner.indexOf(':');
                if (colon >= 0) {
                    constraint = inner.substring(colon + 1).toLowerCase(Locale.ROOT);
                    inner = inner.substring(0, colon);
                    int paren = constraint.indexOf('(');
                    if (paren >= 0) {
                        constraint = constraint.substring(0, paren);
                    }
                }
                if (inner.isEmpty() || ((kind == Kind.CATCH_ALL || kind == Kind.OPTIONAL) && !last)) {
                    throw new IllegalArgumentException("unsupported route template '" + template + "'");
                }
                segments.add(new Segment(kind, inner, constraint));
            } else if (p.isEmpty() || p.contains("{") || p.contains("}")) {
                throw new IllegalArgumentException("unsupported route template '" + template + "'");
            } else {
                segments.add(new Segment(Kind.LITERAL, p, null));
            }
        }
        return new RouteTemplate(t, List.copyOf(segments));
    }

    public String template() {
        return template;
    }

    /** The parameter names, in template order. */
    public List<String> parameterNames() {
        return segments.stream().filter(s -> s.kind() != Kind.LITERAL).map(Segment::text).toList();
    }

    /**
     * Path parameters if {@code rawPath} (after the route prefix, still URL-encoded, with or
     * without leading slash) matches; empty otherwise.
     */
    public Optional<Map<String, String>> match(String rawPath) {
        String p = rawPath;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String[] parts = p.isEmpty() ? new String[0] : p.split("/", -1);
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        for (Segment s : segments) {
            if (s.kind() == Kind.CATCH_ALL) {
                StringBuilder rest = new StringBuilder();
                for (int j = i; j < parts.length; j++) {
                    rest.append(j > i ? "/" : "").append(decode(parts[j]));
                }
                values.put(s.text(), rest.toString());
                return Optional.of(Collections.unmodifiableMap(values));
            }
            if (i >= parts.length) {
                if (s.kind() == Kind.OPTIONAL) {
                    return Optional.of(Collections.unmodifiableMap(values));
                }
                return Optional.empty();
            }
            String part = parts[i++];
            if (part.isEmpty()) {
                return Optional.empty();
            }
            if (s.kind() == Kind.LITERAL) {
                if (!s.text().equalsIgnoreCase(decode(part))) {
                    return Optional.empty();
                }
            } else {
                String value = decode(part);
                if (!satisfies(s.constraint(), value)) {
                    return Optional.empty();
                }
                values.put(s.text(), value);
            }
        }
        return i == parts.length ? Optional.of(Collections.unmodifiableMap(values)) : Optional.empty();
    }

    private static boolean satisfies(String constraint, String v) {
        if (constraint == null) {
            return true;
        }
        return switch (constraint) {
            case "int", "long" -> v.matches("-?\\d{1,19}");
            case "bool" -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
            case "guid" -> v.matches("(?i)\\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\\}?");
            case "alpha" -> v.matches("[A-Za-z]+");
            default -> true;
        };
    }

    private static String decode(String s) {
        // Path segments: '+' is a literal plus, only %XX is decoded.
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** More specific first: compared segment by segment (literal before parameter), then longer first. */
    @Override
    public int compareTo(RouteTemplate o) {
        int n = Math.min(segments.size(), o.segments.size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(segments.get(i).rank(), o.segments.get(i).rank());
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(o.segments.size(), segments.size());
        return c != 0 ? c : template.compareToIgnoreCase(o.template);
    }

    @Override
    public String toString() {
        return template;
    }
}

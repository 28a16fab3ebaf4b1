package com.llmlogprocessor.functions.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Just enough Bicep reading for the infra checks: neither the Bicep CLI nor azd runs on the build
 * machines, so these tests are what catches a misspelt setting, a dangling module path or an
 * unbalanced brace before `azd up` does.
 */
final class BicepText {

    private static final Pattern MODULE = Pattern.compile("(?m)^\\s*module\\s+(\\w+)\\s+'([^']+)'\\s*=\\s*(?:if\\s*\\(.*\\)\\s*)?\\{");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*|'[^']*')\\s*:");
    private static final Pattern PARAM = Pattern.compile("(?m)^\\s*param\\s+(\\w+)\\s+([^=\\n]+?)\\s*(=.*)?$");
    private static final Pattern OUTPUT = Pattern.compile("(?m)^\\s*output\\s+(\\w+)\\s+\\w+");

    private BicepText() {
    }

    /** The repository root: the first directory upwards holding host.json and pom.xml. */
    static Path repoRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("host.json")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Repository root (host.json + pom.xml) not found above " + Paths.get("").toAbsolutePath());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> bicepFiles(Path infraDir) {
        try (Stream<Path> files = Files.walk(infraDir)) {
            return files.filter(p -> p.toString().endsWith(".bicep")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text with comments and string contents blanked out (line breaks kept), so brackets can
     * be counted and keys found. Interpolations ({@code '${expr}'}) stay code, their delimiters
     * blanked. Throws on an unterminated string or comment.
     */
    static String codeOnly(String text) {
        return scan(text, false);
    }

    /** Comments blanked, strings kept: for declarations whose strings matter (module paths). */
    static String codeOnlyKeepingStrings(String text) {
        return scan(text, true);
    }

    private static String scan(String text, boolean keepStrings) {
        StringBuilder out = new StringBuilder(text.length());
        // Each entry is a string being read whose interpolation we are inside of.
        Deque<Integer> interpolationDepths = new ArrayDeque<>();
        int braceDepth = 0;
        int i = 0;
        int n = text.length();
        boolean inString = false;
        while (i < n) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\' && i + 1 < n) {
                    out.append(keepStrings ? c : blank(c)).append(keepStrings ? text.charAt(i + 1) : blank(text.charAt(i + 1)));
                    i += 2;
                } else if (c == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
                    out.append(keepStrings ? "${" : "  ");
                    i += 2;
                    interpolationDepths.push(braceDepth);
                    inString = false;
                } else if (c == '\'') {
                    out.append('\'');
                    i++;
                    inString = false;
                } else {
                    out.append(keepStrings ? c : blank(c));
                    i++;
                }
                continue;
            }
            if (text.startsWith("'''", i)) {
                int end = text.indexOf("'''", i + 3);
                if (end < 0) {
                    throw new IllegalStateException("Unterminated multi-line string at offset " + i);
                }
                for (int k = i; k < end + 3; k++) {
                    out.append(keepStrings ? text.charAt(k) : blank(text.charAt(k)));
                }
                i = end + 3;
            } else if (text.startsWith("//", i)) {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalStateException("Unterminated block comment at offset " + i);
                }
                for (int k = i; k < end + 2; k++) {
                    out.append(blank(text.charAt(k)));
                }
                i = end + 2;
            } else if (c == '\'') {
                out.append('\'');
                inString = true;
                i++;
            } else if (c == '}' && !interpolationDepths.isEmpty() && interpolationDepths.peek() == braceDepth) {
                interpolationDepths.pop();
                out.append(keepStrings ? '}' : ' ');
                inString = true;
                i++;
            } else {
                if (c == '{') {
                    braceDepth++;
                } else if (c == '}') {
                    braceDepth--;
                }
                out.append(c);
                i++;
            }
        }
        if (inString || !interpolationDepths.isEmpty()) {
            throw new IllegalStateException("Unterminated string or interpolation");
        }
        return out.toString();
    }

    private static char blank(char c) {
        return c == '\n' ? '\n' : ' ';
    }

    /** Null when (), [] and {} balance outside strings and comments, else what is wrong. */
    static String bracketProblem(String text) {
        String code = codeOnly(text);
        Deque<int[]> open = new ArrayDeque<>();
        int line = 1;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '{' || c == '[' || c == '(') {
                open.push(new int[] {c, line});
            } else if (c == '}' || c == ']' || c == ')') {
                char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
                if (open.isEmpty()) {
                    return "unmatched '" + c + "' on line " + line;
                }
                int[] top = open.pop();
                if (top[0] != expected) {
                    return "'" + c + "' on line " + line + " closes '" + (char) top[0] + "' of line " + top[1];
                }
            }
        }
        return open.isEmpty() ? null : "'" + (char) open.peek()[0] + "' of line " + open.peek()[1] + " is never closed";
    }

    /**
     * Index just past the '}' matching the '{' at {@code openIndex} (indices into {@code text},
     * which must be the {@link #codeOnly} form or share its offsets).
     */
    static int matchingBrace(String code, int openIndex) {
        int depth = 0;
        for (int i = openIndex; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        throw new IllegalStateException("No matching brace for offset " + openIndex);
    }

    /** Keys of the object literal whose '{' is at {@code openIndex}, in order, top level only. */
    static Set<String> objectKeys(String text, int openIndex) {
        String code = codeOnly(text);
        int end = matchingBrace(code, openIndex);
        Set<String> keys = new LinkedHashSet<>();
        int depth = 0;
        int lineStart = openIndex + 1;
        for (int i = openIndex + 1; i < end - 1; i++) {
            char c = code.charAt(i);
            if (c == '\n') {
                lineStart = i + 1;
            }
            if (i == lineStart && depth == 0) {
                int eol = code.indexOf('\n', i);
                Matcher m = KEY.matcher(text.substring(i, eol < 0 ? end : Math.min(eol, end)));
                if (m.find() && !code.substring(i, i + m.end(1)).isBlank()) {
                    keys.add(m.group(1).replace("'", ""));
                }
            }
            if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if (c == '}' || c == ']' || c == ')') {
                depth--;
            }
        }
        return keys;
    }

    /** Keys of {@code var <name> = { ... }}. */
    static Set<String> variableObjectKeys(String text, String variableName) {
        Matcher m = Pattern.compile("(?m)^\\s*var\\s+" + Pattern.quote(variableName) + "\\s*=\\s*\\{").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("var " + variableName + " = { ... } not found");
        }
        return objectKeys(text, m.end() - 1);
    }

    /** Module symbol -> path as written, for every {@code module} declaration. */
    static Map<String, String> modules(String text) {
        Map<String, String> modules = new LinkedHashMap<>();
        Matcher m = MODULE.matcher(codeOnlyKeepingStrings(text));
        while (m.find()) {
            modules.put(m.group(1), m.group(2));
        }
        return modules;
    }

    /** Module symbol -> keys of its {@code params: { ... }} block. */
    static Map<String, Set<String>> moduleParams(String text) {
        String code = codeOnly(text);
        Map<String, Set<String>> result = new LinkedHashMap<>();
        Matcher m = MODULE.matcher(codeOnlyKeepingStrings(text));
        while (m.find()) {
            int open = m.end() - 1;
            int end = matchingBrace(code, open);
            Matcher params = Pattern.compile("(?m)^\\s*params\\s*:\\s*\\{").matcher(code.substring(open, end));
            Set<String> keys = new LinkedHashSet<>();
            if (params.find()) {
                keys = objectKeys(text, open + params.end() - 1);
            }
            result.put(m.group(1), keys);
        }
        return result;
    }

    /** Parameter name -> true when it has a default value. */
    static Map<String, Boolean> params(String text) {
        Map<String, Boolean> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(codeOnlyKeepingStrings(text));
        while (m.find()) {
            params.put(m.group(1), m.group(3) != null);
        }
        return params;
    }

    static Set<String> outputs(String text) {
        Set<String> outputs = new LinkedHashSet<>();
        Matcher m = OUTPUT.matcher(codeOnlyKeepingStrings(text));
        while (m.find()) {
            outputs.add(m.group(1));
        }
        return outputs;
    }
}

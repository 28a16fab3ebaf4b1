package com.llmlogprocessor.classify;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What every match of a regex starts with, read off the pattern text: a set of literal strings,
 * ASCII lower-cased, such that each match begins with one of them (compare with the text ASCII
 * lower-cased: a superset of what {@code CASE_INSENSITIVE} without {@code UNICODE_CASE} and what a
 * case-sensitive pattern accept), and whether a match may begin at the start of the input through
 * {@code ^} or {@code \A}.
 *
 * <p>Understands the Java syntax the rule pack uses: literals and escapes, {@code \s} and {@code \d},
 * small character classes, groups of every kind, look-arounds and boundaries (which consume
 * nothing), alternation and quantifiers. Any other construct (a flag such as {@code (?m)},
 * {@code (?x)} or {@code (?u)}, a nested class, a numbered back-reference) gives {@code null}:
 * "could start anywhere". Every answer is a necessary condition only: the pattern still decides.
 */
final class RegexStarts {

    /** Literal starts of a pattern, and whether it can match at input start without one ({@code ^}). */
    record Starts(Set<String> literals, boolean atInputStart) {
    }

    private static final int MAX_STRINGS = 512;
    private static final int MAX_LENGTH = 24;
    /** Stands for {@code ^}; a pattern containing this code point literally is not analysed. */
    private static final char INPUT_START = '\uFFFF';
    /** {@code \s} without UNICODE_CHARACTER_CLASS: {@code [ \t\n\x0B\f\r]}. */
    private static final String SPACE = " \t\n\u000B\f\r";

    private static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    /** A finite language (exact: every match is one of the strings) or a prefix set (every match starts with one). */
    private record Lang(boolean exact, Set<String> strings) {
    }

    private static final Lang EMPTY = new Lang(true, Set.of(""));
    private static final Lang ANY = new Lang(false, Set.of(""));

    private final int[] cps;
    private int pos;

    private RegexStarts(String regex) {
        this.cps = regex.codePoints().toArray();
    }

    /** The starts of {@code regex}, or null when it may start anywhere or uses syntax not understood here. */
    static Starts of(String regex) {
        Lang lang;
        try {
            RegexStarts parser = new RegexStarts(regex);
            lang = parser.alternation();
            if (parser.pos != parser.cps.length) {
                throw new Unsupported("unbalanced )");
            }
        } catch (Unsupported | ArrayIndexOutOfBoundsException e) {
            return null;
        }
        Set<String> literals = new LinkedHashSet<>();
        boolean atStart = false;
        for (String s : lang.strings()) {
            int mark = s.indexOf(INPUT_START);
            if (mark == 0) {
                atStart = true;
            } else if (mark > 0) {
                literals.add(s.substring(0, mark));
            } else if (s.isEmpty()) {
                return null;
            } else {
                literals.add(s);
            }
        }
        return new Starts(Set.copyOf(literals), atStart);
    }

    // ---------------------------------------------------------------- grammar

    private int peek() {
        return pos < cps.length ? cps[pos] : -1;
    }

    private Lang alternation() {
        Lang result = sequence();
        while (peek() == '|') {
            pos++;
            result = union(result, sequence());
        }
        return result;
    }

    private Lang sequence() {
        Lang result = EMPTY;
        while (pos < cps.length && peek() != '|' && peek() != ')') {
            Lang atom = quantified(atom());
            result = concat(result, atom);
        }
        return result;
    }

    private Lang atom() {
        int c = cps[pos++];
        switch (c) {
            case '(':
                return group();
            case '[':
                return charClass();
            case '\\':
                return escape();
            case '.':
                return ANY;
            case '^':
                return new Lang(true, Set.of(String.valueOf(INPUT_START)));
            case '$':
                return EMPTY;
            case '*':
            case '+':
            case '?':
            case '{':
                throw new Unsupported("dangling quantifier");
            default:
                return literal(c);
        }
    }

    private Lang group() {
        if (peek() != '?') {
            return closeGroup(alternation());
        }
        pos++;
        int c = cps[pos];
        if (c == ':' || c == '>') {
            pos++;
            return closeGroup(alternation());
        }
        if (c == '=' || c == '!') {
            pos++;
            closeGroup(alternation());
            return EMPTY;
        }
        if (c == '<') {
            int next = cps[pos + 1];
            if (next == '=' || next == '!') {
                pos += 2;
                closeGroup(alternation());
                return EMPTY;
            }
            while (cps[pos] != '>') {
                pos++;
            }
            pos++;
            return closeGroup(alternation());
        }
        // inline flags (?idmsuxU-idmsuxU) or (?flags:...)
        boolean on = true;
        while (cps[pos] != ')' && cps[pos] != ':') {
            int f = cps[pos++];
            if (f == '-') {
                on = false;
            } else if ("idmsuxUc".indexOf(f) < 0) {
                throw new Unsupported("group kind");
            } else if (on && "mxuUc".indexOf(f) >= 0) {
                throw new Unsupported("flag " + (char) f);
            }
        }
        if (cps[pos++] == ')') {
            return EMPTY;
        }
        return closeGroup(alternation());
    }

    private Lang closeGroup(Lang inner) {
        if (peek() != ')') {
            throw new Unsupported("unclosed group");
        }
        pos++;
        return inner;
    }

    private Lang escape() {
        int c = cps[pos++];
        switch (c) {
            case 'b':
            case 'B':
                if (peek() == '{') {
                    throw new Unsupported("\\b{g}");
                }
                return EMPTY;
            case 'z':
            case 'Z':
                return EMPTY;
            case 'A':
                return new Lang(true, Set.of(String.valueOf(INPUT_START)));
            case 's':
                return chars(SPACE.chars().toArray());
            case 'd':
                return chars("0123456789".chars().toArray());
            case 'w':
            case 'W':
            case 'S':
            case 'D':
            case 'h':
            case 'H':
            case 'v':
            case 'V':
            case 'R':
            case 'X':
                return ANY;
            case 'p':
            case 'P':
            case 'N':
                skipBraced();
                return ANY;
            case 'k':
                while (cps[pos] != '>') {
                    pos++;
                }
                pos++;
                return ANY;
            case 'Q': {
                StringBuilder sb = new StringBuilder();
                while (pos < cps.length && !(cps[pos] == '\\' && pos + 1 < cps.length && cps[pos + 1] == 'E')) {
                    sb.append(literalString(cps[pos++]));
                }
                pos = Math.min(cps.length, pos + 2);
                return new Lang(true, Set.of(sb.toString()));
            }
            default: {
                int lit = escapedLiteral(c);
                return literal(lit);
            }
        }
    }

    /** The code point of a literal escape ({@code \x{..}}, {@code \t}, {@code \.}, ...), after its letter was read. */
    private int escapedLiteral(int c) {
        switch (c) {
            case 't':
                return '\t';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 'f':
                return '\f';
            case 'a':
                return 0x07;
            case 'e':
                return 0x1B;
            case 'c':
                return cps[pos++] ^ 64;
            case 'x': {
                if (peek() == '{') {
                    int end = pos + 1;
                    while (cps[end] != '}') {
                        end++;
                    }
                    int v = Integer.parseInt(new String(cps, pos + 1, end - pos - 1), 16);
                    pos = end + 1;
                    return v;
                }
                int v = Integer.parseInt(new String(cps, pos, 2), 16);
                pos += 2;
                return v;
            }
            case 'u': {
                int v = Integer.parseInt(new String(cps, pos, 4), 16);
                pos += 4;
                return v;
            }
            case '0': {
                int v = 0;
                int digits = 0;
                while (digits < 3 && peek() >= '0' && peek() <= '7' && (v * 8 + peek() - '0') <= 0377) {
                    v = v * 8 + cps[pos++] - '0';
                    digits++;
                }
                if (digits == 0) {
                    throw new Unsupported("octal");
                }
                return v;
            }
            default:
                if (Character.isLetterOrDigit(c)) {
                    throw new Unsupported("escape \\" + Character.toString(c));
                }
                return c;
        }
    }

    private void skipBraced() {
        if (peek() == '{') {
            while (cps[pos] != '}') {
                pos++;
            }
        }
        pos++;
    }

    private Lang charClass() {
        boolean negated = false;
        if (peek() == '^') {
            negated = true;
            pos++;
        }
        if (peek() == ']') {
            throw new Unsupported("[]");
        }
        Set<Integer> members = new LinkedHashSet<>();
        boolean any = false;
        while (true) {
            int c = cps[pos++];
            if (c == ']') {
                break;
            }
            if (c == '[' || (c == '&' && peek() == '&')) {
                throw new Unsupported("nested class");
            }
            int lo;
            if (c == '\\') {
                int e = cps[pos++];
                if (e == 's') {
                    SPACE.chars().forEach(members::add);
                    continue;
                }
                if (e == 'd') {
                    "0123456789".chars().forEach(members::add);
                    continue;
                }
                if ("wWSDhHvV".indexOf(e) >= 0) {
                    any = true;
                    continue;
                }
                if (e == 'p' || e == 'P') {
                    skipBraced();
                    any = true;
                    continue;
                }
                if (e == 'Q' || e == 'b' || e == 'B' || e == 'k' || e == 'R' || e == 'X' || e == 'N') {
                    throw new Unsupported("class escape");
                }
                lo = escapedLiteral(e);
            } else {
                lo = c;
            }
            if (peek() == '-' && cps[pos + 1] != ']') {
                pos++;
                int hi = cps[pos++];
                if (hi == '\\') {
                    int e = cps[pos++];
                    if (Character.isLetter(e) && "xutnrfaec0".indexOf(e) < 0) {
                        throw new Unsupported("range to a class");
                    }
                    hi = escapedLiteral(e);
                } else if (hi == '[') {
                    throw new Unsupported("range to a class");
                }
                if (hi - lo > 4096) {
                    any = true;
                    continue;
                }
                for (int x = lo; x <= hi; x++) {
                    members.add(x);
                }
            } else {
                members.add(lo);
            }
        }
        if (negated || any) {
            return ANY;
        }
        return chars(members.stream().mapToInt(Integer::intValue).toArray());
    }

    /** One character out of {@code codePoints}: exact when all are in the BMP, else the first UTF-16 unit of each. */
    private static Lang chars(int[] codePoints) {
        Set<String> firsts = new LinkedHashSet<>();
        boolean exact = true;
        for (int cp : codePoints) {
            if (cp == INPUT_START) {
                throw new Unsupported("U+FFFF");
            }
            if (Character.isSupplementaryCodePoint(cp)) {
                exact = false;
                firsts.add(String.valueOf(Character.highSurrogate(cp)));
            } else {
                firsts.add(String.valueOf(lower((char) cp)));
            }
            if (firsts.size() > 64) {
                return ANY;
            }
        }
        return new Lang(exact, firsts);
    }

    private Lang quantified(Lang atom) {
        int c = peek();
        int min, max;
        if (c == '?') {
            min = 0;
            max = 1;
        } else if (c == '*') {
            min = 0;
            max = Integer.MAX_VALUE;
        } else if (c == '+') {
            min = 1;
            max = Integer.MAX_VALUE;
        } else if (c == '{') {
            int end = pos + 1;
            while (cps[end] != '}') {
                end++;
            }
            String body = new String(cps, pos + 1, end - pos - 1);
            if (!body.matches("\\d+(,\\d*)?")) {
                throw new Unsupported("quantifier");
            }
            int comma = body.indexOf(',');
            min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
            max = comma < 0 ? min : comma == body.length() - 1 ? Integer.MAX_VALUE : Integer.parseInt(body.substring(comma + 1));
            pos = end;
        } else {
            return atom;
        }
        pos++;
        if (peek() == '?' || peek() == '+') {
            pos++; // lazy or possessive: same strings
        }
        if (peek() == '?' || peek() == '*' || peek() == '+' || peek() == '{') {
            throw new Unsupported("stacked quantifier");
        }
        if (min == 1 && max == 1) {
            return atom;
        }
        if (min == 0) {
            if (max == 1 && atom.exact()) {
                Set<String> s = new LinkedHashSet<>(atom.strings());
                s.add("");
                return new Lang(true, s);
            }
            return ANY;
        }
        return new Lang(false, atom.strings()); // at least one repetition: starts with one of the atom's strings
    }

    // ---------------------------------------------------------------- languages

    private static Lang literal(int cp) {
        if (cp == INPUT_START) {
            throw new Unsupported("U+FFFF");
        }
        return new Lang(true, Set.of(literalString(cp)));
    }

    private static String literalString(int cp) {
        if (cp == INPUT_START) {
            throw new Unsupported("U+FFFF");
        }
        return Character.isBmpCodePoint(cp) ? String.valueOf(lower((char) cp)) : Character.toString(cp);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static Lang concat(Lang a, Lang b) {
        if (!a.exact()) {
            return a;
        }
        if ((long) a.strings().size() * b.strings().size() > MAX_STRINGS) {
            return new Lang(false, a.strings());
        }
        Set<String> product = new LinkedHashSet<>();
        boolean exact = b.exact();
        for (String x : a.strings()) {
            for (String y : b.strings()) {
                String s = x + y;
                if (s.length() > MAX_LENGTH) {
                    s = s.substring(0, MAX_LENGTH);
                    exact = false;
                }
                product.add(s);
            }
        }
        return new Lang(exact, product);
    }

    private static Lang union(Lang a, Lang b) {
        Set<String> all = new LinkedHashSet<>(a.strings());
        all.addAll(b.strings());
        boolean exact = a.exact() && b.exact();
        for (int len = MAX_LENGTH - 1; all.size() > MAX_STRINGS; len--) {
            if (len == 0) {
                return ANY;
            }
            Set<String> shorter = new LinkedHashSet<>();
            for (String s : all) {
                shorter.add(s.length() > len ? s.substring(0, len) : s);
            }
            all = shorter;
            exact = false;
        }
        return new Lang(exact, all);
    }
}

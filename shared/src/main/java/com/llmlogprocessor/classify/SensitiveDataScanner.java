package com.llmlogprocessor.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PII and secrets in a text in one pass. The candidate shapes are an ordered list of named
 * patterns, most specific first, so that at one position a private key beats a key label and an
 * IBAN beats a card number; each candidate is then confirmed by a validator (Luhn, mod-97, SSN
 * ranges, JWT header, key label, ...). A rejected candidate resumes the walk one character later,
 * so a rejected label (say {@code key: <not hex>}) does not hide a real key right behind it.
 *
 * <p>The walk looks at each position once and tries a shape's pattern only where the text can
 * start it: a cheap test of the characters at and before the position (a literal prefix such as
 * {@code sk-} or {@code AKIA}, an {@code @} within reach for an e-mail, enough digits for a card
 * or a phone number). That test only ever rules a shape out where its pattern cannot match, and
 * the patterns are run exactly as written ({@code lookingAt} with transparent bounds, so their
 * look-behinds see the text before the position): the findings are those of one alternation of
 * all shapes walked with {@code find}, at a fraction of the cost. Thread-safe and stateless.
 */
public final class SensitiveDataScanner {

    /** One confirmed finding: its type and the span to redact. Never logged: the span is sensitive. */
    public record Finding(SensitiveType type, int start, int end) {
    }

    private static final String KEYCH = "A-Za-z0-9_-";

    /**
     * The candidate shapes in order of precedence: at one position the first shape whose pattern
     * matches is the candidate. All but the first two share the look-behind {@link #WORD_START}.
     */
    private static final String[] SHAPES = {
            // secrets first: their shapes are the most specific. The two candidates that may start
            // right after a letter or digit come first; all others share one look-behind, WORD_START.
            "(?<privkey>-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
                    + "(?:[\\s\\S]{0,20000}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----"
                    + "|(?:\\r?\\n[A-Za-z0-9+/=:, -]{16,})*))",
            "(?<sas>(?<=[?&;])(?i:sig)=[A-Za-z0-9%+/=]{20,})",
            "(?<jwt>(?<![" + KEYCH + "])eyJ[" + KEYCH + "]{8,}\\.[" + KEYCH + "]{8,}\\.[" + KEYCH + "]*)",
            "(?<connuri>(?<![A-Za-z0-9+.-])(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?"
                    + "|sqlserver|mssql|jdbc:[a-z]+)://[^\\s:/@\"'<>]+:(?<uripw>[^\\s@\"'<>/]+)@[^\\s\"'<>]+)",
            "(?<connkey>(?<![A-Za-z0-9])(?<ckname>(?i:AccountKey|SharedAccessKey|Password|Pwd))[ \\t]*=[ \\t]*"
                    + "(?<ckval>[^;\\s\"'<>]+))",
            "(?<oaikey>(?<![" + KEYCH + "])sk-(?:proj-|svcacct-|admin-|ant-)?[" + KEYCH + "]{20,})",
            "(?<awskey>(?<![A-Za-z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Za-z0-9]))",
            "(?<ghkey>(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255}))",
            "(?<slackkey>(?<![A-Za-z0-9])xox[baprs]-[A-Za-z0-9-]{10,})",
            "(?<gkey>(?<![" + KEYCH + "])AIza[0-9A-Za-z_-]{35}(?![" + KEYCH + "]))",
            "(?<lkey>(?<![A-Za-z0-9])(?<lklabel>(?i:ocp-apim-subscription-key|x-api-key|api[-_ ]?key|apikey"
                    + "|subscription[-_ ]?key|access[-_ ]?key(?:[-_ ]?id)?|secret[-_ ]?(?:access[-_ ]?)?key"
                    + "|client[-_ ]?secret|key))"
                    + "(?:[\"']?[ \\t]*(?:[:=]|=>)[ \\t]*[\"']?|[ \\t]+(?i:is[ \\t]+)?[\"']?)"
                    + "(?<lkval>[A-Za-z0-9+/_=-]{16,200})(?![A-Za-z0-9+/_=-]))",
            // PII
            "(?<email>(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}(?![A-Za-z0-9-]))",
            "(?<iban>(?<![A-Za-z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9]))",
            "(?<card>(?<![\\w.+/-])\\d(?:[ -]?\\d){12,18}(?!\\w|[ .,/-]\\d))",
            "(?<ssn>(?<![\\w.+/-])\\d{3}-\\d{2}-\\d{4}(?!\\w|[.-]\\d))",
            "(?<ipv4>(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\w|\\.\\d))",
            "(?<ipv6>(?<![\\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\w:]))",
            "(?<phone>(?<![\\w+./-])(?:\\+\\d{1,3}[ .-]?(?:\\(\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{1,4}){1,5}"
                    + "|(?:1[ .-]?)?\\(\\d{3}\\)[ .-]?\\d{3}[ .-]\\d{4}"
                    + "|(?:1(?<phsep1>[.-]))?\\d{3}(?<phsep>[.-])\\d{3}\\k<phsep>\\d{4}"
                    + "|0\\d(?:[ .]\\d{2}){4}"
                    + "|0\\d{2,4}[ -]\\d{3,4}[ -]?\\d{3,4})(?!\\w|[.-]\\d))"};

    private static final String WORD_START = "(?<![A-Za-z0-9])";
    private static final int PRIVKEY = 0, SAS = 1, JWT = 2, CONNURI = 3, CONNKEY = 4, OAIKEY = 5, AWSKEY = 6, GHKEY = 7,
            SLACKKEY = 8, GKEY = 9, LKEY = 10, EMAIL = 11, IBAN = 12, CARD = 13, SSN = 14, IPV4 = 15, IPV6 = 16,
            PHONE = 17;
    private static final String[] SHAPE_NAMES = {"privkey", "sas", "jwt", "connuri", "connkey", "oaikey", "awskey",
            "ghkey", "slackkey", "gkey", "lkey", "email", "iban", "card", "ssn", "ipv4", "ipv6", "phone"};
    /** Each shape on its own, exactly as it stands in the alternation {@code SHAPES[0]|SHAPES[1]|WORD_START(?:SHAPES[2]|...)}. */
    private static final Pattern[] PATTERNS = new Pattern[SHAPES.length];

    static {
        for (int i = 0; i < SHAPES.length; i++) {
            if (!SHAPES[i].startsWith("(?<" + SHAPE_NAMES[i] + ">")) {
                throw new IllegalStateException("shape " + i + " is not " + SHAPE_NAMES[i]);
            }
            PATTERNS[i] = Pattern.compile(i < JWT ? SHAPES[i] : WORD_START + "(?:" + SHAPES[i] + ")");
        }
    }

    private static final String[] CONNURI_SCHEMES = {"postgres", "mysql", "mariadb", "mongodb", "redis", "amqp",
            "sqlserver", "mssql", "jdbc:"};
    private static final String[] CONNKEY_NAMES = {"accountkey", "sharedaccesskey", "password", "pwd"};
    private static final String[] KEY_LABELS = {"ocp-apim-subscription-key", "x-api-key", "api", "subscription", "access",
            "secret", "client", "key"};

    private static final Pattern CONN_TAIL = Pattern.compile(
            "(?:;[ \\t]*[A-Za-z][A-Za-z0-9_.-]*(?: [A-Za-z][A-Za-z0-9_.-]*){0,3}[ \\t]*=[^;\\s\"'`<>]*)*;?");
    private static final Pattern DB_KEYS = Pattern.compile(
            "(?i)(?:^|[;\\s])(?:server|data source|host|hostname|database|initial catalog|user id|uid|username|user"
                    + "|port|dsn|address|addr|network address)[ \\t]*=");
    private static final Pattern SAS_PARAMS = Pattern.compile("(?i)[?&;](?:sv|se|sp|sr|st|spr|skoid)=");
    private static final Set<String> MULTIWORD_KEY_FIRST = Set.of(
            "data", "user", "initial", "integrated", "persist", "trust", "multiple", "application", "connect",
            "connection", "network", "shared", "account", "default", "endpoint");
    private static final Set<String> PLACEHOLDER_WORDS = Set.of(
            "password", "passwd", "pass", "pwd", "secret", "changeme", "example", "xxx", "xxxx", "xxxxxx",
            "yourpassword", "mypassword", "your_password", "your-password", "redacted", "hidden", "null");
    private static final Pattern VERSION_CONTEXT = Pattern.compile(
            "(?i)(?:\\bversion|\\bver|\\bv|\\brelease|\\bbuild|\\bfirmware|\\bsdk|\\bpatch|\\bupdate)[ \\t:#]*$");
    private static final Set<String> FILE_TLDS = Set.of("png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** All confirmed findings of {@code text}, in order, non-overlapping. */
    public List<Finding> scan(String text) {
        List<Finding> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Walk w = new Walk(text);
        int n = text.length();
        int lastEnd = 0;
        int p = 0;
        while (p < n) {
            int shape = w.shapeAt(p);
            if (shape < 0) {
                p++;
                continue;
            }
            Matcher m = w.matchers[shape];
            Finding f = confirm(text, shape, m, lastEnd);
            if (f == null) {
                p++;
                continue;
            }
            out.add(f);
            lastEnd = f.end();
            int next = Math.max(f.end(), m.end());
            p = next == p ? p + 1 : next;
        }
        return out;
    }

    /**
     * One scan's matchers and look-ahead state. {@link #shapeAt} answers what {@code find} on the
     * alternation of all shapes would answer at one position: the first shape, in order, whose
     * pattern matches there. Each {@code may...} test below is a necessary condition of its
     * pattern (so skipping a shape that fails it changes nothing); the pattern decides.
     */
    private static final class Walk {
        final String text;
        final int n;
        final Matcher[] matchers = new Matcher[SHAPES.length];
        /** Index of the next '@' at or after the last e-mail test position; n when none. */
        int nextAt = -1;

        Walk(String text) {
            this.text = text;
            this.n = text.length();
        }

        int shapeAt(int p) {
            char c = text.charAt(p);
            char prev = p > 0 ? text.charAt(p - 1) : '\0'; // NUL is in no look-behind class: as good as "no character"
            if (c == '-' && text.startsWith("-----BEGIN", p) && matches(PRIVKEY, p)) {
                return PRIVKEY;
            }
            if (alnum(prev)) {
                return -1; // WORD_START fails, and sas needs one of ?&; before it
            }
            if ((c == 's' || c == 'S') && (prev == '?' || prev == '&' || prev == ';') && matches(SAS, p)) {
                return SAS;
            }
            if (c < 0x80 && c > ' ') {
                int shape = c >= '0' && c <= '9' ? digitShape(p, c, prev) : asciiShape(p, c, prev);
                if (shape >= 0) {
                    return shape;
                }
            }
            return -1;
        }

        /** Shapes that start with a letter or ASCII punctuation (never with a digit). */
        private int asciiShape(int p, char c, char prev) {
            char lc = lower(c);
            if (c == 'e' && text.startsWith("eyJ", p) && matches(JWT, p)) {
                return JWT;
            }
            if ("pmrasj".indexOf(lc) >= 0 && startsWithAnyIgnoreCase(p, CONNURI_SCHEMES) && matches(CONNURI, p)) {
                return CONNURI;
            }
            if ((lc == 'a' || lc == 's' || lc == 'p') && startsWithAnyIgnoreCase(p, CONNKEY_NAMES) && matches(CONNKEY, p)) {
                return CONNKEY;
            }
            if (c == 's' && text.startsWith("sk-", p) && matches(OAIKEY, p)) {
                return OAIKEY;
            }
            if (c == 'A' && (text.startsWith("AKIA", p) || text.startsWith("ASIA", p)) && matches(AWSKEY, p)) {
                return AWSKEY;
            }
            if (c == 'g' && (text.startsWith("gh", p) || text.startsWith("github_pat_", p)) && matches(GHKEY, p)) {
                return GHKEY;
            }
            if (c == 'x' && text.startsWith("xox", p) && matches(SLACKKEY, p)) {
                return SLACKKEY;
            }
            if (c == 'A' && text.startsWith("AIza", p) && matches(GKEY, p)) {
                return GKEY;
            }
            if ("oxasck".indexOf(lc) >= 0 && startsWithAnyIgnoreCase(p, KEY_LABELS) && matches(LKEY, p)) {
                return LKEY;
            }
            if (alnum(c) && mayBeEmail(p, prev) && matches(EMAIL, p)) {
                return EMAIL;
            }
            if (c >= 'A' && c <= 'Z' && p + 3 < n && upper(text.charAt(p + 1)) && digit(text.charAt(p + 2))
                    && digit(text.charAt(p + 3)) && matches(IBAN, p)) {
                return IBAN;
            }
            if ((hex(c) || c == ':') && mayBeIpv6(p) && matches(IPV6, p)) {
                return IPV6;
            }
            if ((c == '+' || c == '(') && mayBePhone(p, c) && matches(PHONE, p)) {
                return PHONE;
            }
            return -1;
        }

        /** Shapes that may start with a digit. */
        private int digitShape(int p, char c, char prev) {
            if (mayBeEmail(p, prev) && matches(EMAIL, p)) {
                return EMAIL;
            }
            if (!word(prev) && prev != '.') { // card, ssn and ipv4 all reject a word character or '.' before
                if (enoughCardDigits(p) && matches(CARD, p)) {
                    return CARD;
                }
                if (ssnShape(p) && matches(SSN, p)) {
                    return SSN;
                }
                if (ipv4Start(p) && matches(IPV4, p)) {
                    return IPV4;
                }
            }
            if (mayBeIpv6(p) && matches(IPV6, p)) {
                return IPV6;
            }
            if (mayBePhone(p, c) && matches(PHONE, p)) {
                return PHONE;
            }
            return -1;
        }

        private boolean matches(int shape, int p) {
            Matcher m = matchers[shape];
            if (m == null) {
                m = PATTERNS[shape].matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                matchers[shape] = m;
            }
            return m.region(p, n).lookingAt();
        }

        private boolean startsWithAnyIgnoreCase(int p, String[] lowerLiterals) {
            for (String lit : lowerLiterals) {
                if (startsWithIgnoreCase(p, lit)) {
                    return true;
                }
            }
            return false;
        }

        /** ASCII-only case folding, as {@code (?i)} without UNICODE_CASE. */
        private boolean startsWithIgnoreCase(int p, String lowerLiteral) {
            int len = lowerLiteral.length();
            if (p + len > n) {
                return false;
            }
            for (int k = 0; k < len; k++) {
                if (lower(text.charAt(p + k)) != lowerLiteral.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        /** The local part {@code [A-Za-z0-9][A-Za-z0-9._%+-]{0,63}} cannot stop short of '@' ('@' is not in it): the run from p must end in '@' within 64. */
        private boolean mayBeEmail(int p, char prev) {
            if (localPart(prev)) {
                return false;
            }
            if (nextAt < p) {
                int at = text.indexOf('@', p);
                nextAt = at < 0 ? n : at;
            }
            if (nextAt >= n || nextAt - p > 64) {
                return false;
            }
            for (int i = p; i < nextAt; i++) {
                if (!localPart(text.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** {@code \d(?:[ -]?\d){12,18}}: at least 13 digits, single spaces or dashes between. */
        private boolean enoughCardDigits(int p) {
            int digits = 1;
            int i = p + 1;
            while (digits < 13) {
                if (i < n && digit(text.charAt(i))) {
                    i++;
                } else if (i + 1 < n && (text.charAt(i) == ' ' || text.charAt(i) == '-') && digit(text.charAt(i + 1))) {
                    i += 2;
                } else {
                    return false;
                }
                digits++;
            }
            return true;
        }

        /** {@code \d{3}-\d{2}-\d{4}}. */
        private boolean ssnShape(int p) {
            if (p + 11 > n) {
                return false;
            }
            for (int k = 0; k < 11; k++) {
                char ch = text.charAt(p + k);
                if (k == 3 || k == 6 ? ch != '-' : !digit(ch)) {
                    return false;
                }
            }
            return true;
        }

        /** {@code \d{1,3}\.}: a run of at most three digits, then a dot. */
        private boolean ipv4Start(int p) {
            int i = p;
            while (i < n && i - p < 4 && digit(text.charAt(i))) {
                i++;
            }
            return i - p <= 3 && i < n && text.charAt(i) == '.';
        }

        /** {@code [0-9A-Fa-f]{0,4}:}: at most four hex digits, then a colon. */
        private boolean mayBeIpv6(int p) {
            int i = p;
            while (i < n && i - p < 5 && hex(text.charAt(i))) {
                i++;
            }
            return i - p <= 4 && i < n && text.charAt(i) == ':';
        }

        /**
         * Every phone shape is made of {@code [0-9 .()-]} after its first character; one starting with a
         * digit has at least 9 digits within its first 16 characters, one starting with '+' a digit next.
         */
        private boolean mayBePhone(int p, char c) {
            if (c == '+') {
                return p + 1 < n && digit(text.charAt(p + 1));
            }
            if (c == '(') {
                return true;
            }
            int digits = 0;
            for (int i = p; i < n && i - p < 24; i++) {
                char ch = text.charAt(i);
                if (digit(ch)) {
                    if (++digits >= 9) {
                        return true;
                    }
                } else if (ch != ' ' && ch != '.' && ch != '(' && ch != ')' && ch != '-') {
                    return false;
                }
            }
            return false;
        }
    }

    private static boolean alnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean word(char c) {
        return alnum(c) || c == '_';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean localPart(char c) {
        return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static Finding confirm(String text, int shape, Matcher m, int floor) {
        String s = m.group();
        switch (shape) {
            case PRIVKEY:
                return at(SensitiveType.PRIVATE_KEY, m.start(), m.end());
            case JWT:
                return jwt(s) ? at(SensitiveType.JWT, m.start(), m.end()) : null;
            case CONNURI:
                return placeholder(m.group("uripw")) ? null : at(SensitiveType.CONNECTION_STRING, m.start(), m.end());
            case CONNKEY:
                return connectionKey(text, m, floor);
            case SAS: {
                int start = tokenStart(text, m.start(), floor);
                int end = tokenEnd(text, m.end());
                return SAS_PARAMS.matcher(text.substring(start, end)).find()
                        ? at(SensitiveType.CONNECTION_STRING, start, end) : null;
            }
            case OAIKEY:
                return mixedCase(s.substring(3)) ? at(SensitiveType.API_KEY, m.start(), m.end()) : null;
            case AWSKEY:
            case GHKEY:
            case GKEY:
                return at(SensitiveType.API_KEY, m.start(), m.end());
            case SLACKKEY:
                return s.chars().anyMatch(Character::isDigit) ? at(SensitiveType.API_KEY, m.start(), m.end()) : null;
            case LKEY:
                return labelledKey(m.group("lklabel"), m.group("lkval"))
                        ? at(SensitiveType.API_KEY, m.start("lkval"), m.end("lkval")) : null;
            case EMAIL:
                return email(s) ? at(SensitiveType.EMAIL, m.start(), m.end()) : null;
            case IBAN:
                return iban(m);
            case CARD:
                return card(s) ? at(SensitiveType.CREDIT_CARD, m.start(), m.end()) : null;
            case SSN:
                return Checksums.ssn(s) ? at(SensitiveType.SSN, m.start(), m.end()) : null;
            case IPV4:
                return ipv4(s) && !versionContext(text, m.start()) ? at(SensitiveType.IP_ADDRESS, m.start(), m.end()) : null;
            case IPV6:
                return ipv6(s) ? at(SensitiveType.IP_ADDRESS, m.start(), m.end()) : null;
            case PHONE:
                return phone(s) && !versionContext(text, m.start()) ? at(SensitiveType.PHONE, m.start(), m.end()) : null;
            default:
                return null;
        }
    }

    private static Finding at(SensitiveType t, int start, int end) {
        return new Finding(t, start, end);
    }

    // ---- secrets ----

    private static boolean jwt(String s) {
        String header = s.substring(0, s.indexOf('.'));
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(stripPadding(header));
            JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            return node != null && node.isObject() && node.hasNonNull("alg");
        } catch (IllegalArgumentException | java.io.IOException e) {
            return false;
        }
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Key-shaped: has digits, upper and lower case letters; a slug like {@code sk-learn-docs} is not a key. */
    private static boolean mixedCase(String s) {
        boolean digit = false, upper = false, lower = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            digit |= c >= '0' && c <= '9';
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return digit && upper && lower;
    }

    private static boolean hex32(String v) {
        return v.length() == 32 && v.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    /**
     * A value after a key label: a 32-hex value (Azure OpenAI / APIM subscription key) whatever the
     * label; a 40-char base64 value after a secret label (AWS secret access key); after an explicit
     * API/subscription/secret label any 20+ char value mixing letters and digits. A bare
     * {@code key:} only counts with the Azure 32-hex shape, and nothing counts without a label:
     * UUIDs and hashes on their own are not keys.
     */
    private static boolean labelledKey(String label, String value) {
        if (placeholder(value)) {
            return false;
        }
        if (hex32(value)) {
            return true;
        }
        String l = label.toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
        if (l.equals("key") || l.startsWith("accesskey")) {
            return l.equals("accesskey") && value.length() >= 20 && hasLetterAndDigit(value) && !isHex(value);
        }
        if (l.contains("secret") && value.length() == 40 && value.matches("[A-Za-z0-9/+]{40}")) {
            return true;
        }
        return value.length() >= 20 && hasLetterAndDigit(value);
    }

    private static boolean isHex(String v) {
        return v.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }

    private static boolean hasLetterAndDigit(String v) {
        return v.chars().anyMatch(Character::isDigit) && v.chars().anyMatch(Character::isLetter);
    }

    private static boolean placeholder(String v) {
        String l = v.toLowerCase(Locale.ROOT);
        return PLACEHOLDER_WORDS.contains(l) || l.contains("your") || l.contains("example") || l.contains("xxxx")
                || l.contains("***") || l.contains("...") || l.contains("${") || l.contains("{{")
                || l.startsWith("<") || l.startsWith("{") || l.startsWith("%") || l.startsWith("$");
    }

    private static Finding connectionKey(String text, Matcher m, int floor) {
        String name = m.group("ckname").toLowerCase(Locale.ROOT);
        String value = m.group("ckval");
        if (placeholder(value)) {
            return null;
        }
        int start = connectionStart(text, m.start(), floor);
        int end = m.end();
        Matcher tail = CONN_TAIL.matcher(text).region(end, text.length());
        if (tail.lookingAt()) {
            end = tail.end();
        }
        if (name.equals("accountkey") || name.equals("sharedaccesskey")) {
            return value.length() >= 20 && value.matches("[A-Za-z0-9+/=]+")
                    ? at(SensitiveType.CONNECTION_STRING, start, end) : null;
        }
        // Password= alone is a sentence; with Server=/User ID=/Database= around it, a DB connection string
        return DB_KEYS.matcher(text.substring(start, end)).find()
                ? at(SensitiveType.CONNECTION_STRING, start, end) : null;
    }

    /**
     * Start of the connection string around a key at {@code pos}: earlier {@code key=value;} segments
     * belong to it (spaces after {@code ;} and in keys like {@code Data Source} allowed); prose before
     * its first key does not.
     */
    private static int connectionStart(String text, int pos, int floor) {
        int start = pos;
        while (true) {
            int i = start;
            while (i > floor && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                i--;
            }
            if (i <= floor || text.charAt(i - 1) != ';') {
                break;
            }
            int segEnd = i - 1;
            int segStart = segEnd;
            while (segStart > floor && "\r\n;\"'`<>".indexOf(text.charAt(segStart - 1)) < 0) {
                segStart--;
            }
            String seg = text.substring(segStart, segEnd);
            int eq = seg.indexOf('=');
            if (eq <= 0) {
                break;
            }
            start = segStart + keyStart(seg, eq);
            if (start != segStart) {
                break; // prose before this segment's key: the connection string starts here
            }
        }
        return start;
    }

    /** Offset within {@code seg} where the key before {@code eq} begins: its last word, or last two for a known two-word key. */
    private static int keyStart(String seg, int eq) {
        int k = eq;
        while (k > 0 && seg.charAt(k - 1) == ' ') {
            k--;
        }
        int wordStart = k;
        while (wordStart > 0 && !Character.isWhitespace(seg.charAt(wordStart - 1))) {
            wordStart--;
        }
        int before = wordStart;
        while (before > 0 && seg.charAt(before - 1) == ' ') {
            before--;
        }
        int prevStart = before;
        while (prevStart > 0 && !Character.isWhitespace(seg.charAt(prevStart - 1))) {
            prevStart--;
        }
        if (before < wordStart && prevStart < before
                && MULTIWORD_KEY_FIRST.contains(seg.substring(prevStart, before).toLowerCase(Locale.ROOT))) {
            wordStart = prevStart;
        }
        if (wordStart == 0 || seg.substring(0, wordStart).isBlank()) {
            return 0;
        }
        return wordStart;
    }

    private static int tokenStart(String text, int pos, int floor) {
        int i = pos;
        while (i > floor && !Character.isWhitespace(text.charAt(i - 1)) && "\"'`<>".indexOf(text.charAt(i - 1)) < 0) {
            i--;
        }
        return i;
    }

    private static int tokenEnd(String text, int pos) {
        int i = pos;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "\"'`<>".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    // ---- PII ----

    private static boolean email(String s) {
        int at = s.indexOf('@');
        String local = s.substring(0, at);
        String tld = s.substring(s.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return !local.endsWith(".") && !local.contains("..") && !FILE_TLDS.contains(tld)
                && !local.equalsIgnoreCase("git");
    }

    private static Finding iban(Matcher m) {
        String raw = m.group();
        StringBuilder compact = new StringBuilder();
        int[] srcEnd = new int[raw.length() + 1];
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) != ' ') {
                compact.append(raw.charAt(i));
                srcEnd[compact.length()] = i + 1;
            }
        }
        Integer expected = Checksums.IBAN_LENGTHS.get(compact.substring(0, 2));
        int len = compact.length();
        if (expected != null) {
            if (len < expected) {
                return null;
            }
            int cut = srcEnd[expected];
            // a longer run is only an IBAN followed by something if the cut falls on a group gap
            if (len > expected && (cut >= raw.length() || raw.charAt(cut) != ' ')) {
                return null;
            }
            len = expected;
        } else if (len < 15 || len > 34) {
            return null;
        }
        return Checksums.ibanMod97(compact.substring(0, len))
                ? at(SensitiveType.IBAN, m.start(), m.start() + srcEnd[len]) : null;
    }

    private static boolean card(String s) {
        String digits = s.replaceAll("[ -]", "");
        if (!Checksums.luhn(digits) || !Checksums.plausibleCard(digits)) {
            return false;
        }
        if (digits.length() == s.length()) {
            return true;
        }
        boolean spaces = s.indexOf(' ') >= 0, dashes = s.indexOf('-') >= 0;
        if (spaces && dashes) {
            return false;
        }
        // grouped numbers are grouped like cards: 4-4-4-4(-3), 4-6-5 / 4-6-4
        String[] groups = s.split("[ -]");
        String shape = String.join(",", java.util.Arrays.stream(groups).map(g -> String.valueOf(g.length())).toList());
        if (shape.equals("4,6,5") || shape.equals("4,6,4")) {
            return true;
        }
        for (int i = 0; i < groups.length - 1; i++) {
            if (groups[i].length() != 4) {
                return false;
            }
        }
        return groups[groups.length - 1].length() <= 4;
    }

    private static boolean ipv4(String s) {
        String[] parts = s.split("\\.");
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            if (parts[i].length() > 1 && parts[i].charAt(0) == '0') {
                return false;
            }
            o[i] = Integer.parseInt(parts[i]);
            if (o[i] > 255) {
                return false;
            }
        }
        // unspecified, loopback and netmask-like addresses identify nobody
        return !(o[0] == 0 || o[0] == 127 || o[0] == 255);
    }

    private static boolean ipv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int nonEmpty = 0;
        for (String g : groups) {
            if (g.length() > 4) {
                return false;
            }
            if (!g.isEmpty()) {
                nonEmpty++;
            }
        }
        if (dc < 0) {
            return groups.length == 8 && nonEmpty == 8;
        }
        return nonEmpty >= 3 && nonEmpty <= 7;
    }

    private static boolean phone(String s) {
        String digits = s.replaceAll("\\D", "");
        if (digits.chars().distinct().count() < 3) {
            return false;
        }
        if (s.startsWith("+")) {
            return digits.length() >= 8 && digits.length() <= 15;
        }
        if (s.startsWith("0")) {
            return digits.length() == 10 || digits.length() == 11;
        }
        // North American, optionally with the trunk prefix 1: area code starts 2-9
        if (digits.length() == 11 && digits.charAt(0) == '1') {
            digits = digits.substring(1);
        }
        return digits.length() == 10 && digits.charAt(0) >= '2';
    }

    /** {@code version 10.2.3.4} or {@code build 020 1234 5678} is a number, not an address. */
    private static boolean versionContext(String text, int start) {
        int from = Math.max(0, start - 16);
        return VERSION_CONTEXT.matcher(text.substring(from, start)).find();
    }
}

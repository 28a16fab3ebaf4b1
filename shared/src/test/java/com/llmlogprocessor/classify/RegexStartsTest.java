package com.llmlogprocessor.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmlogprocessor.conversation.ChatText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexStartsTest {

    @Test
    void givenLiteralAlternativesAndSpaces_thenStartsAreTheLiteralsLowerCased() {
        RegexStarts.Starts s = RegexStarts.of("\\b(?:Ignore|forget)\\s+(?:all\\s+)?x");
        assertThat(s.atInputStart()).isFalse();
        assertThat(s.literals()).contains("ignore ", "ignore\t", "ignore\n", "forget ", "forget\r").hasSize(12);
        assertThat(RegexStarts.of("\\bjailbr(?:eak|oken|eaking)\\b").literals())
                .containsExactlyInAnyOrder("jailbreak", "jailbroken", "jailbreaking");
        assertThat(RegexStarts.of("(?-i:\\bDAN\\b)").literals()).containsExactly("dan");
        assertThat(RegexStarts.of("\\bai?s\\b").literals()).containsExactlyInAnyOrder("as", "ais");
    }

    @Test
    void givenAnchorsClassesAndSupplementaryRanges_thenStartsFollowThem() {
        RegexStarts.Starts s = RegexStarts.of("<\\|system\\|>|(?:^|\\n)\\s*#{2,}\\s*system");
        assertThat(s.atInputStart()).isTrue();
        assertThat(s.literals()).containsExactlyInAnyOrder("<|system|>", "\n");
        assertThat(RegexStarts.of("[\\x{E0000}-\\x{E007F}]{4,}").literals()).containsExactly("\uDB40");
        assertThat(RegexStarts.of("[\\\"“]\\s*(?:ignore)").literals()).containsExactlyInAnyOrder("\"", "“");
        assertThat(RegexStarts.of("\uD83D\uDD13|\\[jailbreak\\]").literals()).containsExactlyInAnyOrder("\uD83D\uDD13", "[jailbreak]");
    }

    @Test
    void givenPatternsThatMayStartAnywhereOrUnknownSyntax_thenNull() {
        for (String re : new String[] {".foo", "a*b", "\\w+", "[^a]x", "(?m)^a", "(?x)a b", "(?u)k", "(a)\\1", "x?", "\\Gx",
                "[a-z&&[^b]]", "(?:a|)"}) {
            assertThat(RegexStarts.of(re)).as(re).isNull();
        }
    }

    @Test
    void givenBundledRules_thenEveryStartIsKnownAndTheDetectorUsesTheIndex() {
        assertThat(PromptAttackDetector.bundled().indexed()).isTrue();
    }

    /** Soundness on real text: every match of every bundled rule starts with one of the rule's literal starts. */
    @Test
    void givenBundledRulesOnCorpus_thenEveryMatchStartsWithAStart() throws IOException {
        List<String> texts = new ArrayList<>();
        for (ChatText c : ClassifierTexts.corpus()) {
            texts.add(c.text());
            texts.add(c.text().toUpperCase(Locale.ROOT));
            texts.add("x\n" + c.text().replace(' ', '\t'));
        }
        int matches = 0;
        for (JsonNode rule : rules()) {
            String pattern = rule.path("pattern").asText();
            RegexStarts.Starts starts = RegexStarts.of(pattern);
            assertThat(starts).as(rule.path("id").asText()).isNotNull();
            Pattern compiled = Pattern.compile(pattern, Pattern.CASE_INSENSITIVE);
            for (String t : texts) {
                Matcher m = compiled.matcher(t);
                int from = 0;
                while (from < t.length() && m.find(from)) {
                    matches++;
                    assertThat(startsWithOne(t, m.start(), starts.literals()) || (m.start() == 0 && starts.atInputStart()))
                            .as(rule.path("id").asText() + " at " + m.start()).isTrue();
                    from = m.start() + 1;
                }
            }
        }
        assertThat(matches).isGreaterThan(100);
    }

    private static boolean startsWithOne(String text, int at, Set<String> literals) {
        for (String l : literals) {
            if (at + l.length() <= text.length()) {
                boolean ok = true;
                for (int i = 0; i < l.length() && ok; i++) {
                    char c = text.charAt(at + i);
                    ok = (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) == l.charAt(i);
                }
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode rules() throws IOException {
        try (InputStream in = RegexStartsTest.class.getResourceAsStream(PromptAttackDetector.RULES_RESOURCE)) {
            return new ObjectMapper().readTree(in).path("rules");
        }
    }
}

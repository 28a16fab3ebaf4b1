package com.llmlogprocessor.enrich;

/**
 * The question of a conversation for FAQ grouping.
 *
 * @param text        readable normalised form (lower case, PII/secrets as placeholders, at most 300 chars)
 * @param fingerprint exact group key, 16 hex chars: paraphrases that differ only in stop words,
 *                    word order, inflection or punctuation share it
 * @param simhash     64-bit SimHash over word shingles, for merging near-duplicates by
 *                    {@link QuestionFingerprint#hamming(long, long)} distance
 */
public record Question(String text, String fingerprint, long simhash) {
}

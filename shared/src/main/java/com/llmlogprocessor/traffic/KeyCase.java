package com.llmlogprocessor.traffic;

/**
 * Key spelling of delivered records. PASCAL upper-cases the first letter of every top-level key
 * and every key inside {@code properties} ({@code Time}, {@code Category}, {@code CorrelationId},
 * {@code SequenceNumber}, {@code RequestMessages}, {@code PromptTokens}...) but leaves the name
 * {@code properties} itself as is.
 */
public enum KeyCase {
    CAMEL,
    PASCAL,
    /** Per record, camel or Pascal at random. */
    MIXED
}

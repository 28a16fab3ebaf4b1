/**
 * Seeded synthetic APIM traffic for tests, local sample data and benchmarks: what a diagnostic
 * setting writes to Event Hub for {@code GatewayLlmLogs} and {@code GatewayLogs}, with the ground
 * truth to check a pipeline against.
 *
 * <pre>{@code
 * TrafficGenerator gen = new TrafficGenerator(42);                  // same seed -> same bytes
 * List<GeneratedCall> calls = gen.mix(200, Mix.REALISTIC);
 * calls.add(gen.call(CallSpec.builder().size(Size.TINY).emoji(true)
 *         .forceCut(CutKind.BETWEEN_SURROGATE_ESCAPES).build()));
 * List<String> bodies = gen.bodies(calls, Delivery.chaotic());      // shuffled, duplicated, mixed envelopes
 * List<List<String>> batches = TrafficGenerator.batches(bodies, 64, new Random(1));
 * // after processing: for each call, the stored request equals call.requestMessages(), the
 * // joined fragments equal call.requestMessagesJson(), the caller equals call.caller(), ...
 * }</pre>
 *
 * <p>Fragment boundaries are classified by {@link com.llmlogprocessor.traffic.EscapedJson#classifyCuts}
 * / {@link com.llmlogprocessor.traffic.EscapedJson#classifyFragmentBoundaries}.
 */
package com.llmlogprocessor.traffic;

package com.llmlogprocessor.traffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Seeded, reproducible synthetic APIM traffic: the GatewayLlmLogs and GatewayLogs records a
 * diagnostic setting writes to Event Hub (see {@code docs/apim-llm-logs.md}), together with the
 * ground truth a correct pipeline must recover from them.
 *
 * <p>Same seed and same sequence of method calls give byte-identical output: all randomness comes
 * from one {@link SplittableRandom}; each call and each delivery draws its own child seed from it,
 * so one call's size does not shift the next call's content. Times come from a clock that starts
 * at a seed-derived instant in 2026 and ticks forward per call.
 *
 * <p>Not thread-safe; use one instance per thread.
 */
public final class TrafficGenerator {

    /** APIM's per-side limit for logged messages; anything past it is dropped silently. */
    public static final int APIM_CAP_CHARS = 2 * 1024 * 1024;

    public static final String LLM_CATEGORY = "GatewayLlmLogs";
    public static final String GATEWAY_CATEGORY = "GatewayLogs";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant EPOCH_2026 = Instant.parse("2026-01-01T00:00:00Z");
    private static final char[] ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** deployment name → versioned model name that serves it. */
    private static final String[][] DEPLOYMENTS = {
            {"gpt-4o", "gpt-4o-2024-11-20"},
            {"gpt-4o-mini", "gpt-4o-mini-2024-07-18"},
            {"gpt-4.1", "gpt-4.1-2025-04-14"},
            {"gpt-4.1-mini", "gpt-4.1-mini-2025-04-14"},
            {"o4-mini", "o4-mini-2025-04-16"},
            {"gpt-5-mini", "gpt-5-mini-2025-08-07"},
            {"chat-prod", "gpt-4.1-2025-04-14"}};
    private static final String[] API_VERSIONS = {"2024-10-21", "2024-06-01", "2025-01-01-preview", "2025-04-01-preview"};
    private static final String[][] REGIONS = {
            {"West Europe", "weu"}, {"East US 2", "eus2"}, {"Sweden Central", "swc"}, {"Japan East", "jpe"}};
    private static final String[] SKUS = {"Developer", "Premium", "StandardV2", "BasicV2"};
    private static final String[] SERVICES = {"apim-contoso-genai", "apim-fabrikam-ai-prod", "apim-woodgrove-llm"};
    private static final String[] RESOURCE_GROUPS = {"RG-GENAI-GATEWAY", "RG-AI-PLATFORM-PROD", "RG-LLM-SHARED"};
    private static final String[] TEAMS = {"alpha", "bravo", "search", "support-bot", "finance", "hr-assistant",
            "dev-tools", "marketing"};
    private static final String[] PRODUCTS = {"genai-standard", "genai-premium", "internal-tools"};
    private static final String[] USERS = {"1", "alice", "bob-contoso-com", "svc-chatbot", "carol", "dave-fabrikam"};
    private static final String[] FILTER_CATEGORIES = {"hate", "sexual", "violence", "self_harm"};

    private final SplittableRandom master;
    private final Service service;
    private final List<Caller> callers;
    private Instant clock;

    private record Service(String resourceId, String name, String region, String regionCode, String sku,
                           String gatewayHost, String backendHost, String deploymentVersion) {
    }

    private record Caller(String subscriptionId, String productId, String userId, String ipAddress) {
    }

    /** A place in a message tree where composed text goes, with its share of the size budget. */
    private record TextSlot(ObjectNode holder, String field, double weight) {
    }

    public TrafficGenerator(long seed) {
        this.master = new SplittableRandom(seed);
        SplittableRandom r = new SplittableRandom(master.nextLong());
        String[] region = REGIONS[r.nextInt(REGIONS.length)];
        String name = SERVICES[r.nextInt(SERVICES.length)];
        String armSubscription = uuid(r).toUpperCase();
        this.service = new Service(
                "/SUBSCRIPTIONS/" + armSubscription + "/RESOURCEGROUPS/" + RESOURCE_GROUPS[r.nextInt(RESOURCE_GROUPS.length)]
                        + "/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/" + name.toUpperCase(),
                name, region[0], region[1], SKUS[r.nextInt(SKUS.length)],
                name + ".azure-api.net", "aoai-" + name.substring(5) + "-" + region[1] + ".openai.azure.com",
                "0." + (50 + r.nextInt(10)) + "." + (10000 + r.nextInt(9000)) + ".0");
        List<Caller> cs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String ip = r.nextInt(5) == 0
                    ? "2001:db8::" + Integer.toHexString(1 + r.nextInt(0xfffe))
                    : (r.nextBoolean() ? "203.0.113." : "198.51.100.") + (1 + r.nextInt(254));
            cs.add(new Caller("team-" + TEAMS[i] + "-" + (r.nextBoolean() ? "prod" : "dev"),
                    PRODUCTS[r.nextInt(PRODUCTS.length)], USERS[r.nextInt(USERS.length)], ip));
        }
        this.callers = List.copyOf(cs);
        this.clock = EPOCH_2026.plusSeconds(r.nextLong(300L * 24 * 3600)).plusNanos(r.nextLong(1_000_000_000L) / 100 * 100);
    }

    // ------------------------------------------------------------------ calls

    /** One call as the spec describes; advances the generator's clock unless the spec fixes the time. */
    public GeneratedCall call(CallSpec spec) {
        return generate(spec, new SplittableRandom(master.nextLong()));
    }

    /** {@code n} calls drawn from a canned distribution; see {@link Mix}. */
    public List<GeneratedCall> mix(int n, Mix mix) {
        List<GeneratedCall> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SplittableRandom r = new SplittableRandom(master.nextLong());
            out.add(generate(specFor(mix, i, r), r));
        }
        return out;
    }

    private GeneratedCall generate(CallSpec spec, SplittableRandom r) {
        Instant time = spec.time() != null ? spec.time() : tick(r);
        String correlationId = uuid(r);
        String[] dep = pickDeployment(spec.deployment(), r);
        String deployment = spec.outcome() == CallOutcome.PROBE && r.nextBoolean() ? "" : dep[0];
        boolean complete = spec.outcome() == CallOutcome.COMPLETE;
        String model = complete ? dep[1] : "";
        String apiDate = API_VERSIONS[r.nextInt(API_VERSIONS.length)];
        String apiVersionRaw = apiDate.endsWith("-preview") || r.nextInt(10) == 0 ? apiDate : apiDate + "T00:00:00.0000000";
        String requestId = complete ? "chatcmpl-" + alnum(r, 29) : "";

        TextComposer composer = new TextComposer(r, spec.escapeStyle(),
                spec.nonAscii() || spec.forcedCuts().contains(CutKind.INSIDE_UNICODE_ESCAPE),
                spec.emoji() || spec.forcedCuts().contains(CutKind.BETWEEN_SURROGATE_ESCAPES),
                spec.controlChars());
        ArrayNode request = null;
        String requestLogged = null;
        boolean requestTruncated = false;
        long promptTokens = 0;
        if (spec.hasMessages()) {
            request = buildRequest(spec, r, composer);
            String full = EscapedJson.write(request, spec.escapeStyle());
            requestTruncated = full.length() > APIM_CAP_CHARS;
            requestLogged = requestTruncated ? full.substring(0, APIM_CAP_CHARS) : full;
            promptTokens = estimatePromptTokens(request, r);
        }
        JsonNode response = null;
        String responseLogged = null;
        boolean responseTruncated = false;
        long completionTokens = 0;
        if (complete) {
            response = buildResponse(spec, r, composer);
            String full = EscapedJson.write(response, spec.escapeStyle());
            responseTruncated = full.length() > APIM_CAP_CHARS;
            responseLogged = responseTruncated ? full.substring(0, APIM_CAP_CHARS) : full;
            completionTokens = estimateCompletionTokens(response, r);
        } else {
            promptTokens = 0; // failed and filtered calls report no usage
        }
        long cached = promptTokens >= 1024 && r.nextInt(3) == 0 ? 128L * (1 + r.nextInt((int) (promptTokens / 128))) : 0;

        String ts = TIME_FORMAT.format(time);
        List<ObjectNode> records = new ArrayList<>();
        ObjectNode meta = llmRecord(ts, correlationId, 0);
        ObjectNode p = (ObjectNode) meta.get("properties");
        p.put("deploymentName", deployment);
        p.put("modelName", model);
        p.put("apiVersion", apiVersionRaw);
        p.put("requestId", requestId);
        p.put("isStreamCompletion", spec.streaming());
        p.put("promptTokens", promptTokens);
        p.put("completionTokens", completionTokens);
        p.put("totalTokens", promptTokens + completionTokens);
        p.put("promptCachedTokens", cached);
        records.add(meta);
        int seq = 1;
        if (requestLogged != null) {
            for (String fragment : cut(requestLogged, spec, r)) {
                ObjectNode rec = llmRecord(ts, correlationId, seq++);
                ((ObjectNode) rec.get("properties")).put("requestMessages", fragment);
                records.add(rec);
            }
        }
        if (responseLogged != null) {
            for (String fragment : cut(responseLogged, spec, r)) {
                ObjectNode rec = llmRecord(ts, correlationId, seq++);
                ((ObjectNode) rec.get("properties")).put("responseMessages", fragment);
                records.add(rec);
            }
        }

        ObjectNode gatewayRecord = null;
        CallerIdentity caller = null;
        if (spec.withGatewayLog()) {
            Caller who = callers.get(r.nextInt(callers.size()));
            int code = switch (spec.outcome()) {
                case COMPLETE -> 200;
                case NO_RESPONSE -> 429;
                case CONTENT_FILTERED -> 400;
                case PROBE -> new int[] {401, 401, 401, 404, 200}[r.nextInt(5)];
            };
            long duration = switch (spec.outcome()) {
                case COMPLETE -> Math.min(900_000, 150 + r.nextInt(50, 400) + completionTokens * r.nextInt(2, 12));
                case PROBE -> 1 + r.nextInt(20);
                default -> 40 + r.nextInt(400);
            };
            boolean anonymous = spec.outcome() == CallOutcome.PROBE && code == 401;
            gatewayRecord = gatewayRecord(ts, correlationId, spec, deployment, apiDate, who, anonymous, code, duration,
                    requestLogged == null ? 0 : requestLogged.length(), responseLogged == null ? 0 : responseLogged.length(), r);
            caller = new CallerIdentity(anonymous ? null : who.subscriptionId(), anonymous ? null : who.productId(),
                    anonymous ? null : who.userId(), who.ipAddress(), "azure-openai-api",
                    spec.outcome() == CallOutcome.PROBE ? "Models_List" : "ChatCompletions_Create", code, duration);
        }
        return new GeneratedCall(correlationId, time, spec.outcome(), deployment, model, apiVersionRaw, requestId,
                spec.streaming(), promptTokens, completionTokens, cached, requestLogged, responseLogged,
                requestTruncated, responseTruncated, request, response, caller, records, gatewayRecord);
    }

    private Instant tick(SplittableRandom r) {
        clock = clock.plusNanos(r.nextLong(20_000_000L, 3_000_000_000L) / 100 * 100);
        return clock;
    }

    private static String[] pickDeployment(String wanted, SplittableRandom r) {
        if (wanted != null) {
            for (String[] d : DEPLOYMENTS) {
                if (d[0].equals(wanted)) {
                    return d;
                }
            }
            return new String[] {wanted, wanted + "-2025-01-01"};
        }
        // skewed: the first deployments are the busy ones
        int i = Math.min(r.nextInt(DEPLOYMENTS.length), r.nextInt(DEPLOYMENTS.length));
        return DEPLOYMENTS[i];
    }

    // ------------------------------------------------------------------ messages

    private ArrayNode buildRequest(CallSpec spec, SplittableRandom r, TextComposer composer) {
        int target = r.nextInt(spec.size().requestMin, spec.size().requestMax + 1);
        ArrayNode messages = NODES.arrayNode();
        List<TextSlot> slots = new ArrayList<>();
        ObjectNode system = messages.addObject().put("role", "system").put("content", "");
        slots.add(new TextSlot(system, "content", 0.08));
        TextSlot lastUserSlot = null;
        for (int turn = 1; turn <= spec.turns(); turn++) {
            boolean last = turn == spec.turns();
            ObjectNode user = messages.addObject().put("role", "user");
            double weight = last ? 1.5 + r.nextDouble() * 1.5 : 0.5 + r.nextDouble();
            if (spec.contentParts()) {
                ArrayNode parts = user.putArray("content");
                String textType = r.nextInt(8) == 0 ? "input_text" : "text";
                ObjectNode text = parts.addObject().put("type", textType).put("text", "");
                TextSlot slot = new TextSlot(text, "text", weight);
                slots.add(slot);
                if (last) {
                    lastUserSlot = slot;
                }
                if (target >= 2_000 && r.nextInt(3) > 0) {
                    int imageChars = (int) Math.max(100, target * (0.03 + r.nextDouble() * 0.2) / spec.turns());
                    parts.addObject().put("type", "image_url").putObject("image_url").put("url", dataUrl(r, imageChars));
                }
                if (r.nextInt(4) == 0) {
                    ObjectNode more = parts.addObject().put("type", textType).put("text", "");
                    slots.add(new TextSlot(more, "text", weight / 3));
                }
            } else {
                user.put("content", "");
                TextSlot slot = new TextSlot(user, "content", weight);
                slots.add(slot);
                if (last) {
                    lastUserSlot = slot;
                }
            }
            if (!last) {
                ObjectNode assistant = messages.addObject().put("role", "assistant").put("content", "");
                slots.add(new TextSlot(assistant, "content", 0.5 + r.nextDouble()));
            }
        }
        List<String> insertions = new ArrayList<>(mustInclude(spec));
        for (String s : new String[] {spec.piiText(), spec.secretText(), spec.injectionText()}) {
            if (s != null && !s.isEmpty()) {
                insertions.add(s);
            }
        }
        fill(messages, slots, lastUserSlot, insertions, target, spec.escapeStyle(), composer);
        return messages;
    }

    private JsonNode buildResponse(CallSpec spec, SplittableRandom r, TextComposer composer) {
        int target = r.nextInt(spec.size().responseMin, spec.size().responseMax + 1);
        if (spec.size() == Size.OVER_CAP && r.nextBoolean()) {
            target = r.nextInt(Size.CAP.responseMin, Size.CAP.responseMax + 1); // only the request overflowed
        }
        List<TextSlot> slots = new ArrayList<>();
        JsonNode root;
        if (spec.responseAsArray()) {
            ArrayNode array = NODES.arrayNode();
            int n = 1 + r.nextInt(2);
            for (int i = 0; i < n; i++) {
                slots.add(new TextSlot(array.addObject().put("role", "assistant").put("content", ""), "content",
                        0.5 + r.nextDouble()));
            }
            root = array;
        } else {
            ObjectNode message = NODES.objectNode().put("role", "assistant").put("content", "");
            slots.add(new TextSlot(message, "content", 1));
            root = message;
        }
        fill(root, slots, slots.get(0), mustInclude(spec), target, spec.escapeStyle(), composer);
        return root;
    }

    /**
     * Composes every slot's text so that the whole tree serialises to at most {@code target}
     * escaped characters (when the fixed parts and insertions allow), then puts the insertions
     * into {@code insertInto} at word boundaries.
     */
    private static void fill(JsonNode root, List<TextSlot> slots, TextSlot insertInto, List<String> insertions,
                             int target, EscapeStyle style, TextComposer composer) {
        int overhead = EscapedJson.write(root, style).length();
        int reserved = 0;
        for (String s : insertions) {
            reserved += EscapedJson.escapedLength(s, style) + 1;
        }
        long available = Math.max(0, (long) target - overhead - reserved);
        double totalWeight = slots.stream().mapToDouble(TextSlot::weight).sum();
        for (TextSlot slot : slots) {
            int budget = (int) (available * slot.weight() / totalWeight);
            slot.holder().put(slot.field(), composer.compose(budget));
        }
        if (insertInto != null) {
            for (String s : insertions) {
                String text = insertInto.holder().get(insertInto.field()).textValue();
                insertInto.holder().put(insertInto.field(), composer.insertAtWordBoundary(text, s));
            }
        }
    }

    /** Characters a forced cut needs in the text: a quote for a backslash, é for \\u, an emoji for a pair. */
    private static List<String> mustInclude(CallSpec spec) {
        List<String> out = new ArrayList<>();
        for (CutKind kind : spec.forcedCuts()) {
            switch (kind) {
                case AFTER_BACKSLASH -> out.add("\"quoted\"\\n");
                case INSIDE_UNICODE_ESCAPE -> out.add("café");
                case BETWEEN_SURROGATE_ESCAPES -> out.add("😀");
                default -> { }
            }
        }
        return out;
    }

    private static String dataUrl(SplittableRandom r, int chars) {
        byte[] bytes = new byte[Math.max(3, chars * 3 / 4)];
        r.nextBytes(bytes);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static long estimatePromptTokens(JsonNode messages, SplittableRandom r) {
        long tokens = 3;
        for (JsonNode m : messages) {
            tokens += 4;
            JsonNode content = m.get("content");
            if (content.isTextual()) {
                tokens += textTokens(content.textValue());
            } else {
                for (JsonNode part : content) {
                    tokens += part.has("image_url") ? 85 + 170L * r.nextInt(1, 5) : textTokens(part.path("text").asText());
                }
            }
        }
        return jitter(tokens, r);
    }

    private static long estimateCompletionTokens(JsonNode response, SplittableRandom r) {
        long tokens = 0;
        for (JsonNode m : response.isArray() ? response : List.of(response)) {
            tokens += textTokens(m.path("content").asText());
        }
        return Math.max(1, jitter(tokens, r));
    }

    /** About four ASCII characters per token, one token per other code point. */
    private static long textTokens(String s) {
        long ascii = 0;
        long other = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ascii++;
            } else if (!Character.isLowSurrogate(c)) {
                other++;
            }
        }
        return (ascii + 3) / 4 + other;
    }

    private static long jitter(long tokens, SplittableRandom r) {
        return Math.max(0, Math.round(tokens * (0.9 + 0.2 * r.nextDouble())));
    }

    // ------------------------------------------------------------------ fragments

    /**
     * Cuts the logged JSON into fragments: sizes uniform in the spec's chunk range, plus one cut of
     * each forced kind at a random place where the text allows it.
     */
    private static List<String> cut(String json, CallSpec spec, SplittableRandom r) {
        TreeSet<Integer> cuts = new TreeSet<>();
        int pos = 0;
        while (true) {
            pos += spec.chunkMinChars() == spec.chunkMaxChars()
                    ? spec.chunkMinChars() : r.nextInt(spec.chunkMinChars(), spec.chunkMaxChars() + 1);
            if (pos >= json.length()) {
                break;
            }
            cuts.add(pos);
        }
        for (CutKind kind : spec.forcedCuts()) {
            int at = EscapedJson.pickCut(json, kind, r);
            if (at > 0 && at < json.length()) {
                cuts.add(at);
            }
        }
        List<String> fragments = new ArrayList<>(cuts.size() + 1);
        int from = 0;
        for (int at : cuts) {
            fragments.add(json.substring(from, at));
            from = at;
        }
        fragments.add(json.substring(from));
        return fragments;
    }

    // ------------------------------------------------------------------ records

    private ObjectNode llmRecord(String ts, String correlationId, int seq) {
        ObjectNode rec = NODES.objectNode();
        rec.put("time", ts);
        rec.put("resourceId", service.resourceId());
        rec.put("category", LLM_CATEGORY);
        rec.put("operationName", "Microsoft.ApiManagement/GatewayLlmLogs");
        rec.put("correlationId", correlationId);
        rec.put("Region", service.region());
        rec.put("serviceName", service.name());
        rec.put("Sku", service.sku());
        rec.putObject("properties").put("sequenceNumber", seq);
        return rec;
    }

    private ObjectNode gatewayRecord(String ts, String correlationId, CallSpec spec, String deployment, String apiDate,
                                     Caller who, boolean anonymous, int code, long duration,
                                     int requestChars, int responseChars, SplittableRandom r) {
        boolean probe = spec.outcome() == CallOutcome.PROBE;
        boolean success = code < 400;
        String path = probe && deployment.isEmpty()
                ? "/openai/models" : "/openai/deployments/" + deployment + "/chat/completions";
        String query = "?api-version=" + apiDate;
        ObjectNode rec = NODES.objectNode();
        rec.put("DeploymentVersion", service.deploymentVersion());
        rec.put("Level", success ? 4 : 3);
        rec.put("Sku", service.sku());
        rec.put("callerIpAddress", who.ipAddress());
        rec.put("category", GATEWAY_CATEGORY);
        rec.put("correlationId", correlationId);
        rec.put("durationMs", duration);
        rec.put("isRequestSuccess", success);
        rec.put("location", service.region());
        rec.put("operationName", "Microsoft.ApiManagement/GatewayLogs");
        ObjectNode p = rec.putObject("properties");
        rec.put("resourceId", service.resourceId());
        rec.put("resultType", success ? "Succeeded" : "Failed");
        rec.put("time", ts);
        rec.put("truncated", 0);

        p.put("apiId", "azure-openai-api");
        p.put("apiRevision", "1");
        p.put("operationId", probe ? "Models_List" : "ChatCompletions_Create");
        p.put("method", probe && deployment.isEmpty() ? "GET" : "POST");
        p.put("url", "https://" + service.gatewayHost() + path + query);
        p.put("responseCode", code);
        p.put("responseSize", success ? responseChars + 300 + r.nextInt(200) : 180 + r.nextInt(400));
        p.put("requestSize", requestChars + 40 + r.nextInt(60));
        if (!anonymous) {
            p.put("backendMethod", "POST");
            p.put("backendUrl", "https://" + service.backendHost() + path + query);
            p.put("backendResponseCode", code);
            p.put("backendTime", Math.max(0, duration - 5 - r.nextInt(40)));
            p.put("backendProtocol", "HTTP/1.1");
        }
        p.put("clientProtocol", r.nextBoolean() ? "HTTP/1.1" : "HTTP/2");
        p.put("clientTlsVersion", r.nextInt(4) == 0 ? "1.2" : "1.3");
        p.put("cache", "none");
        if (!anonymous) {
            p.put("apimSubscriptionId", who.subscriptionId());
            p.put("productId", who.productId());
            p.put("userId", who.userId());
        }
        switch (spec.outcome()) {
            case NO_RESPONSE -> {
                p.put("lastErrorReason", "BackendResponseCode429");
                p.put("lastErrorMessage", "Requests to the ChatCompletions_Create Operation have exceeded token rate limit.");
            }
            case CONTENT_FILTERED -> p.put("responseBody", contentFilterError(r));
            case PROBE -> {
                if (anonymous) {
                    p.put("lastErrorReason", "SubscriptionKeyNotFound");
                    p.put("lastErrorMessage", "Access denied due to missing subscription key.");
                }
            }
            default -> { }
        }
        return rec;
    }

    private static String contentFilterError(SplittableRandom r) {
        ObjectNode root = NODES.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", "The response was filtered due to the prompt triggering Azure OpenAI's content management "
                + "policy. Please modify your prompt and retry. To learn more about our content filtering policies "
                + "please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766");
        error.putNull("type");
        error.put("param", "prompt");
        error.put("code", "content_filter");
        error.put("status", 400);
        ObjectNode inner = error.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        ObjectNode result = inner.putObject("content_filter_result");
        boolean jailbreak = r.nextInt(4) == 0;
        String hit = FILTER_CATEGORIES[r.nextInt(FILTER_CATEGORIES.length)];
        for (String category : FILTER_CATEGORIES) {
            boolean filtered = !jailbreak && category.equals(hit);
            result.putObject(category).put("filtered", filtered)
                    .put("severity", filtered ? (r.nextBoolean() ? "high" : "medium") : "safe");
        }
        result.putObject("jailbreak").put("filtered", jailbreak).put("detected", jailbreak);
        return toJson(root);
    }

    // ------------------------------------------------------------------ delivery

    /** Event Hub bodies for the calls' records, delivered as {@code d} says. */
    public List<String> bodies(List<GeneratedCall> calls, Delivery d) {
        return deliver(calls, d).bodies();
    }

    /** Like {@link #bodies}, with counts of what was added beyond the calls' own records. */
    public Delivered deliver(List<GeneratedCall> calls, Delivery d) {
        SplittableRandom r = new SplittableRandom(master.nextLong());
        List<ObjectNode> records = new ArrayList<>();
        for (GeneratedCall call : calls) {
            boolean gatewayFirst = call.gatewayLogRecord() != null && r.nextInt(10) < 3;
            if (gatewayFirst) {
                records.add(call.gatewayLogRecord());
            }
            records.addAll(call.llmRecords());
            if (call.gatewayLogRecord() != null && !gatewayFirst) {
                records.add(call.gatewayLogRecord());
            }
        }
        int other = 0;
        List<GeneratedCall> probes = new ArrayList<>();
        if (d.interleaveOtherCategories()) {
            int extras = Math.max(3, records.size() / 20);
            for (int i = 0; i < extras; i++) {
                int kind = i < 3 ? i : r.nextInt(3); // at least one of each
                List<ObjectNode> add = new ArrayList<>();
                switch (kind) {
                    case 0 -> {
                        add.add(webSocketRecord(r));
                        other++;
                    }
                    case 1 -> {
                        add.add(unrelatedGatewayRecord(r));
                        other++;
                    }
                    default -> {
                        GeneratedCall probe = generate(CallSpec.builder().probe().withGatewayLog(r.nextBoolean()).build(),
                                new SplittableRandom(r.nextLong()));
                        probes.add(probe);
                        add.addAll(probe.allRecords());
                    }
                }
                for (ObjectNode rec : add) {
                    records.add(r.nextInt(records.size() + 1), rec);
                }
            }
        }

        List<String> rendered = new ArrayList<>(records.size());
        for (ObjectNode rec : records) {
            KeyCase keyCase = d.keyCase() == KeyCase.MIXED ? (r.nextBoolean() ? KeyCase.CAMEL : KeyCase.PASCAL) : d.keyCase();
            rendered.add(toJson(render(rec, keyCase, d.correlationIdInProperties())));
        }

        // at-least-once: a duplicate always comes after its original, at a random later place
        int n = rendered.size();
        List<double[]> order = new ArrayList<>(n); // [sort key, index]
        int duplicates = 0;
        for (int i = 0; i < n; i++) {
            order.add(new double[] {i, i});
            if (d.duplicateRate() > 0 && r.nextDouble() < d.duplicateRate()) {
                order.add(new double[] {i + 0.5 + r.nextDouble() * (n - i), i});
                duplicates++;
            }
        }
        order.sort((a, b) -> Double.compare(a[0], b[0]));
        List<String> sequence = new ArrayList<>(order.size());
        for (double[] o : order) {
            sequence.add(rendered.get((int) o[1]));
        }
        if (d.shuffle()) {
            for (int i = sequence.size() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                String t = sequence.get(i);
                sequence.set(i, sequence.get(j));
                sequence.set(j, t);
            }
        }
        return new Delivered(group(sequence, d, r), sequence.size(), duplicates, other, probes);
    }

    private static List<String> group(List<String> sequence, Delivery d, SplittableRandom r) {
        List<String> bodies = new ArrayList<>();
        int i = 0;
        while (i < sequence.size()) {
            Envelope envelope = d.envelope();
            if (envelope == Envelope.MIXED) {
                int x = r.nextInt(10);
                envelope = x < 6 ? Envelope.RECORDS_ENVELOPE : x < 8 ? Envelope.BARE_ARRAY : Envelope.SINGLE_RECORD;
            }
            int want = envelope == Envelope.SINGLE_RECORD ? 1
                    : r.nextInt(d.minRecordsPerBody(), d.maxRecordsPerBody() + 1);
            StringBuilder body = new StringBuilder();
            int count = 0;
            while (count < want && i < sequence.size()) {
                String rec = sequence.get(i);
                if (count > 0 && d.maxBodyChars() > 0 && body.length() + rec.length() + 16 > d.maxBodyChars()) {
                    break;
                }
                if (count > 0) {
                    body.append(envelope == Envelope.JSON_LINES ? "\n" : ",");
                }
                body.append(rec);
                count++;
                i++;
            }
            bodies.add(switch (envelope) {
                case RECORDS_ENVELOPE -> "{\"records\":[" + body + "]}";
                case BARE_ARRAY -> "[" + body + "]";
                case JSON_LINES -> body + "\n";
                default -> body.toString();
            });
        }
        return bodies;
    }

    /** A copy of {@code rec} with keys spelled as asked and the correlation id where asked. */
    static ObjectNode render(ObjectNode rec, KeyCase keyCase, boolean correlationIdInProperties) {
        boolean pascal = keyCase == KeyCase.PASCAL;
        ObjectNode out = NODES.objectNode();
        JsonNode correlationId = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = rec.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("properties")) {
                ObjectNode props = out.putObject("properties");
                for (Iterator<Map.Entry<String, JsonNode>> pi = e.getValue().fields(); pi.hasNext(); ) {
                    Map.Entry<String, JsonNode> pe = pi.next();
                    props.set(pascal ? capitalize(pe.getKey()) : pe.getKey(), pe.getValue());
                }
            } else if (correlationIdInProperties && e.getKey().equals("correlationId")) {
                correlationId = e.getValue();
            } else {
                out.set(pascal ? capitalize(e.getKey()) : e.getKey(), e.getValue());
            }
        }
        if (correlationId != null) {
            ObjectNode props = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
            props.set(pascal ? "CorrelationId" : "correlationId", correlationId);
        }
        return out;
    }

    private static String capitalize(String key) {
        return key.isEmpty() || Character.isUpperCase(key.charAt(0))
                ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
    }

    private ObjectNode webSocketRecord(SplittableRandom r) {
        ObjectNode rec = NODES.objectNode();
        rec.put("time", TIME_FORMAT.format(clock.plusMillis(r.nextInt(60_000))));
        rec.put("resourceId", service.resourceId());
        rec.put("category", "WebSocketConnectionLogs");
        rec.put("operationName", "Microsoft.ApiManagement/WebSocketConnectionLogs");
        rec.put("correlationId", uuid(r));
        rec.put("location", service.region());
        ObjectNode p = rec.putObject("properties");
        String[] events = {"ConnectionOpened", "ClientMessageReceived", "ConnectionClosed"};
        p.put("eventName", events[r.nextInt(events.length)]);
        p.put("source", "client");
        p.put("destination", "backend");
        p.put("error", "");
        return rec;
    }

    private ObjectNode unrelatedGatewayRecord(SplittableRandom r) {
        Caller who = callers.get(r.nextInt(callers.size()));
        CallSpec spec = CallSpec.builder().build();
        ObjectNode rec = gatewayRecord(TIME_FORMAT.format(clock.plusMillis(r.nextInt(60_000))), uuid(r), spec, "echo",
                "2024-10-21", who, false, 200, 5 + r.nextInt(200), 100, 200, r);
        ObjectNode p = (ObjectNode) rec.get("properties");
        p.put("apiId", "echo-api");
        p.put("operationId", "retrieve-resource");
        p.put("method", "GET");
        p.put("url", "https://" + service.gatewayHost() + "/echo/resource?param1=sample");
        p.put("backendUrl", "http://echoapi.cloudapp.net/api/resource?param1=sample");
        p.put("backendMethod", "GET");
        return rec;
    }

    // ------------------------------------------------------------------ batches and garbage

    /** Splits bodies, in order, into Event Hub trigger batches of 1..{@code maxBatch} bodies. */
    public static List<List<String>> batches(List<String> bodies, int maxBatch, Random rnd) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1: " + maxBatch);
        }
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        while (i < bodies.size()) {
            int size = Math.min(1 + rnd.nextInt(maxBatch), bodies.size() - i);
            out.add(List.copyOf(bodies.subList(i, i + size)));
            i += size;
        }
        return out;
    }

    /** A body that no parser can decode into records, of a random {@link GarbageKind}. */
    public static String garbageBody(Random rnd) {
        GarbageKind[] kinds = GarbageKind.values();
        return garbageBody(kinds[rnd.nextInt(kinds.length)], rnd);
    }

    public static String garbageBody(GarbageKind kind, Random rnd) {
        return switch (kind) {
            case TRUNCATED_JSON -> {
                String whole = "{\"records\":[{\"time\":\"2026-03-04T10:15:30.1234567Z\",\"category\":\"GatewayLlmLogs\","
                        + "\"correlationId\":\"7d1e0a52-7f36-4f0e-9d4b-2b7b0c6e1a11\",\"properties\":{\"sequenceNumber\":1,"
                        + "\"requestMessages\":\"[{\\\"role\\\":\\\"user\\\",\\\"content\\\":\\\"caf\\\\u00E9\\\"}]\"}}]}";
                yield whole.substring(0, 1 + rnd.nextInt(whole.length() - 1));
            }
            case BINARY_JUNK -> {
                byte[] bytes = new byte[16 + rnd.nextInt(200)];
                rnd.nextBytes(bytes);
                bytes[0] = (byte) 0x8B; // never a valid first byte of JSON text
                yield new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            case RECORDS_NOT_ARRAY -> "{\"records\":\"oops\"}";
            case EMPTY -> "";
            case PLAIN_TEXT -> "Service Unavailable: upstream connect error or disconnect/reset before headers";
        };
    }

    // ------------------------------------------------------------------ mixes

    private static CallSpec specFor(Mix mix, int i, SplittableRandom r) {
        return switch (mix) {
            case REALISTIC -> realistic(r);
            case STRESS -> stress(i, r);
            case EDGE -> edge(i, r);
        };
    }

    private static CallSpec realistic(SplittableRandom r) {
        CallSpec.Builder b = CallSpec.builder();
        int x = r.nextInt(1000);
        b.outcome(x < 30 ? CallOutcome.PROBE : x < 60 ? CallOutcome.NO_RESPONSE
                : x < 70 ? CallOutcome.CONTENT_FILTERED : CallOutcome.COMPLETE);
        int y = r.nextInt(1000);
        b.size(y < 250 ? Size.TINY : y < 700 ? Size.SMALL : y < 970 ? Size.MEDIUM : Size.LARGE);
        b.turns(r.nextInt(10) < 6 ? 1 : 1 + r.nextInt(1, 6));
        b.contentParts(r.nextInt(100) < 15).nonAscii(r.nextInt(100) < 20).emoji(r.nextInt(100) < 10);
        b.streaming(r.nextInt(100) < 40).withGatewayLog(r.nextInt(100) < 90).responseAsArray(r.nextInt(100) < 3);
        if (r.nextInt(100) < 5) {
            b.piiText(pick(SensitiveSample.PII, r).text());
        }
        if (r.nextInt(100) < 3) {
            b.secretText(pick(SensitiveSample.SECRETS, r).text());
        }
        if (r.nextInt(100) < 3) {
            b.injectionText(pick(SensitiveSample.INJECTIONS, r).text());
        }
        return b.build();
    }

    private static CallSpec stress(int i, SplittableRandom r) {
        return CallSpec.builder()
                .size(i % 5 == 4 ? Size.OVER_CAP : Size.CAP)
                .turns(1 + r.nextInt(4))
                .contentParts(r.nextInt(100) < 20).nonAscii(r.nextInt(100) < 30).emoji(r.nextInt(100) < 20)
                .streaming(r.nextBoolean()).withGatewayLog(r.nextInt(10) < 9)
                .build();
    }

    private static CallSpec edge(int i, SplittableRandom r) {
        CallSpec.Builder b = CallSpec.builder()
                .nonAscii(true).emoji(true).controlChars(r.nextBoolean())
                .contentParts(r.nextInt(10) < 3).responseAsArray(r.nextInt(4) == 0)
                .turns(1 + r.nextInt(4)).streaming(r.nextBoolean()).withGatewayLog(r.nextInt(10) < 8)
                .escapeStyle(EscapeStyle.values()[(i / 3) % EscapeStyle.values().length]);
        if (i % 4 == 3) {
            CutKind.ESCAPE_KINDS.forEach(b::forceCut);
        } else {
            b.forceCut(CutKind.ESCAPE_KINDS.get(i % 3));
        }
        int s = r.nextInt(20);
        if (s < 10) {
            b.size(Size.TINY).chunkChars(3, 40);
        } else if (s < 17) {
            b.size(Size.SMALL).chunkChars(50, 600);
        } else {
            int[][] ranges = {{1_000, 5_000}, {1_000, 16_000}, {12_000, 16_000}, {4_096, 4_096}};
            int[] range = ranges[r.nextInt(ranges.length)];
            b.size(Size.MEDIUM).chunkChars(range[0], range[1]);
        }
        if (i >= 3) {
            switch (i % 10) {
                case 7 -> b.noResponse();
                case 8 -> b.probe();
                case 9 -> b.contentFiltered();
                default -> { }
            }
        }
        if (r.nextInt(5) == 0) {
            b.piiText(pick(SensitiveSample.PII, r).text());
        }
        if (r.nextInt(5) == 0) {
            b.secretText(pick(SensitiveSample.SECRETS, r).text());
        }
        if (r.nextInt(5) == 0) {
            b.injectionText(pick(SensitiveSample.INJECTIONS, r).text());
        }
        return b.build();
    }

    // ------------------------------------------------------------------ small helpers

    private static <T> T pick(List<T> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }

    private static String uuid(SplittableRandom r) {
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private static String alnum(SplittableRandom r, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = ALNUM[r.nextInt(ALNUM.length)];
        }
        return new String(out);
    }

    /** Formats an instant the way the records carry it: UTC, seven fractional digits. */
    public static String formatTime(Instant t) {
        return TIME_FORMAT.format(t);
    }

    private static String toJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

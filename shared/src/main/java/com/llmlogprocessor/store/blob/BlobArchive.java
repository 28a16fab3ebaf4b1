package com.llmlogprocessor.store.blob;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmlogprocessor.conversation.Times;
import com.llmlogprocessor.ingest.EventBody;
import com.llmlogprocessor.json.Json;
import com.llmlogprocessor.store.ContentStore;
import com.llmlogprocessor.store.DeadLetters;
import com.llmlogprocessor.store.RawArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * The archive storage account: {@code raw} (every received body, gzip), {@code content} (large
 * request/response contents) and {@code deadletter} (undecodable bodies with reasons).
 */
public final class BlobArchive implements RawArchive, DeadLetters, ContentStore {
    public static final String RAW_CONTAINER = "raw";
    public static final String CONTENT_CONTAINER = "content";
    public static final String DEAD_LETTER_CONTAINER = "deadletter";
    /** Uploads of one batch run in parallel; threads are daemons shared by all invocations. */
    private static final ExecutorService UPLOADS = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "raw-archive-upload");
        t.setDaemon(true);
        return t;
    });

    private final BlobContainerClient raw;
    private final BlobContainerClient content;
    private final BlobContainerClient deadLetters;

    public BlobArchive(BlobServiceClient service) {
        this.raw = service.getBlobContainerClient(RAW_CONTAINER);
        this.content = service.getBlobContainerClient(CONTENT_CONTAINER);
        this.deadLetters = service.getBlobContainerClient(DEAD_LETTER_CONTAINER);
    }

    /** Creates the containers if missing (local runs; in Azure the Bicep template creates them). */
    public BlobArchive ensureContainers() {
        raw.createIfNotExists();
        content.createIfNotExists();
        deadLetters.createIfNotExists();
        return this;
    }

    @Override
    public String put(EventBody body) {
        String name = RawArchive.nameOf(body);
        upload(raw, name, gzip(body.body()), "application/json", "gzip");
        return name;
    }

    @Override
    public List<String> putAll(List<EventBody> bodies) {
        if (bodies.size() <= 1) {
            return RawArchive.super.putAll(bodies);
        }
        List<Future<String>> futures = new ArrayList<>();
        for (EventBody b : bodies) {
            futures.add(UPLOADS.submit(() -> put(b)));
        }
        List<String> names = new ArrayList<>();
        for (Future<String> f : futures) {
            try {
                names.add(f.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while archiving raw bodies", e);
            }
        }
        return names;
    }

    @Override
    public String put(EventBody body, List<String> reasons) {
        String name = DeadLetters.nameOf(body);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.putPOJO("reasons", reasons);
        doc.put("partitionId", body.partitionId());
        doc.put("sequenceNumber", body.sequenceNumber());
        doc.put("enqueuedTime", Times.format(body.enqueuedTime()));
        doc.put("rawBlob", RAW_CONTAINER + "/" + RawArchive.nameOf(body));
        doc.put("body", body.body());
        upload(deadLetters, name, doc.toString().getBytes(StandardCharsets.UTF_8), "application/json", null);
        return name;
    }

    @Override
    public String putCall(String correlationId, List<String> reasons) {
        String name = DeadLetters.callName(correlationId);
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("correlationId", correlationId);
        doc.putPOJO("reasons", reasons);
        upload(deadLetters, name, doc.toString().getBytes(StandardCharsets.UTF_8), "application/json", null);
        return name;
    }

    @Override
    public void put(String name, byte[] json) {
        upload(content, name, json, "application/json", null);
    }

    @Override
    public Optional<byte[]> get(String name) {
        try {
            return Optional.of(content.getBlobClient(name).downloadContent().toBytes());
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void upload(BlobContainerClient container, String name, byte[] data, String type, String encoding) {
        BlobHttpHeaders headers = new BlobHttpHeaders().setContentType(type).setContentEncoding(encoding);
        container.getBlobClient(name).uploadWithResponse(
                new BlobParallelUploadOptions(BinaryData.fromBytes(data)).setHeaders(headers), null, null);
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, text.length() / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

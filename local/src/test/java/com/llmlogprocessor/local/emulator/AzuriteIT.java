package com.llmlogprocessor.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real azure-storage-blob SDK against Azurite. */
class AzuriteIT {

    private static BlobContainerClient container;

    @BeforeAll
    static void setUp() {
        BlobServiceClient service = new BlobServiceClientBuilder()
                .connectionString(Emulators.shared().blobConnectionString())
                .buildClient();
        container = service.getBlobContainerClient("it-" + UUID.randomUUID());
        container.create();
    }

    @Test
    void uploadDownloadAndOverwrite() {
        BlobClient blob = container.getBlobClient("raw/2025/01/p0-42.json.gz");
        blob.upload(BinaryData.fromString("first ünïcødé 😀"));

        assertThat(blob.downloadContent().toString()).isEqualTo("first ünïcødé 😀");
        assertThat(blob.getProperties().getBlobSize())
                .isEqualTo("first ünïcødé 😀".getBytes(StandardCharsets.UTF_8).length);

        assertThatThrownBy(() -> blob.upload(BinaryData.fromString("no overwrite")))
                .isInstanceOfSatisfying(BlobStorageException.class, e -> assertThat(e.getStatusCode()).isEqualTo(409));

        blob.upload(BinaryData.fromString("second"), true);
        assertThat(blob.downloadContent().toString()).isEqualTo("second");
    }

    @Test
    void listWithPrefix() {
        for (String name : List.of("list/a/1", "list/a/2", "list/b/1", "other/a/1")) {
            container.getBlobClient(name).upload(BinaryData.fromString(name));
        }

        List<String> names = container.listBlobs(new ListBlobsOptions().setPrefix("list/a/"), null)
                .stream().map(BlobItem::getName).toList();

        assertThat(names).containsExactly("list/a/1", "list/a/2");
    }

    @Test
    void staleIfMatchIs412() {
        BlobClient blob = container.getBlobClient("etag/doc.json");
        String firstEtag = blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString("v1")), null, null)
                .getValue().getETag();
        String secondEtag = blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString("v2"))
                        .setRequestConditions(new BlobRequestConditions().setIfMatch(firstEtag)), null, null)
                .getValue().getETag();
        assertThat(secondEtag).isNotEqualTo(firstEtag);

        assertThatThrownBy(() -> blob.uploadWithResponse(new BlobParallelUploadOptions(BinaryData.fromString("v3"))
                .setRequestConditions(new BlobRequestConditions().setIfMatch(firstEtag)), null, null))
                .isInstanceOfSatisfying(BlobStorageException.class, e -> assertThat(e.getStatusCode()).isEqualTo(412));
        assertThat(blob.downloadContent().toString()).isEqualTo("v2");
    }
}

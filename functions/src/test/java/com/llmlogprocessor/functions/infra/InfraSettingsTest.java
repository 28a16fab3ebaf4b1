package com.llmlogprocessor.functions.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmlogprocessor.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One name everywhere: every setting the code reads is set on the function app by Bicep, output
 * by main.bicep, written by the postprovision hooks and listed in local.settings.json.example —
 * and the function app sets nothing that nobody reads.
 */
class InfraSettingsTest {

    /** Emulator credentials: local runs only, never set in Azure (identity is used there). */
    private static final Set<String> LOCAL_ONLY = Set.of(Settings.COSMOS_KEY, Settings.ARCHIVE_CONNECTION_STRING);

    /**
     * Read by our code but set by the platform, never by Bicep: WEBSITE_AUTH_ENABLED is true when App
     * Service authentication is on. An app setting of the same name could contradict the platform.
     */
    private static final Set<String> PLATFORM_PROVIDED = Set.of(Settings.WEBSITE_AUTH_ENABLED);

    /** Read by the Functions host / Application Insights agent, not by our code. */
    private static final Set<String> PLATFORM = Set.of(
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
            "FUNCTIONS_WORKER_RUNTIME");

    /** Host storage connection: AzureWebJobsStorage or its identity form AzureWebJobsStorage__*. */
    private static final String HOST_STORAGE = "AzureWebJobsStorage";

    private static final Pattern PERCENT_EXPRESSION = Pattern.compile("%([A-Za-z_][A-Za-z0-9_]*)%");
    private static final Pattern CONNECTION_ATTRIBUTE = Pattern.compile("\\bconnection\\s*=\\s*\"([A-Za-z_][A-Za-z0-9_]*)\"");
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final Path root = BicepText.repoRoot();

    @Test
    void givenEverySettingTheCodeReads_thenTheFunctionAppSetsIt() {
        Set<String> appSettings = bicepAppSettings();
        List<String> missing = new ArrayList<>();
        for (String setting : codeReadSettings()) {
            if (!LOCAL_ONLY.contains(setting) && !PLATFORM_PROVIDED.contains(setting) && !isSet(setting, appSettings)) {
                missing.add(setting);
            }
        }
        assertThat(missing).as("settings the code reads that infra/app/api.bicep does not set").isEmpty();
    }

    @Test
    void givenEverySettingTheCodeReads_thenLocalSettingsExampleListsIt() {
        Set<String> example = localSettingsExample();
        List<String> missing = new ArrayList<>();
        for (String setting : codeReadSettings()) {
            if (!isSet(setting, example)) {
                missing.add(setting);
            }
        }
        assertThat(missing).as("settings the code reads that local.settings.json.example lacks").isEmpty();
    }

    @Test
    void givenLocalOnlySettings_thenAzureNeverGetsThem() {
        for (String appSetting : bicepAppSettings()) {
            assertThat(LOCAL_ONLY).as("local-only setting set in Azure").doesNotContain(baseName(appSetting));
        }
        assertThat(localSettingsExample()).containsAll(LOCAL_ONLY);
    }

    @Test
    void givenPlatformProvidedSettings_thenBicepNeverSetsThem() {
        for (String appSetting : bicepAppSettings()) {
            assertThat(PLATFORM_PROVIDED).as("platform-provided setting set in Bicep").doesNotContain(baseName(appSetting));
        }
    }

    @Test
    void givenEveryAppSettingInBicep_thenTheCodeOrThePlatformReadsIt() {
        Set<String> codeRead = codeReadSettings();
        List<String> unread = new ArrayList<>();
        for (String appSetting : bicepAppSettings()) {
            boolean platform = PLATFORM.contains(appSetting) || baseName(appSetting).equals(HOST_STORAGE);
            // EVENTHUB_CONNECTION__fullyQualifiedNamespace serves the binding connection EVENTHUB_CONNECTION.
            boolean code = codeRead.contains(appSetting) || codeRead.contains(baseName(appSetting));
            if (!platform && !code) {
                unread.add(appSetting);
            }
        }
        assertThat(unread).as("app settings nobody reads").isEmpty();
    }

    @Test
    void givenFlexConsumption_thenTheRuntimeIsNotAnAppSetting() {
        // Flex Consumption declares the runtime in functionAppConfig.runtime; the settings are deprecated there.
        assertThat(bicepAppSettings()).doesNotContain("FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION");
        assertThat(BicepText.read(root.resolve("infra/app/api.bicep"))).contains("name: 'java'").contains("version: '17'");
    }

    @Test
    void givenIdentityConnections_thenTheyUseTheManagedIdentity() {
        Set<String> appSettings = bicepAppSettings();
        assertThat(appSettings).contains(
                "AzureWebJobsStorage__blobServiceUri",
                "AzureWebJobsStorage__queueServiceUri",
                "AzureWebJobsStorage__tableServiceUri",
                "AzureWebJobsStorage__credential",
                "AzureWebJobsStorage__clientId",
                "EVENTHUB_CONNECTION__fullyQualifiedNamespace",
                "EVENTHUB_CONNECTION__credential",
                "EVENTHUB_CONNECTION__clientId",
                "APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
        assertThat(appSettings).doesNotContain(HOST_STORAGE, Settings.EVENTHUB_CONNECTION);
    }

    @Test
    void givenEverySettingTheCodeReads_thenMainBicepOutputsItUnderTheSameName() {
        Set<String> outputs = BicepText.outputs(BicepText.read(root.resolve("infra/main.bicep")));
        List<String> missing = new ArrayList<>();
        for (String setting : codeReadSettings()) {
            if (!LOCAL_ONLY.contains(setting) && !PLATFORM_PROVIDED.contains(setting) && !isSet(setting, outputs)) {
                missing.add(setting);
            }
        }
        assertThat(missing).as("settings without a main.bicep output of the same name").isEmpty();
        assertThat(outputs).contains("AZURE_LOCATION", "AZURE_TENANT_ID", "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME");
    }

    @Test
    void givenPostprovisionHooks_thenTheyWriteEverySettingAndReadOnlyExistingOutputs() {
        Set<String> outputs = BicepText.outputs(BicepText.read(root.resolve("infra/main.bicep")));
        Pattern shRead = Pattern.compile("\\$\\(get ([A-Za-z_][A-Za-z0-9_]*)\\)");
        Pattern psRead = Pattern.compile("Get-Value '([A-Za-z_][A-Za-z0-9_]*)'");
        for (var hook : List.of(
                new Object[] {root.resolve("infra/hooks/postprovision.sh"), shRead},
                new Object[] {root.resolve("infra/hooks/postprovision.ps1"), psRead})) {
            String text = BicepText.read((Path) hook[0]);
            Set<String> written = writtenKeys(text);
            for (String setting : codeReadSettings()) {
                if (!LOCAL_ONLY.contains(setting) && !PLATFORM_PROVIDED.contains(setting)) {
                    assertThat(isSet(setting, written)).as(hook[0] + " writes " + setting).isTrue();
                }
            }
            assertThat(written).as(hook[0].toString()).contains("FUNCTIONS_WORKER_RUNTIME");
            Matcher m = ((Pattern) hook[1]).matcher(text);
            while (m.find()) {
                assertThat(outputs).as(hook[0] + " reads output " + m.group(1)).contains(m.group(1));
            }
        }
    }

    @Test
    void givenBindingAnnotations_thenTheScannerFindsPercentExpressionsAndConnectionNames() {
        String source = """
                @EventHubTrigger(name = "events", eventHubName = "%EVENTHUB_NAME%",
                        consumerGroup = "%EVENTHUB_CONSUMER_GROUP%", connection = "EVENTHUB_CONNECTION",
                        cardinality = Cardinality.MANY, dataType = "string") String[] events
                @TimerTrigger(name = "timer", schedule = "%SWEEP_SCHEDULE%") String timer
                """;
        assertThat(bindingSettings(source))
                .containsExactly("EVENTHUB_NAME", "EVENTHUB_CONSUMER_GROUP", "SWEEP_SCHEDULE", "EVENTHUB_CONNECTION");
    }

    /** Settings constants plus every binding expression in the function sources. */
    private Set<String> codeReadSettings() {
        Set<String> names = new TreeSet<>(settingsConstants());
        Path sources = root.resolve("functions/src/main/java");
        if (Files.isDirectory(sources)) {
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .forEach(p -> names.addAll(bindingSettings(BicepText.read(p))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(names).as("settings the code reads").contains(Settings.COSMOS_ENDPOINT, Settings.EVENTHUB_NAME);
        return names;
    }

    private static Set<String> settingsConstants() {
        Set<String> names = new TreeSet<>();
        for (Field field : Settings.class.getDeclaredFields()) {
            int mod = field.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && Modifier.isFinal(mod) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (SETTING_NAME.matcher(value).matches()) {
                        names.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    static Set<String> bindingSettings(String javaSource) {
        Set<String> names = new LinkedHashSet<>();
        Matcher percent = PERCENT_EXPRESSION.matcher(javaSource);
        while (percent.find()) {
            names.add(percent.group(1));
        }
        Matcher connection = CONNECTION_ATTRIBUTE.matcher(javaSource);
        while (connection.find()) {
            names.add(connection.group(1));
        }
        return names;
    }

    private Set<String> bicepAppSettings() {
        Set<String> keys = BicepText.variableObjectKeys(BicepText.read(root.resolve("infra/app/api.bicep")), "appSettings");
        assertThat(keys).as("app settings parsed from infra/app/api.bicep").isNotEmpty();
        return keys;
    }

    private Set<String> localSettingsExample() {
        try {
            JsonNode values = new ObjectMapper().readTree(root.resolve("local.settings.json.example").toFile()).path("Values");
            Set<String> keys = new TreeSet<>();
            for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> writtenKeys(String hookText) {
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']\\s*[:=]").matcher(hookText);
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    /** A setting is present as itself or, for a connection, in its identity form NAME__property. */
    private static boolean isSet(String setting, Set<String> names) {
        return names.contains(setting) || names.stream().anyMatch(n -> n.startsWith(setting + "__"));
    }

    private static String baseName(String setting) {
        int i = setting.indexOf("__");
        return i < 0 ? setting : setting.substring(0, i);
    }
}

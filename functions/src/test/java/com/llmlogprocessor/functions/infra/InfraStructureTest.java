package com.llmlogprocessor.functions.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What `bicep build` would catch, checked without it (the CLI cannot be installed here): module
 * paths, parameters, module inputs and outputs, role GUIDs, brackets and API versions.
 */
class InfraStructureTest {

    /**
     * Built-in role IDs, checked against Microsoft's references: "Azure built-in roles"
     * (MicrosoftDocs/azure-docs, articles/role-based-access-control/built-in-roles.md) and, for
     * the Cosmos DB data-plane roles, "Azure Cosmos DB for NoSQL data plane built-in roles
     * reference" (MicrosoftDocs/azure-databases-docs, .../nosql/security/reference-data-plane-roles.md).
     */
    private static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner",
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor",
            "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader",
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor",
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor",
            "a638d3c7-ab3a-418d-83e6-5f17a39d4fde", "Azure Event Hubs Data Receiver",
            "2b629674-e913-4c01-ae53-ef4638d8f975", "Azure Event Hubs Data Sender",
            "3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher",
            "00000000-0000-0000-0000-000000000001", "Cosmos DB Built-in Data Reader",
            "00000000-0000-0000-0000-000000000002", "Cosmos DB Built-in Data Contributor");

    /** The roles the app (and the deploying user) must get. */
    private static final Set<String> REQUIRED_ROLES = Set.of(
            "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
            "3913510d-42f4-4e42-8a64-420c390055eb",
            "00000000-0000-0000-0000-000000000002");

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern ROLE_VARIABLE = Pattern.compile(
            "(?m)^\\s*var\\s+(\\w+)\\s*=\\s*'(" + GUID.pattern() + ")'\\s*//\\s*(.+?)\\s*$");
    private static final Pattern RESOURCE = Pattern.compile("(?m)^\\s*resource\\s+(\\w+)\\s+'([^']*)'");
    private static final Pattern API_VERSIONED_TYPE = Pattern.compile(
            "[A-Za-z0-9]+\\.[A-Za-z0-9.]+(/[A-Za-z0-9]+)+@\\d{4}-\\d{2}-\\d{2}(-preview)?");
    private static final Pattern OUTPUT_REFERENCE = Pattern.compile("\\b(\\w+)\\.outputs\\.(\\w+)");

    private final Path root = BicepText.repoRoot();
    private final Path infra = root.resolve("infra");
    private final Path main = infra.resolve("main.bicep");

    @Test
    void givenMainBicep_thenEveryReferencedModuleFileExists() {
        Set<Path> visited = reachableModules();
        assertThat(visited).contains(main);
        assertThat(visited.size()).as("main.bicep plus its modules").isGreaterThan(5);
    }

    @Test
    void givenEveryBicepFile_thenMainBicepReachesIt() {
        assertThat(reachableModules()).containsAll(BicepText.bicepFiles(infra));
    }

    @Test
    void givenMainParameters_thenEveryParameterIsDeclaredInMainBicep() throws IOException {
        Map<String, Boolean> declared = BicepText.params(BicepText.read(main));
        Set<String> supplied = parameterFileNames();
        assertThat(declared.keySet()).containsAll(supplied);
        for (var param : declared.entrySet()) {
            if (!param.getValue()) {
                assertThat(supplied).as("main.parameters.json supplies required param " + param.getKey()).contains(param.getKey());
            }
        }
    }

    @Test
    void givenModuleCalls_thenTheyPassDeclaredParamsAndAllRequiredOnes() {
        for (Path file : reachableModules()) {
            String text = BicepText.read(file);
            Map<String, String> modules = BicepText.modules(text);
            Map<String, Set<String>> passed = BicepText.moduleParams(text);
            for (var module : modules.entrySet()) {
                Path target = file.getParent().resolve(module.getValue()).normalize();
                Map<String, Boolean> declared = BicepText.params(BicepText.read(target));
                Set<String> given = passed.get(module.getKey());
                assertThat(declared.keySet()).as(file.getFileName() + ": params of module " + module.getKey()).containsAll(given);
                declared.forEach((name, hasDefault) -> {
                    if (!hasDefault) {
                        assertThat(given).as(file.getFileName() + ": module " + module.getKey() + " must pass " + name).contains(name);
                    }
                });
            }
        }
    }

    @Test
    void givenModuleOutputReferences_thenTheModuleDeclaresThoseOutputs() {
        for (Path file : reachableModules()) {
            String text = BicepText.read(file);
            Map<String, String> modules = BicepText.modules(text);
            Matcher m = OUTPUT_REFERENCE.matcher(BicepText.codeOnlyKeepingStrings(text));
            while (m.find()) {
                String path = modules.get(m.group(1));
                if (path == null) {
                    continue; // a resource's outputs, not a module's
                }
                Set<String> outputs = BicepText.outputs(BicepText.read(file.getParent().resolve(path).normalize()));
                assertThat(outputs).as(file.getFileName() + " uses " + m.group()).contains(m.group(2));
            }
        }
    }

    @Test
    void givenRoleGuidVariables_thenEachIsTheBuiltInRoleItsNameAndCommentSay() {
        int checked = 0;
        for (Path file : BicepText.bicepFiles(infra)) {
            Matcher m = ROLE_VARIABLE.matcher(BicepText.read(file));
            while (m.find()) {
                String variable = m.group(1);
                String guid = m.group(2).toLowerCase(Locale.ROOT);
                String comment = m.group(3);
                String role = BUILT_IN_ROLES.get(guid);
                assertThat(role).as(file.getFileName() + ": " + variable + " = " + guid + " is a verified built-in role").isNotNull();
                assertThat(comment.toLowerCase(Locale.ROOT)).as(variable + " comment names its role").contains(role.toLowerCase(Locale.ROOT));
                String stem = squash(variable.replaceFirst("(RoleDefinitionId|RoleId)$", ""));
                String roleKey = squash(role);
                assertThat(roleKey.equals(stem) || roleKey.equals("azure" + stem))
                        .as(variable + " is named after " + role).isTrue();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(REQUIRED_ROLES.size());
    }

    @Test
    void givenEveryGuidLiteral_thenItIsANamedRoleVariable() {
        for (Path file : BicepText.bicepFiles(infra)) {
            for (String line : BicepText.read(file).split("\n")) {
                if (GUID.matcher(line).find()) {
                    assertThat(ROLE_VARIABLE.matcher(line).find())
                            .as(file.getFileName() + ": GUID outside a named, commented role variable: " + line.trim()).isTrue();
                }
            }
        }
    }

    @Test
    void givenTheRbacModule_thenEveryRequiredRoleIsAssigned() {
        String rbac = BicepText.read(infra.resolve("app/rbac.bicep"));
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher m = ROLE_VARIABLE.matcher(rbac);
        while (m.find()) {
            variables.put(m.group(2).toLowerCase(Locale.ROOT), m.group(1));
        }
        assertThat(variables.keySet()).containsAll(REQUIRED_ROLES);
        String code = BicepText.codeOnlyKeepingStrings(rbac);
        for (String guid : REQUIRED_ROLES) {
            String variable = variables.get(guid);
            long uses = Pattern.compile("\\b" + variable + "\\b").matcher(code).results().count();
            assertThat(uses).as(variable + " is used in an assignment").isGreaterThan(1);
        }
        assertThat(rbac).contains("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@");
        String mainText = BicepText.read(main);
        assertThat(mainText).contains("principalType: 'ServicePrincipal'").contains("param principalType string = 'User'");
        assertThat(BicepText.moduleParams(mainText).get("userRoles")).contains("principalId", "principalType");
    }

    @Test
    void givenBicepFiles_thenBracketsBalance() {
        for (Path file : BicepText.bicepFiles(infra)) {
            assertThat(BicepText.bracketProblem(BicepText.read(file))).as(file.toString()).isNull();
        }
    }

    @Test
    void givenTheBracketCheck_thenItSeesThroughStringsCommentsAndInterpolation() {
        assertThat(BicepText.bracketProblem("var a = '${b}{' // }\nvar c = { d: '${e({ f: 1 })}' }")).isNull();
        assertThat(BicepText.bracketProblem("var c = { d: [ 1 }")).isNotNull();
        assertThat(BicepText.bracketProblem("var c = { d: '}' ")).isNotNull();
    }

    @Test
    void givenBicepFiles_thenEveryResourceHasAnExplicitApiVersion() {
        int resources = 0;
        for (Path file : BicepText.bicepFiles(infra)) {
            Matcher m = RESOURCE.matcher(BicepText.codeOnlyKeepingStrings(BicepText.read(file)));
            while (m.find()) {
                assertThat(m.group(2)).as(file.getFileName() + ": resource " + m.group(1)).matches(API_VERSIONED_TYPE);
                resources++;
            }
        }
        assertThat(resources).isGreaterThan(20);
    }

    @Test
    void givenMainBicep_thenItFollowsTheAzdTemplateShape() {
        String text = BicepText.read(main);
        assertThat(text).contains("targetScope = 'subscription'")
                .contains("toLower(uniqueString(subscription().id, environmentName, location))")
                .contains("loadJsonContent('abbreviations.json')")
                .contains("'azd-env-name': environmentName");
        assertThat(BicepText.read(infra.resolve("app/api.bicep"))).contains("'azd-service-name': serviceName").contains("name: 'FC1'");
        String azureYaml = BicepText.read(root.resolve("azure.yaml"));
        assertThat(azureYaml).contains("project: ./functions").contains("language: java").contains("host: function")
                .contains("./infra/hooks/postprovision.sh").contains("./infra/hooks/postprovision.ps1");
        assertThat(Files.isRegularFile(infra.resolve("hooks/postprovision.sh"))).isTrue();
        assertThat(Files.isRegularFile(infra.resolve("hooks/postprovision.ps1"))).isTrue();
    }

    @Test
    void givenAbbreviationsUsedByMainBicep_thenTheyExist() throws IOException {
        JsonNode abbreviations = new ObjectMapper().readTree(infra.resolve("abbreviations.json").toFile());
        Matcher m = Pattern.compile("\\babbrs\\.(\\w+)").matcher(BicepText.read(main));
        while (m.find()) {
            assertThat(abbreviations.has(m.group(1))).as("abbreviations.json has " + m.group(1)).isTrue();
        }
    }

    private Set<Path> reachableModules() {
        Set<Path> visited = new LinkedHashSet<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(main));
        List<String> missing = new ArrayList<>();
        while (!pending.isEmpty()) {
            Path file = pending.pop().normalize();
            if (!visited.add(file)) {
                continue;
            }
            for (String path : BicepText.modules(BicepText.read(file)).values()) {
                if (path.startsWith("br/") || path.startsWith("br:") || path.startsWith("ts/") || path.startsWith("ts:")) {
                    continue; // registry modules are resolved by the Bicep CLI
                }
                Path target = file.getParent().resolve(path).normalize();
                if (Files.isRegularFile(target)) {
                    pending.push(target);
                } else {
                    missing.add(root.relativize(file) + " -> " + path);
                }
            }
        }
        if (!missing.isEmpty()) {
            fail("module files missing: " + missing);
        }
        return visited;
    }

    private Set<String> parameterFileNames() {
        try {
            JsonNode parameters = new ObjectMapper().readTree(infra.resolve("main.parameters.json").toFile()).path("parameters");
            Set<String> names = new LinkedHashSet<>();
            for (Iterator<String> it = parameters.fieldNames(); it.hasNext(); ) {
                names.add(it.next());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}

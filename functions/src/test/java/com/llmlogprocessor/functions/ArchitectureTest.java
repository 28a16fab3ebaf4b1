package com.llmlogprocessor.functions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.llmlogprocessor");

    @Test
    void givenTheImport_thenCoreAndFunctionClassesAreThere() {
        // a rule over an empty import would pass vacuously
        assertThat(classes.contain(com.llmlogprocessor.ingest.IngestPipeline.class)).isTrue();
        assertThat(classes.contain(IngestFunction.class)).isTrue();
    }

    @Test
    void givenCorePackages_thenNoDependencyOnTheFunctionsRuntime() {
        noClasses().that().resideOutsideOfPackage("com.llmlogprocessor.functions..")
                .should().dependOnClassesThat().resideInAPackage("com.microsoft.azure.functions..")
                .check(classes);
    }

    @Test
    void givenCorePackages_thenNoDependencyOnTheFunctionClasses() {
        noClasses().that().resideOutsideOfPackage("com.llmlogprocessor.functions..")
                .and().resideOutsideOfPackage("com.llmlogprocessor.local..")
                .should().dependOnClassesThat().resideInAPackage("com.llmlogprocessor.functions..")
                .check(classes);
    }
}

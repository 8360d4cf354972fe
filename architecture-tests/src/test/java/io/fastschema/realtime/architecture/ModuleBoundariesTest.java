package io.fastschema.realtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Which module may use which: {@code shared-model} is the vocabulary of both services and depends
 * on none of their technologies; ingest and fanout are deployed apart and share only {@code
 * shared-model}; {@code standalone} and {@code embedded-services} sit above both.
 */
@AnalyzeClasses(
    packages = "io.fastschema.realtime",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  /** The packages of the shared-model module. */
  private static final String[] SHARED_MODEL = {
    "io.fastschema.realtime.config..",
    "io.fastschema.realtime.event..",
    "io.fastschema.realtime.filter..",
    "io.fastschema.realtime.lifecycle..",
    "io.fastschema.realtime.model..",
    "io.fastschema.realtime.security.."
  };

  @ArchTest
  static final ArchRule sharedModelUsesNoServiceTechnology =
      noClasses()
          .that()
          .resideInAnyPackage(SHARED_MODEL)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.kafka..", "org.eclipse.jetty..", "io.debezium..")
          .because(
              "shared-model holds records, codecs and the filter language that both services "
                  + "and the tools use; Kafka, Jetty and Debezium belong to the services");

  @ArchTest
  static final ArchRule ingestKnowsNoOtherService =
      noClasses()
          .that()
          .resideInAPackage("io.fastschema.realtime.ingest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.fastschema.realtime.fanout..",
              "io.fastschema.realtime.standalone..",
              "io.fastschema.realtime.embedded..")
          .because("ingest is deployed on its own; it talks to fanout only through Kafka");

  @ArchTest
  static final ArchRule fanoutKnowsNoOtherService =
      noClasses()
          .that()
          .resideInAPackage("io.fastschema.realtime.fanout..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.fastschema.realtime.ingest..",
              "io.fastschema.realtime.standalone..",
              "io.fastschema.realtime.embedded..")
          .because("fanout is deployed on its own; it hears from ingest only through Kafka");

  @ArchTest
  static final ArchRule realtimeClientSpeaksOnlyTheProtocol =
      classes()
          .that()
          .resideInAPackage("io.fastschema.realtime.client..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.fastschema.realtime.client..", "java..", "javax..", "org.eclipse.jetty..")
          .because(
              "the compatibility suite runs on it against FastSchema itself: protocol only, no "
                  + "product class");

  @ArchTest
  static final ArchRule noCyclesBetweenModulePackages =
      slices()
          .matching("io.fastschema.realtime.(*)..")
          .should()
          .beFreeOfCycles()
          .because(
              "a cycle between top-level packages (event, filter, model, ingest, fanout...) "
                  + "would tie modules that are built and deployed apart");
}

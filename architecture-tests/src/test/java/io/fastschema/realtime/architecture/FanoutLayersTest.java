package io.fastschema.realtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * fanout-server's layers: {@code fanout.stream} (Kafka) dispatches into {@code fanout.hub}
 * (subscriptions and sessions), which writes through {@code fanout.jetty} (WebSockets). The root
 * package {@code fanout} is the node's face (FanoutServer, FanoutMain, which wire the layers) and
 * its small vocabulary (config, CloseReason, Transport, metrics) that every layer uses; {@code
 * auth} and {@code access} are leaves.
 */
@AnalyzeClasses(
    packages = "io.fastschema.realtime.fanout",
    importOptions = ImportOption.DoNotIncludeTests.class)
class FanoutLayersTest {

  private static final String FACE = "io.fastschema.realtime.fanout.";

  @ArchTest
  static final ArchRule onlyJettyLayerUsesJetty =
      noClasses()
          .that()
          .resideInAPackage("io.fastschema.realtime.fanout..")
          .and()
          .resideOutsideOfPackage("io.fastschema.realtime.fanout.jetty..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.eclipse.jetty..")
          .because(
              "the transport is replaceable and the hub is tested with an in-memory one: Jetty "
                  + "stays behind fanout.jetty");

  @ArchTest
  static final ArchRule onlyStreamLayerUsesKafka =
      noClasses()
          .that()
          .resideInAPackage("io.fastschema.realtime.fanout..")
          .and()
          .resideOutsideOfPackage("io.fastschema.realtime.fanout.stream..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.kafka..")
          .because("reading, sequencing and replaying Kafka is fanout.stream's job alone");

  @ArchTest
  static final ArchRule streamKnowsNoSession =
      noClasses()
          .that()
          .resideInAPackage("io.fastschema.realtime.fanout.stream..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.fastschema.realtime.fanout.hub..",
              "io.fastschema.realtime.fanout.jetty..",
              "io.fastschema.realtime.fanout.auth..",
              "io.fastschema.realtime.fanout.access..")
          .because("the stream hands deliveries to a Dispatcher and knows no client session");

  @ArchTest
  static final ArchRule hubKnowsNoJetty =
      noClasses()
          .that()
          .resideInAPackage("io.fastschema.realtime.fanout.hub..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.fastschema.realtime.fanout.jetty..")
          .because(
              "sessions write through the Transport interface; jetty depends on the hub, not "
                  + "the other way round");

  @ArchTest
  static final ArchRule layersDoNotReachTheFace =
      noClasses()
          .that()
          .resideInAnyPackage("io.fastschema.realtime.fanout.*..")
          .should()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.fastschema.realtime.fanout.FanoutServer")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("io.fastschema.realtime.fanout.FanoutMain")
          .because(
              "the face wires the layers; a layer that reached back into it would close a loop");

  /**
   * Every package is a slice, except that the face's composition classes are a slice of their own:
   * they use every layer, and every layer uses the root's vocabulary, which is no loop.
   */
  private static final SliceAssignment PACKAGES_FACE_APART =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String name = c.getName();
          if (name.startsWith(FACE + "FanoutServer") || name.startsWith(FACE + "FanoutMain")) {
            return SliceIdentifier.of("fanout face (FanoutServer, FanoutMain)");
          }
          return SliceIdentifier.of(c.getPackageName());
        }

        @Override
        public String getDescription() {
          return "fanout's packages, with FanoutServer and FanoutMain apart";
        }
      };

  @ArchTest
  static final ArchRule noPackageCycles =
      slices()
          .assignedFrom(PACKAGES_FACE_APART)
          .should()
          .beFreeOfCycles()
          .because("stream, hub, jetty, auth and access form a stack read from the top down");
}

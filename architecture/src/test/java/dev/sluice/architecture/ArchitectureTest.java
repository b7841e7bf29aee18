package dev.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module arrows of docs/architecture.md, checked on the compiled classes of every module (tests left out):
 * pure modules stay pure, only pipelines/ touches Beam and only trainer/ touches DJL, nothing imports the two
 * applications (except the benchmark drivers), and no two packages depend on each other in a cycle.
 */
@AnalyzeClasses(packages = "dev.sluice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  private static final String[] PURE = {
    "dev.sluice.schemas..",
    "dev.sluice.core..",
    "dev.sluice.quality..",
    "dev.sluice.augment..",
    "dev.sluice.report..",
    "dev.sluice.scaling.."
  };
  private static final String BENCH = "dev.sluice.bench..";

  @ArchTest
  static final ArchRule pureModulesImportNoBeamFlinkOrDjl =
      noClasses()
          .that()
          .resideInAnyPackage(PURE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.beam..", "org.apache.flink..", "ai.djl..")
          .because(
              "quality/, augment/, core/, report/ and scaling/ are pure Java, testable with a string (STYLE.md)");

  @ArchTest
  static final ArchRule coreAndReportReadTheRunDirectoryWithoutParquet =
      noClasses()
          .that()
          .resideInAnyPackage("dev.sluice.core..", "dev.sluice.report..", "dev.sluice.scaling..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.parquet..", "org.apache.hadoop..")
          .because(
              "every verb loads core/; the report and the scaling experiments read only the run-directory"
                  + " contract (scaling runs `sluice run` and `sluice train` as child processes)");

  @ArchTest
  static final ArchRule beamOnlyInPipelines =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.sluice.pipelines..", BENCH)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.apache.beam..", "org.apache.flink..")
          .because("Beam and Flink live in pipelines/ only");

  @ArchTest
  static final ArchRule djlOnlyInTrainer =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.sluice.trainer..", BENCH)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("ai.djl..")
          .because("DJL lives in trainer/ only");

  @ArchTest
  static final ArchRule nothingImportsPipelines =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.sluice.pipelines..", BENCH)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.sluice.pipelines..")
          .because("pipelines/ is an application: arrows point from it, never to it");

  @ArchTest
  static final ArchRule nothingImportsTrainer =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.sluice.trainer..", BENCH)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.sluice.trainer..")
          .because("trainer/ is an application: arrows point from it, never to it");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.sluice.(**)").should().beFreeOfCycles();
}

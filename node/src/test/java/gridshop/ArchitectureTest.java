package gridshop;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import gridshop.catalog.index.CatalogIndex;
import io.micronaut.http.annotation.Controller;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The house rules that keep the packages from tangling again, checked on the main classes of all four modules
 * (api, grid-config, persistence, node; tests are not read). A failure names the class and the dependency.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("gridshop");

    /** The features, by the same name in every module (style rule 1). */
    private static final String[] FEATURES = {"admin", "cart", "catalog", "checkout", "deadletter", "events", "ops",
        "order", "report", "session"};

    /** CatalogIndex's methods that change it (the one-argument {@code synonyms} and {@code current}). */
    private static final Set<String> INDEX_WRITES = Set.of("apply", "stock", "sold", "synonyms",
        "current");

    /** Every package under gridshop is a slice; no two of them may reach each other. */
    @Test
    void noPackageCycles() {
        slices().matching("gridshop.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /**
     * The floors ({@code platform} in node, grid-config and persistence) stand under every feature and import
     * none, nor the rooms above them: lifecycle (which assembles the features) and the postgres-direct baseline.
     */
    @Test
    void platformImportsNoFeature() {
        String[] above = Stream.concat(
            Arrays.stream(FEATURES).flatMap(f -> Stream.of("gridshop." + f + "..", "gridshop.api." + f + "..",
                "gridshop.grid." + f + "..", "gridshop.persistence." + f + "..")),
            Stream.of("gridshop.lifecycle..", "gridshop.direct..", "gridshop.apidocs..")).toArray(String[]::new);
        noClasses().that().resideInAnyPackage("gridshop.platform..", "gridshop.grid.platform..",
                "gridshop.persistence.platform..")
            .should().dependOnClassesThat().resideInAnyPackage(above)
            .check(MAIN);
    }

    /** lifecycle is the roof: it assembles the features, and nothing stands on it. */
    @Test
    void nothingDependsOnLifecycle() {
        noClasses().that().resideOutsideOfPackage("gridshop.lifecycle..")
            .should().dependOnClassesThat().resideInAPackage("gridshop.lifecycle..")
            .check(MAIN);
    }

    /** Style rule 3: a feature service touches the grid, a controller never does. */
    @Test
    void controllersNeverImportIgnite() {
        noClasses().that().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat().resideInAPackage("org.apache.ignite..")
            .check(MAIN);
    }

    /**
     * Shopper data reaches PostgreSQL through the write-behind ({@code persistence}) or, in postgres-direct mode,
     * through the baseline ({@code direct}); nothing else runs SQL on a connection of its own. Holding the pool to
     * hand it to persistence code is not running SQL, and {@code java.sql.Timestamp}/{@code SQLException} are value
     * and error types, so the rule names the types that open connections and run statements. Two ops-side classes
     * run SQL themselves and are named here with their reason:
     * <ul>
     * <li>{@code ops.ConsistencyService} reads every durable table to compare PostgreSQL with the grid (ops, on
     * demand, read-only);</li>
     * <li>{@code platform.LostPartitionRecovery} asks PostgreSQL whether it answers before reloading partitions
     * that lost both copies (no shopper data is read or written there; the reload itself is persistence's
     * StartupLoader).</li>
     * </ul>
     */
    @Test
    void onlyDirectAndPersistenceRunSql() {
        noClasses().that().resideOutsideOfPackages("gridshop.direct..", "gridshop.persistence..")
            .and().doNotHaveFullyQualifiedName("gridshop.ops.ConsistencyService")
            .and().doNotHaveFullyQualifiedName("gridshop.platform.LostPartitionRecovery")
            .should().dependOnClassesThat(belongToAnyOf(Connection.class, Statement.class, PreparedStatement.class,
                CallableStatement.class, ResultSet.class, DriverManager.class, DataSource.class))
            .check(MAIN);
    }

    /**
     * The catalog index has one writer: {@code catalog.CatalogFeed} (the feed from every node, and this node's own
     * writes handed to it by checkout and admin). Readers may hold the index; no other class changes it.
     */
    @Test
    void onlyTheCatalogFeedWritesTheIndex() {
        noClasses().that().doNotHaveFullyQualifiedName("gridshop.catalog.CatalogFeed")
            .and().resideOutsideOfPackage("gridshop.catalog.index")
            .should().callMethodWhere(describe("a method that changes the catalog index",
                call -> call.getTargetOwner().isEquivalentTo(CatalogIndex.class)
                    && INDEX_WRITES.contains(call.getName())
                    && !call.getTarget().getRawParameterTypes().isEmpty()))
            .check(MAIN);
    }

    /** The wire contract depends on nothing of ours (style rule 16). */
    @Test
    void apiDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("gridshop.api..")
            .should().dependOnClassesThat(resideInAPackage("gridshop..").and(not(resideInAPackage("gridshop.api.."))))
            .check(MAIN);
    }
}

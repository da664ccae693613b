package gridshop;

import gridshop.persistence.platform.EmbeddedDatabase;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/** One gridshop node: the HTTP server and an embedded Ignite server node in this JVM. */
@OpenAPIDefinition(info = @Info(title = "gridshop", version = "0.1",
    description = "An online shop whose nodes are also an Apache Ignite data grid; PostgreSQL is written behind it. "
        + "Money is a JSON number with two decimals (EUR); times are ISO-8601 UTC; every error is application/problem+json.",
    license = @License(name = "proprietary")))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        // Ignite's own shutdown hook would stop the grid at once on SIGTERM, racing Micronaut's: the final flush
        // and spill would find no grid. The program sets it, so `java -jar` stops the way scripts/start does.
        System.setProperty("IGNITE_NO_SHUTDOWN_HOOK", "true");
        // A context that fails to start exits the JVM without closing its beans: this hook then stops an embedded
        // PostgreSQL it had started. Once started, the context's own shutdown closes it, after the final flush.
        Thread guard = new Thread(EmbeddedDatabase::closeAll, "gridshop-startup-guard");
        Runtime.getRuntime().addShutdownHook(guard);
        Micronaut.build(args).mainClass(Application.class).start();
        Runtime.getRuntime().removeShutdownHook(guard);
    }
}

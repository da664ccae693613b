package gridshop;

import gridshop.persistence.platform.EmbeddedDatabase;
import io.micronaut.runtime.Micronaut;

/** One gridshop node: the HTTP server and an embedded Ignite server node in this JVM. */
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

package gridshop;

import io.micronaut.runtime.Micronaut;

/** One gridshop node: the HTTP server and an embedded Ignite server node in this JVM. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).start();
    }
}

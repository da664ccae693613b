package gridshop.lifecycle;

import gridshop.platform.AnalystLogin;
import gridshop.platform.Tokens;
import io.micronaut.runtime.server.event.ServerStartupEvent;

/** What a node prints once it is ready, in either mode: where it serves and the tokens to use. */
final class ReadyBanner {
    private ReadyBanner() {
    }

    static String url(ServerStartupEvent event) {
        return "http://" + event.getSource().getHost() + ":" + event.getSource().getPort();
    }

    /** {@code analyst} is null in postgres-direct mode (no console, no analyst SQL there). */
    static void print(String what, String url, Tokens tokens, AnalystLogin analyst) {
        System.out.printf("%n  %s is ready at %s%n  try: curl %s/api/products/1%n%s  admin token: %s%n  ops token:   %s%n%s%n",
            what, url, url, analyst != null ? "  ops console: " + url + "/ops (asks for the ops token)\n" : "",
            tokens.admin(), tokens.ops(), analyst != null ? analyst.banner() : "");
    }
}

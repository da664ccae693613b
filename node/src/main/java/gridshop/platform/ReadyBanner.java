package gridshop.platform;

import io.micronaut.runtime.server.event.ServerStartupEvent;

/** What a node prints once it is ready, in either mode: where it serves and the tokens to use. */
final class ReadyBanner {
    private ReadyBanner() {
    }

    static String url(ServerStartupEvent event) {
        return "http://" + event.getSource().getHost() + ":" + event.getSource().getPort();
    }

    static void print(String what, String url, Tokens tokens, boolean console) {
        System.out.printf("%n  %s is ready at %s%n  try: curl %s/api/products/1%n%s  admin token: %s%n  ops token:   %s%n%n",
            what, url, url, console ? "  ops console: " + url + "/ops (asks for the ops token)\n" : "", tokens.admin(), tokens.ops());
    }
}

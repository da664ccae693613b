package gridshop.ops;

import gridshop.platform.GridMode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The ops console: one self-contained page (no CDN: the shop may run offline) that asks for the ops token once,
 * keeps it for the browser session, and polls {@code /api/ops/topology} every 2 s. The page itself needs no token;
 * everything it shows does.
 */
@GridMode
@Controller("/ops")
final class ConsoleController {
    private final byte[] page;

    ConsoleController() {
        try (InputStream in = ConsoleController.class.getResourceAsStream("/ops/console.html")) {
            if (in == null) {
                throw new IllegalStateException("ops/console.html is missing from the classpath");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> console() {
        return HttpResponse.ok(page).header("Cache-Control", "no-cache")
            .header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    }
}

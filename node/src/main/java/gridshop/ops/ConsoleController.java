package gridshop.ops;

import gridshop.platform.GridMode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The ops console: one self-contained page (no CDN: the shop may run offline) that asks for the ops token once,
 * keeps it for the browser session, and polls {@code /api/ops/topology} every 2 s. The page itself needs no token;
 * everything it shows does.
 */
@GridMode
@Tag(name = "ops")
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

    @Operation(summary = "The topology console", security = @SecurityRequirement(name = "opsToken"))
    @ApiResponse(responseCode = "200", description = "the console page",
        content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> console() {
        return HttpResponse.ok(page).header("Cache-Control", "no-cache")
            .header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    }
}

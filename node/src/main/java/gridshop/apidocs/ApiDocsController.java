package gridshop.apidocs;

import gridshop.platform.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The contract as a spec: the OpenAPI document the annotation processor wrote from the controllers (with the
 * shared answers of src/main/openapi merged in), and Swagger UI from its webjar, served offline.
 */
@Tag(name = "everyone")
@Controller
final class ApiDocsController {
    static final String SPEC = "META-INF/swagger/gridshop-0.1.yml";
    private static final Map<String, String> ASSETS = Map.of(
        "swagger-ui.css", "text/css", "swagger-ui-bundle.js", "application/javascript",
        "favicon-32x32.png", "image/png");
    private final byte[] spec;
    private final byte[] page;
    private final String webjar;

    ApiDocsController() {
        this.spec = resource(SPEC);
        this.page = resource("apidocs/index.html");
        Properties p = new Properties();
        try (InputStream in = open("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.webjar = "META-INF/resources/webjars/swagger-ui/" + p.getProperty("version") + "/";
    }

    @Operation(summary = "The OpenAPI 3 document of every operation")
    @ApiResponse(responseCode = "200", description = "the document",
        content = @Content(mediaType = "application/yaml", schema = @Schema(type = "string")))
    @Get(value = "/openapi.yml", produces = "application/yaml")
    HttpResponse<byte[]> openapi() {
        return HttpResponse.ok(spec).contentType("application/yaml");
    }

    @Operation(summary = "A page to read and try the API (Swagger UI)")
    @ApiResponse(responseCode = "200", description = "the page",
        content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @Get(value = "/api-docs", produces = MediaType.TEXT_HTML)
    HttpResponse<byte[]> docs() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE);
    }

    @Operation(summary = "The page's scripts and styles (Swagger UI's own files)")
    @ApiResponse(responseCode = "200", description = "the file",
        content = @Content(mediaType = "*/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "404", ref = "#/components/responses/NotFound")
    @Get("/api-docs/{file}")
    HttpResponse<byte[]> asset(String file) {
        String type = ASSETS.get(file);
        if (type == null) {
            throw ApiException.notFound("no such file of the API docs page: " + file);
        }
        return HttpResponse.ok(resource(webjar + file)).contentType(type).header("Cache-Control", "max-age=86400");
    }

    private static byte[] resource(String path) {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = ApiDocsController.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(path + " is missing from the classpath");
        }
        return in;
    }
}

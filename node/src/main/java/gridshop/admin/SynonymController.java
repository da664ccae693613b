package gridshop.admin;

import gridshop.api.admin.SynonymGroups;
import gridshop.platform.GridMode;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * The shop's search synonyms; the admin token is checked by AdminAuthFilter. Grid mode only: the postgres-direct
 * baseline keeps its exact-word search and has no synonyms.
 */
@GridMode
@Tag(name = "merchants")
@Controller("/api/admin/synonyms")
@ExecuteOn(TaskExecutors.BLOCKING)
class SynonymController { // not final: validation advice proxies it
    private final SynonymService synonyms;

    SynonymController(SynonymService synonyms) {
        this.synonyms = synonyms;
    }

    @Operation(summary = "Replace the synonym groups (every node searches with them within 1 s)",
        description = "Each group is 2 to 20 single words (letters and digits, at most 50 characters), at most 500 groups;"
            + " a query word also matches every other word of its groups, exactly. Words are stored lower case, each"
            + " once per group; an empty list removes every group.",
        security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "200", description = "the groups, in search form",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = SynonymGroups.class)))
    @ApiResponse(responseCode = "400", ref = "#/components/responses/BadRequest")
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "413", ref = "#/components/responses/PayloadTooLarge")
    @ApiResponse(responseCode = "415", ref = "#/components/responses/UnsupportedMediaType")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Put
    SynonymGroups putSynonyms(@Valid @Body SynonymGroups body) {
        return new SynonymGroups(synonyms.replace(body.groups()));
    }

    @Operation(summary = "The synonym groups", security = @SecurityRequirement(name = "adminToken"))
    @ApiResponse(responseCode = "200", description = "the groups, in search form (none until some are put)",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = SynonymGroups.class)))
    @ApiResponse(responseCode = "401", ref = "#/components/responses/Unauthorized")
    @ApiResponse(responseCode = "503", ref = "#/components/responses/Unavailable")
    @Get
    SynonymGroups synonyms() {
        return new SynonymGroups(synonyms.groups());
    }
}

package gridshop.api.catalog;

import io.micronaut.serde.annotation.Serdeable;

/** A completion of what a shopper is typing, with how many products it finds. */
@Serdeable
public record SuggestionResponse(String text, long productCount) {
}

package gridshop.api.catalog;

import io.micronaut.serde.annotation.Serdeable;

/** A product's name and description, HTML-escaped, with the words that matched the query in {@code <em>…</em>}. */
@Serdeable
public record Highlight(String name, String description) {
}

package gridshop.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One value of a facet and how many of the search's matches have it. Price and rating bands also give their bounds
 * ({@code from} inclusive, {@code to} exclusive; no {@code to} on the last band).
 */
@Serdeable
public record FacetCount(String value, @Nullable Integer from, @Nullable Integer to, long count) {
    public FacetCount(String value, long count) {
        this(value, null, null, count);
    }
}

package gridshop.api.catalog;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A page of a search. {@code corrected}: the query words matched by a typo, with the word each was taken for;
 * {@code facets}: per requested facet ({@code category}, {@code brand}, {@code price}, {@code rating}), its values'
 * counts. Both absent when they do not apply.
 */
@Serdeable
public record PageResponse<T>(List<T> items, int page, int size, long total, @Nullable Map<String, String> corrected,
                              @Nullable Map<String, List<FacetCount>> facets) {
    public PageResponse(List<T> items, int page, int size, long total) {
        this(items, page, size, total, null, null);
    }
}

package gridshop.api.catalog;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

@Serdeable
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}

package gridshop.api.catalog;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record CategoryResponse(String name, long productCount) {
}

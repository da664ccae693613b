package gridshop.api.admin;

import io.micronaut.serde.annotation.Serdeable;

@Serdeable
public record StockRequest(Integer available) {
}

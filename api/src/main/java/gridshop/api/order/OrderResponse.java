package gridshop.api.order;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

@Serdeable
public record OrderResponse(String orderId, String sessionId, String status, List<OrderItemResponse> items,
                            BigDecimal total, Instant createdAt) {
}

package gridshop.direct;

import gridshop.grid.cart.Cart;
import gridshop.grid.cart.CartLine;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.cart.Carts} and
 * {@link gridshop.checkout.Checkout} ports: a row of {@code cart}, the lines as parallel arrays (the table the grid
 * writes behind into too).
 */
@MappedEntity("cart")
record CartRow(@Id String sessionId,
               @TypeDef(type = DataType.LONG_ARRAY) Long[] productIds,
               @TypeDef(type = DataType.STRING_ARRAY) String[] names,
               @TypeDef(type = DataType.OBJECT, converter = NumericArray.class) BigDecimal[] unitPrices,
               @TypeDef(type = DataType.INTEGER_ARRAY) Integer[] quantities,
               int itemCount, BigDecimal subtotal, long version, Instant updatedAt) {

    static CartRow of(Cart cart) {
        List<CartLine> lines = cart.lines();
        return new CartRow(cart.sessionId(), lines.stream().map(CartLine::productId).toArray(Long[]::new),
            lines.stream().map(CartLine::name).toArray(String[]::new),
            lines.stream().map(CartLine::unitPrice).toArray(BigDecimal[]::new),
            lines.stream().map(CartLine::quantity).toArray(Integer[]::new),
            cart.itemCount(), cart.subtotal(), cart.version(), cart.updatedAt().toInstant());
    }

    Cart cart() {
        List<CartLine> lines = new ArrayList<>(productIds.length);
        for (int i = 0; i < productIds.length; i++) {
            lines.add(new CartLine(productIds[i], names[i], unitPrices[i], quantities[i]));
        }
        return new Cart(sessionId, lines, version, Timestamp.from(updatedAt));
    }
}

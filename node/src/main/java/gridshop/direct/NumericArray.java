package gridshop.direct;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.postgresql.util.PGobject;

/**
 * Part of the postgres-direct comparison baseline for the {@link gridshop.cart.Carts} port: the cart's
 * {@code NUMERIC(12,2)[]} of unit prices. Micronaut Data maps arrays of longs, ints and strings itself, not of
 * BigDecimal: written as a PostgreSQL array literal, read back from the driver's array.
 */
@DirectMode
@Singleton
final class NumericArray implements AttributeConverter<BigDecimal[], Object> {

    @Override
    public Object convertToPersistedValue(BigDecimal[] values, ConversionContext context) {
        if (values == null) {
            return null;
        }
        try {
            PGobject array = new PGobject();
            array.setType("numeric[]");
            array.setValue(Arrays.stream(values).map(BigDecimal::toPlainString).collect(Collectors.joining(",", "{", "}")));
            return array;
        } catch (SQLException e) {
            throw new IllegalStateException("a numeric array literal was refused", e);
        }
    }

    @Override
    public BigDecimal[] convertToEntityValue(Object value, ConversionContext context) {
        if (value == null) {
            return null;
        }
        try {
            return (BigDecimal[]) ((Array) value).getArray();
        } catch (SQLException e) {
            throw new IllegalStateException("a numeric array could not be read", e);
        }
    }
}

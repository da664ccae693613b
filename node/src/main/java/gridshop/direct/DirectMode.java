package gridshop.direct;

import gridshop.platform.GridMode;
import io.micronaut.context.annotation.Requires;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean of the postgres-direct comparison baseline for the shopper ports.
 *
 * <p>A bean of {@code gridshop.mode=postgres-direct}: the same REST API answered straight from PostgreSQL, with
 * no grid on the request path. It is the baseline the benchmarks measure the grid against.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = GridMode.PROPERTY, value = GridMode.POSTGRES_DIRECT)
public @interface DirectMode {
}

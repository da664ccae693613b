package gridshop.platform;

import io.micronaut.context.annotation.Requires;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A bean of the grid mode ({@code gridshop.mode=grid}, the default): it needs the Ignite node. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Requires(property = GridMode.PROPERTY, value = GridMode.GRID, defaultValue = GridMode.GRID)
public @interface GridMode {
    String PROPERTY = "gridshop.mode";
    String GRID = "grid";
    String POSTGRES_DIRECT = "postgres-direct";
}

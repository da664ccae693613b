package gridshop.direct;

import io.micronaut.aop.Around;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Part of the postgres-direct comparison baseline for every shopper port: a bean whose methods answer a database
 * failure with a 503 and Retry-After (problem+json), never a 500 ({@link DatabaseFailures}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Around
public @interface RetryLaterOnDatabaseFailure {
}

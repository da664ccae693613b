package gridshop.direct;

import gridshop.platform.ApiException;
import io.micronaut.aop.InterceptPhase;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Part of the postgres-direct comparison baseline for every shopper port: what PostgreSQL fails is a 503.
 *
 * <p>Micronaut Data wraps a failed statement, a connection the pool could not give and a commit or rollback that
 * failed in exceptions of four families. Around the transaction (so a failed commit is caught too, and whatever
 * the transaction did is rolled back by then), each becomes a 503 with Retry-After for the client, logged here with
 * the SQL state. Anything else (a 404, a 409, a bug) passes unchanged.
 */
@DirectMode
@Singleton
@InterceptorBean(RetryLaterOnDatabaseFailure.class)
final class DatabaseFailures implements MethodInterceptor<Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);

    @Override
    public int getOrder() {
        return InterceptPhase.TRANSACTION.getPosition() - 10;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        try {
            return context.proceed();
        } catch (DataAccessException | CannotGetJdbcConnectionException | ConnectionException | TransactionException e) {
            String sqlState = sqlState(e);
            LOG.warn("PostgreSQL failed a request [method={}, sqlState={}]", context.getMethodName(), sqlState, e);
            throw ApiException.unavailable("the database could not answer; try again [sqlState=" + sqlState + "]", 1);
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}

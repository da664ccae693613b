package gridshop.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import gridshop.platform.OneNode;
import gridshop.platform.ShopClient;
import gridshop.platform.ShopFixture;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.operations.JdbcRepositoryOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.jdbc.DataSourceTransactionManager;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Grid mode (the default) with Micronaut Data on the classpath: none of the postgres-direct baseline is made — no
 * repository, no transaction manager, no data source of its own — and the node's one pool is the HikariDataSource
 * itself (not Micronaut Data's transaction-bound proxy), which the flusher and the loaders use from Ignite threads.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GridModeLeavesBaselineOutTest implements OneNode {
    @Inject
    EmbeddedServer server;
    ApplicationContext context;

    @BeforeAll
    void start() {
        ShopClient http = OneNode.ready(server);
        context = server.getApplicationContext();
        String sid = ShopFixture.newSession(http);
        ShopFixture.setQuantity(http, sid, ShopFixture.inStock(20), 1);
        assertEquals(201, ShopFixture.checkout(http, sid, "grid-mode").status());
    }

    @Test
    void noBeanOfTheBaselineIsDefined() {
        for (Class<?> type : List.of(SessionRepository.class, CartRepository.class, ProductRepository.class,
            InventoryRepository.class, OrderRepository.class, OrderLineRepository.class, DirectSessions.class,
            DirectCarts.class, DirectCatalog.class, DirectCheckout.class, DirectOrders.class, DirectMerchant.class,
            DatabaseFailures.class, NumericArray.class)) {
            assertTrue(context.findBeanDefinition(type).isEmpty(), type.getSimpleName());
        }
    }

    @Test
    void micronautDataMadeNothingForThePool() {
        assertTrue(context.getActiveBeanRegistrations(DataSourceTransactionManager.class).isEmpty());
        assertTrue(context.getActiveBeanRegistrations(JdbcRepositoryOperations.class).isEmpty());
    }

    @Test
    void theOnePoolIsThePoolItself() {
        Collection<DataSource> sources = context.getBeansOfType(DataSource.class);
        assertEquals(1, sources.size(), sources.toString());
        assertSame(context.getBean(HikariDataSource.class), sources.iterator().next());
    }
}

package gridshop.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** N gridshop nodes in this JVM forming one grid over one fresh PostgreSQL database. */
public final class GridFixture implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final String dbUrl;
    private final List<ShopNode> nodes = new ArrayList<>();

    private GridFixture(String dbUrl) {
        this.dbUrl = dbUrl;
    }

    public static GridFixture nodes(int n) {
        return nodes(n, TestDatabase.freshUrl(), Map.of());
    }

    public static GridFixture nodes(int n, String dbUrl, Map<String, Object> extra) {
        GridFixture f = new GridFixture(dbUrl);
        for (int i = 0; i < n; i++) {
            f.add(extra);
        }
        return f;
    }

    public ShopNode add(Map<String, Object> extra) {
        ShopNode node = ShopNode.start("test-node-" + NEXT.incrementAndGet(), dbUrl, extra);
        nodes.add(node);
        return node;
    }

    public ShopNode node(int i) {
        return nodes.get(i);
    }

    public String dbUrl() {
        return dbUrl;
    }

    /** Stops every node, the last-started first. */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
    }
}

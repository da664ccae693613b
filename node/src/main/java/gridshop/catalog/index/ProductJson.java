package gridshop.catalog.index;

import gridshop.api.catalog.ProductResponse;
import gridshop.grid.catalog.Product;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of products and pages, byte for byte as the HTTP layer would write {@link ProductResponse} and
 * {@code PageResponse}. A product is rendered once, when the catalog index takes it in, up to its stock (the
 * one field that changes with every sale); a request then only appends the stock and joins the pages' items.
 */
@Singleton
public final class ProductJson {
    private static final byte[] STOCK_ZERO = "0}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);

    private final JsonMapper json;

    public ProductJson(JsonMapper json) {
        this.json = json;
    }

    /** The product's JSON up to and including {@code "stock":}. */
    public byte[] head(Product p) {
        byte[] whole = bytes(response(p, 0));
        int cut = whole.length - STOCK_ZERO.length;
        if (cut < 0 || !Arrays.equals(whole, cut, whole.length, STOCK_ZERO, 0, STOCK_ZERO.length)) {
            throw new IllegalStateException("a product's JSON does not end with its stock [productId=" + p.id() + "]");
        }
        return Arrays.copyOf(whole, cut);
    }

    public static ProductResponse response(Product p, int stock) {
        return new ProductResponse(p.id(), p.sku(), p.name(), p.description(), p.category(), p.brand(), p.price(),
            p.rating(), stock);
    }

    public byte[] product(byte[] head, int stock) {
        Buffer out = new Buffer(head.length + 12);
        out.product(head, stock);
        return out.bytes();
    }

    /**
     * A search's page: as {@link #page(IndexItem[], int[], int, int, long)}, each item with its highlight when asked
     * for (read back from its rendered JSON: the index keeps no description), then {@code corrected} and
     * {@code facets} when they apply.
     */
    public byte[] page(IndexSnapshot.Hits hits, ProductQuery q) {
        byte[] page = page(hits.items(), hits.stock(), q.page(), q.size(), hits.total(), q.highlight() ? hits : null);
        Map<String, Object> more = new LinkedHashMap<>();
        if (!hits.corrected().isEmpty()) {
            more.put("corrected", hits.corrected());
        }
        if (hits.facets() != null) {
            more.put("facets", hits.facets());
        }
        if (more.isEmpty()) {
            return page;
        }
        byte[] extra = bytes(more);
        byte[] out = Arrays.copyOf(page, page.length + extra.length - 1);
        out[page.length - 1] = ',';
        System.arraycopy(extra, 1, out, page.length, extra.length - 1);
        return out;
    }

    public byte[] page(IndexItem[] items, int[] stock, int page, int size, long total) {
        return page(items, stock, page, size, total, null);
    }

    /** {@code {"items":[…],"page":…,"size":…,"total":…}}, the items' heads completed with their stock. */
    private byte[] page(IndexItem[] items, int[] stock, int page, int size, long total, IndexSnapshot.Hits highlight) {
        int length = 64;
        for (IndexItem it : items) {
            length += it.head().length + 13;
        }
        Buffer out = new Buffer(length);
        out.add(ITEMS);
        for (int i = 0; i < items.length; i++) {
            if (i > 0) {
                out.add(',');
            }
            if (highlight == null) {
                out.product(items[i].head(), stock[i]);
            } else {
                out.add(items[i].head());
                out.add(Integer.toString(stock[i]).getBytes(StandardCharsets.US_ASCII));
                out.add(highlighted(items[i], highlight));
            }
        }
        out.add(("],\"page\":" + page + ",\"size\":" + size + ",\"total\":" + total + "}")
            .getBytes(StandardCharsets.US_ASCII));
        return out.bytes();
    }

    /** {@code ,"highlight":{…}}} for an item whose JSON is complete up to its stock. */
    private byte[] highlighted(IndexItem item, IndexSnapshot.Hits hits) {
        try {
            byte[] whole = Arrays.copyOf(item.head(), item.head().length + 2);
            whole[whole.length - 2] = '0';
            whole[whole.length - 1] = '}';
            ProductResponse p = json.readValue(whole, ProductResponse.class);
            byte[] marked = bytes(hits.highlight(p.name(), p.description()));
            byte[] out = new byte[marked.length + 14];
            byte[] key = ",\"highlight\":".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(key, 0, out, 0, key.length);
            System.arraycopy(marked, 0, out, key.length, marked.length);
            out[out.length - 1] = '}';
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Buffer {
        private byte[] a;
        private int n;

        Buffer(int capacity) {
            a = new byte[capacity];
        }

        void product(byte[] head, int stock) {
            add(head);
            add(Integer.toString(stock).getBytes(StandardCharsets.US_ASCII));
            add('}');
        }

        void add(byte[] b) {
            room(b.length);
            System.arraycopy(b, 0, a, n, b.length);
            n += b.length;
        }

        void add(char c) {
            room(1);
            a[n++] = (byte) c;
        }

        private void room(int more) {
            if (n + more > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + more));
            }
        }

        byte[] bytes() {
            return n == a.length ? a : Arrays.copyOf(a, n);
        }
    }
}

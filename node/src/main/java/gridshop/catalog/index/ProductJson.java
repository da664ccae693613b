package gridshop.catalog.index;

import gridshop.api.catalog.ProductResponse;
import gridshop.grid.catalog.Product;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    /** {@code {"items":[…],"page":…,"size":…,"total":…}}, the items' heads completed with their stock. */
    public byte[] page(IndexItem[] items, int[] stock, int page, int size, long total) {
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
            out.product(items[i].head(), stock[i]);
        }
        out.add(("],\"page\":" + page + ",\"size\":" + size + ",\"total\":" + total + "}")
            .getBytes(StandardCharsets.US_ASCII));
        return out.bytes();
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

package gridshop.admin;

import gridshop.api.admin.ProductUpsertRequest;
import gridshop.platform.ApiException;
import java.math.BigDecimal;

/**
 * Merchant writes to the catalog: in the grid ({@link AdminService}) or in PostgreSQL (the postgres-direct
 * baseline, {@code gridshop.direct.DirectMerchant}).
 */
public interface Merchant {
    /** Creates or replaces a product; true if it is new. */
    boolean upsert(long id, ProductUpsertRequest p);

    void price(long id, BigDecimal price);

    void stock(long id, Integer available);

    static void checkAvailable(Integer available) {
        if (available == null || available < 0) {
            throw ApiException.badRequest("available must be a whole number >= 0 [available=" + available + "]");
        }
    }
}

package gridshop.persistence.writebehind;

import gridshop.persistence.cart.CartTable;
import gridshop.persistence.catalog.InventoryTable;
import gridshop.persistence.catalog.ProductTable;
import gridshop.persistence.catalog.StockSliceTable;
import gridshop.persistence.catalog.SynonymTable;
import gridshop.persistence.order.CheckoutKeyTable;
import gridshop.persistence.order.OrderLineTable;
import gridshop.persistence.order.OrderTable;
import gridshop.persistence.platform.DurableTable;
import gridshop.persistence.session.SessionTable;
import java.util.List;

/**
 * Every table written behind the grid, in load order. A spill put back into a loaded grid locks its rows table by
 * table in this order, so the stock slices come last, as in a checkout (its cart, then its lane's slices).
 */
public final class DurableTables {
    private DurableTables() {
    }

    public static List<DurableTable<?, ?>> all() {
        return List.of(new ProductTable(), new InventoryTable(), new SynonymTable(), new SessionTable(), new CartTable(),
            new OrderTable(), new OrderLineTable(), new CheckoutKeyTable(),
            new StockSliceTable());
    }
}

package gridshop.stock;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * {@code escrow}: a product's stock is lent in slices to lanes, one lane per node, so that a checkout sells from its
 * own node's slice in a transaction with no remote lock ({@link Escrow}; the default); false: every checkout locks the
 * products' stock rows on their primaries. {@code settleEvery}: how often a node counts its lanes' sales into the stock rows
 * and tops its slices up (the delay before other nodes show a sale's stock level).
 */
@ConfigurationProperties("gridshop.stock")
public record StockProperties(boolean escrow, Duration settleEvery) {
    public StockProperties {
        if (settleEvery == null || settleEvery.isNegative() || settleEvery.isZero()) {
            throw new IllegalArgumentException("gridshop.stock.settle-every must be a positive duration [settleEvery="
                + settleEvery + "]");
        }
    }
}

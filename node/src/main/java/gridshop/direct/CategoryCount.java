package gridshop.direct;

import io.micronaut.core.annotation.Introspected;

/** Part of the postgres-direct comparison baseline for the {@link gridshop.catalog.Catalog} port: a category and its products. */
@Introspected
record CategoryCount(String name, long productCount) {
}

package gridshop.grid.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.apache.ignite.cache.QueryEntity;
import org.apache.ignite.cache.QueryIndex;
import org.apache.ignite.cache.QueryIndexType;

/** Declares a cache's SQL table: Java field names in camel case become snake case columns. */
public final class SqlTable {
    private final QueryEntity entity;
    private final List<QueryIndex> indexes = new ArrayList<>();

    private SqlTable(Class<?> keyType, Class<?> valueType, String table) {
        entity = new QueryEntity(keyType, valueType).setTableName(table);
        entity.setFields(new LinkedHashMap<>());
        entity.setAliases(new LinkedHashMap<>());
    }

    public static SqlTable of(Class<?> keyType, Class<?> valueType, String table) {
        return new SqlTable(keyType, valueType, table);
    }

    /** The cache key itself is this column (a simple key such as a product id). */
    public SqlTable key(String field, Class<?> type) {
        column(field, type);
        entity.setKeyFieldName(field);
        return this;
    }

    /** One field of a composite key class (a key of several columns). */
    public SqlTable keyColumn(String field, Class<?> type) {
        column(field, type);
        if (entity.getKeyFields() == null) {
            entity.setKeyFields(new java.util.LinkedHashSet<>());
        }
        entity.getKeyFields().add(field);
        return this;
    }

    public SqlTable column(String field, Class<?> type) {
        entity.getFields().put(field, type.getName());
        entity.getAliases().put(field, snake(field));
        return this;
    }

    /** A sorted index over the fields, in order, each ascending. */
    public SqlTable index(String... fields) {
        return sorted(true, "", fields);
    }

    /** A sorted index over the fields, in order, each descending (a "top N" read from its start). */
    public SqlTable indexDescending(String... fields) {
        return sorted(false, "_DESC", fields);
    }

    private SqlTable sorted(boolean ascending, String suffix, String... fields) {
        LinkedHashMap<String, Boolean> idx = new LinkedHashMap<>();
        for (String f : fields) {
            idx.put(f, ascending);
        }
        QueryIndex index = new QueryIndex(idx, QueryIndexType.SORTED);
        index.setName(entity.getTableName() + "_" + String.join("_", fields).toUpperCase(Locale.ROOT) + suffix + "_IDX");
        indexes.add(index);
        return this;
    }

    public QueryEntity build() {
        entity.setIndexes(indexes);
        return entity;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}

package gridshop.grid.node;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.ignite.IgniteCheckedException;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.configuration.SqlConfiguration;
import org.apache.ignite.internal.IgnitionEx;

/**
 * An operator's Ignite Spring XML file ({@code gridshop.grid.ignite-xml}), overlaid on the node's own configuration
 * for the grid settings gridshop's properties do not cover: caches of the operator's own, extra data regions, metric
 * exporters, a failure handler, node attributes, events, timeouts and SQL's query limits.
 * <p>
 * Checked against the node's own: a setting the node makes from its {@code gridshop.*} properties (discovery,
 * communication, TLS, the analyst port, the shop's caches and data region, pools, transactions, failure detection,
 * security, …) is refused if the file sets it too, naming each; so is any setting this class does not know how to
 * merge. A node never starts on a configuration it half applied.
 */
public final class IgniteXml {
    /** Settings taken from the file as they are (the node leaves them at Ignite's defaults). */
    static final Set<String> TAKEN = Set.of("metricExporterSpi", "failureHandler", "networkTimeout",
        "systemWorkerBlockedTimeout", "metricsUpdateFrequency", "metricsHistorySize", "metricsExpireTime",
        "clientFailureDetectionTimeout", "metricsLogFrequency");
    /** Settings merged with the node's: added to, never replacing what the node set. */
    static final Set<String> MERGED = Set.of("cacheConfiguration", "userAttributes", "includeEventTypes",
        "dataStorageConfiguration", "sqlConfiguration");
    /** Of SqlConfiguration, what the file may set (the node picks the query engines). */
    static final Set<String> SQL_TAKEN = Set.of("longQueryWarningTimeout", "defaultQueryTimeout", "sqlQueryHistorySize");

    private IgniteXml() {
    }

    /** Reads {@code file}'s one IgniteConfiguration bean and overlays it on {@code node}; refuses what clashes. */
    public static IgniteConfiguration overlay(IgniteConfiguration node, Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("gridshop.grid.ignite-xml names a file this node cannot read [file="
                + file.toAbsolutePath() + "]");
        }
        IgniteConfiguration xml;
        try {
            xml = IgnitionEx.loadConfiguration(file.toUri().toURL()).get1();
        } catch (IgniteCheckedException | MalformedURLException e) {
            throw new IllegalArgumentException("gridshop.grid.ignite-xml: not an Ignite Spring XML file with one "
                + "IgniteConfiguration bean [file=" + file.toAbsolutePath() + ", error=" + e.getMessage() + "]", e);
        }
        return overlay(node, xml, file.toString());
    }

    static IgniteConfiguration overlay(IgniteConfiguration node, IgniteConfiguration xml, String source) {
        Set<String> set = changed(IgniteConfiguration.class, new IgniteConfiguration(), xml);
        List<String> refused = new ArrayList<>();
        set.stream().filter(p -> !TAKEN.contains(p) && !MERGED.contains(p)).forEach(p -> refused.add(p
            + " (the node sets it from its gridshop.* properties, or it cannot be merged)"));
        if (set.contains("cacheConfiguration")) {
            Set<String> shop = new TreeSet<>();
            Arrays.stream(node.getCacheConfiguration()).forEach(c -> shop.add(c.getName()));
            Arrays.stream(xml.getCacheConfiguration()).map(CacheConfiguration::getName)
                .filter(n -> n == null || shop.contains(n))
                .forEach(n -> refused.add("cacheConfiguration " + n + " (a cache of the shop, or one without a name)"));
        }
        if (set.contains("userAttributes")) {
            xml.getUserAttributes().keySet().stream().filter(node.getUserAttributes()::containsKey)
                .forEach(k -> refused.add("userAttributes " + k + " (the node sets it)"));
        }
        if (set.contains("dataStorageConfiguration")) {
            DataStorageConfiguration ds = xml.getDataStorageConfiguration();
            changed(DataStorageConfiguration.class, new DataStorageConfiguration(), ds).stream()
                .filter(p -> !p.equals("dataRegionConfigurations"))
                .forEach(p -> refused.add("dataStorageConfiguration." + p + " (the node sizes its own data region; "
                    + "the file may add regions)"));
            for (DataRegionConfiguration r : regions(ds)) {
                if (r.getName() == null || r.getName().equals(GridNodeConfiguration.DATA_REGION) || r.isPersistenceEnabled()) {
                    refused.add("dataStorageConfiguration.dataRegionConfigurations " + r.getName()
                        + " (the shop's region, one without a name, or one with native persistence)");
                }
            }
        }
        if (set.contains("sqlConfiguration")) {
            changed(SqlConfiguration.class, new SqlConfiguration(), xml.getSqlConfiguration()).stream()
                .filter(p -> !SQL_TAKEN.contains(p))
                .forEach(p -> refused.add("sqlConfiguration." + p + " (the node picks the query engines)"));
        }
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException("gridshop.grid.ignite-xml: " + source + " sets what the node sets itself "
                + "or cannot merge; remove it from the file (or set the gridshop.* property): " + String.join("; ", refused));
        }
        return merge(node, xml, set);
    }

    private static IgniteConfiguration merge(IgniteConfiguration node, IgniteConfiguration xml, Set<String> set) {
        for (String p : set) {
            if (TAKEN.contains(p)) {
                copy(IgniteConfiguration.class, p, xml, node);
            }
        }
        if (set.contains("cacheConfiguration")) {
            List<CacheConfiguration> caches = new ArrayList<>(Arrays.asList(node.getCacheConfiguration()));
            caches.addAll(Arrays.asList(xml.getCacheConfiguration()));
            node.setCacheConfiguration(caches.toArray(new CacheConfiguration[0]));
        }
        if (set.contains("userAttributes")) {
            Map<String, Object> attributes = new HashMap<>(node.getUserAttributes());
            attributes.putAll(xml.getUserAttributes());
            node.setUserAttributes(attributes);
        }
        if (set.contains("includeEventTypes")) {
            int[] mine = node.getIncludeEventTypes() == null ? new int[0] : node.getIncludeEventTypes();
            node.setIncludeEventTypes(IntStream.concat(IntStream.of(mine), IntStream.of(xml.getIncludeEventTypes()))
                .distinct().toArray());
        }
        if (set.contains("dataStorageConfiguration")) {
            List<DataRegionConfiguration> regions = new ArrayList<>(regions(node.getDataStorageConfiguration()));
            regions.addAll(regions(xml.getDataStorageConfiguration()));
            node.getDataStorageConfiguration().setDataRegionConfigurations(regions.toArray(new DataRegionConfiguration[0]));
        }
        if (set.contains("sqlConfiguration")) {
            for (String p : changed(SqlConfiguration.class, new SqlConfiguration(), xml.getSqlConfiguration())) {
                copy(SqlConfiguration.class, p, xml.getSqlConfiguration(), node.getSqlConfiguration());
            }
        }
        return node;
    }

    private static List<DataRegionConfiguration> regions(DataStorageConfiguration ds) {
        return ds == null || ds.getDataRegionConfigurations() == null ? List.of() : Arrays.asList(ds.getDataRegionConfigurations());
    }

    /**
     * The properties of {@code set} that differ from {@code fresh} (a new instance: Ignite's defaults). Deprecated
     * aliases are left out (each names a property that is compared under its own name).
     */
    static <T> Set<String> changed(Class<T> type, T fresh, T set) {
        return changed(type, fresh, set, 0);
    }

    private static <T> Set<String> changed(Class<T> type, T fresh, T set, int depth) {
        Set<String> out = new TreeSet<>();
        if (set == null) {
            return out;
        }
        for (Method getter : type.getMethods()) {
            String p = property(getter);
            if (p != null && !getter.isAnnotationPresent(Deprecated.class)
                    && differs(invoke(getter, fresh), invoke(getter, set), depth)) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Whether a value differs from the default: by equals; Ignite's configuration beans (which have none) property by
     * property; other objects without equals (factories) by their class.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean differs(Object a, Object b, int depth) {
        if (Objects.deepEquals(a, b)) {
            return false;
        }
        if (a == null || b == null || a.getClass() != b.getClass() || a.getClass().isArray()) {
            return true;
        }
        if (a.getClass().getPackageName().equals(IgniteConfiguration.class.getPackageName()) && depth < 3) {
            return !changed((Class) a.getClass(), a, b, depth + 1).isEmpty();
        }
        try {
            return a.getClass().getMethod("equals", Object.class).getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    private static String property(Method m) {
        if (m.getParameterCount() != 0 || m.getDeclaringClass() == Object.class || m.getReturnType() == void.class) {
            return null;
        }
        String n = m.getName();
        int from = n.startsWith("get") ? 3 : n.startsWith("is") && m.getReturnType() == boolean.class ? 2 : -1;
        if (from < 0 || n.length() == from) {
            return null;
        }
        return Character.toLowerCase(n.charAt(from)) + n.substring(from + 1);
    }

    private static <T> void copy(Class<T> type, String p, T from, T to) {
        for (Method getter : type.getMethods()) {
            if (p.equals(property(getter))) {
                String setter = "set" + Character.toUpperCase(p.charAt(0)) + p.substring(1);
                try {
                    type.getMethod(setter, getter.getReturnType()).invoke(to, getter.invoke(from));
                    return;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot copy " + type.getSimpleName() + "." + p, e);
                }
            }
        }
        throw new IllegalStateException("no getter for " + type.getSimpleName() + "." + p);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return "<unreadable: " + e + ">";
        }
    }
}

package gridshop.grid.catalog;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shop's synonym groups in cache {@code synonym}. A plain final class, not a record: Ignite's binary marshaller
 * cannot build records. The groups are held as one text, a group per line and its words separated by a space (words
 * are in {@link SearchText} form, letters and digits only, so neither separator can occur in one), which is also the
 * PostgreSQL column: the consistency check hashes the same string on both sides. {@code version} only grows
 * ({@code Versions}), so a node's index and PostgreSQL both keep the newest set whatever order writes arrive in.
 */
public final class SynonymSet implements Serializable {
    // Serializable only for the spill file a stopping node writes when PostgreSQL is down (persistence Spill).
    private static final long serialVersionUID = 1L;
    private String groups;
    private long version;
    private Timestamp updatedAt;

    public SynonymSet() {
    }

    public SynonymSet(String groups, long version, Timestamp updatedAt) {
        this.groups = groups;
        this.version = version;
        this.updatedAt = updatedAt;
    }

    public static SynonymSet of(List<List<String>> groups, long version, Timestamp updatedAt) {
        List<String> lines = groups.stream().map(g -> String.join(" ", g)).toList();
        return new SynonymSet(String.join("\n", lines), version, updatedAt);
    }

    /** The stored text: a group per line, words separated by a space. */
    public String text() { return groups; }

    public List<List<String>> groups() {
        List<List<String>> out = new ArrayList<>();
        if (groups == null || groups.isEmpty()) {
            return out;
        }
        for (String line : groups.split("\n")) {
            out.add(List.copyOf(Arrays.asList(line.split(" "))));
        }
        return out;
    }

    public long version() { return version; }
    public Timestamp updatedAt() { return updatedAt; }
}

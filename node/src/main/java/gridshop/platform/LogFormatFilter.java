package gridshop.platform;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;

/**
 * Lets through only the console appender of the chosen log format: {@code gridshop.log.format} (system property)
 * or {@code GRIDSHOP_LOG_FORMAT}, {@code text} (default) or {@code json}. Read at start, before the application's
 * configuration (logback starts first).
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
    private static final String CHOSEN = chosen();
    private String format = "text";

    private static String chosen() {
        String v = System.getProperty("gridshop.log.format", System.getenv().getOrDefault("GRIDSHOP_LOG_FORMAT", "text"));
        return v.trim().toLowerCase(Locale.ROOT);
    }

    public void setFormat(String format) {
        this.format = format;
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return CHOSEN.equals(format) || (!CHOSEN.equals("json") && format.equals("text")) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}

package gridshop.events;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code bootstrapServers}: the Kafka brokers (empty: domain events are off, nothing is written to the outbox).
 * {@code topicPrefix}: put before every topic name ({@code gridshop.} gives {@code gridshop.orders}).
 */
@ConfigurationProperties("gridshop.kafka")
public record KafkaProperties(@Nullable String bootstrapServers, @Nullable String topicPrefix) {

    public KafkaProperties {
        bootstrapServers = bootstrapServers == null ? "" : bootstrapServers;
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
    }

    public boolean enabled() {
        return !bootstrapServers.isBlank();
    }
}

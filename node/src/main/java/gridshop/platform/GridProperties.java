package gridshop.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

@ConfigurationProperties("gridshop.grid")
public record GridProperties(String instanceName, Path workDir, String localAddress, int communicationPort,
                      int portRange, int partitions, int threads, long dataRegionMb, Duration failureDetection,
                      Duration gracefulStopLimit, double dataRegionWriteLimit,
                      String igniteXml) {
}

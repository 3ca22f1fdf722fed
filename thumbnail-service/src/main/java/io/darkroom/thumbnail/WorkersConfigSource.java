package io.darkroom.thumbnail;

import com.sun.management.OperatingSystemMXBean;
import io.darkroom.thumbnail.domain.WorkerCount;
import io.quarkus.runtime.annotations.StaticInitSafe;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the default of {@code darkroom.thumbnail.workers} ({@link WorkerCount}: the available processors, capped
 * by the memory budget) below application.properties and the environment, so an explicit setting wins. The Kafka
 * worker pool ({@code smallrye.messaging.worker.thumbnail-workers.max-concurrency}) and the decode pool both read
 * that one value. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}; static-init safe
 * because the messaging worker pools are defined during static init, and it reads only the machine's cores and memory.
 */
@StaticInitSafe
public class WorkersConfigSource implements ConfigSourceFactory {

    static final String WORKERS = "darkroom.thumbnail.workers";
    private static final String BUDGET = "darkroom.thumbnail.memory-budget";
    private static final String MAX_DECODED = "darkroom.thumbnail.max-decoded-pixels";
    private static final long DEFAULT_MAX_DECODED = 50_000_000L;
    /** Below application.properties (250) and the environment (300). */
    private static final int ORDINAL = 50;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        long budget = longValue(context.getValue(BUDGET), WorkerCount.defaultMemoryBudget(totalMemory()));
        long maxDecoded = longValue(context.getValue(MAX_DECODED), DEFAULT_MAX_DECODED);
        int workers = WorkerCount.of(Runtime.getRuntime().availableProcessors(), budget, maxDecoded);
        return List.of(new PropertiesConfigSource(Map.of(WORKERS, Integer.toString(workers)),
                "thumbnail-workers-default", ORDINAL));
    }

    private static long longValue(ConfigValue value, long fallback) {
        return value == null || value.getValue() == null || value.getValue().isBlank() ? fallback
                : Long.parseLong(value.getValue().strip());
    }

    /** The machine's memory, or the container's limit: the JDK reads cgroups. */
    private static long totalMemory() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }
}

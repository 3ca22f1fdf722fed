package io.darkroom.localstack.kafka;

import io.darkroom.localstack.process.ParentWatchdog;

/**
 * The broker JVM's main: {@code kafka.Kafka} plus a watchdog that stops the broker when the JVM that started it
 * dies. Reflection, because kafka_2.13 is only on the child's classpath.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentWatchdog.exitWhenParentDies();
        Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}

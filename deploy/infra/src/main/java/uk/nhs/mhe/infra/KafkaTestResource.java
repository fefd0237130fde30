package uk.nhs.mhe.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Quarkus test resource: a real in-process Kafka broker (KRaft) for the service under test.
 * Tests that want the broker's address declare a {@code String} field annotated with
 * {@link InjectKafkaBootstrap}; tests that stop and restart the broker declare a
 * {@link KafkaBroker} field annotated with {@link InjectKafkaBroker}.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        broker = KafkaBroker.start();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(broker.bootstrapServers(),
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBootstrap.class, String.class));
        injector.injectIntoFields(broker,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaBroker.class, KafkaBroker.class));
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}

package org.laborwatch.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class KafkaConnectionsTest {

    @Test
    void shouldDeliverExactlyOnceUnlessToldOtherwise() {
        assertThat(new KafkaConnections("127.0.0.1:9092", "job").delivery()).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(KafkaConnections.delivery("at-least-once")).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(KafkaConnections.delivery("exactly-once")).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
    }

    @Test
    void shouldRefuseADeliveryThatCouldLoseAlerts() {
        assertThatThrownBy(() -> KafkaConnections.delivery("none"))
                .hasMessageContaining("exactly-once or at-least-once, not 'none'");
        assertThatThrownBy(() -> new KafkaConnections("127.0.0.1:9092", "job", DeliveryGuarantee.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

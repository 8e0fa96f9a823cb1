package org.laborwatch.engine.alert;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Alert ids derive from what caused the alert, never from when it was computed: the same enterprise, rule-set
 * version and trigger signal give the same id on every replay or recovery, so sinks can write idempotently.
 */
public final class AlertIds {

    private AlertIds() {
    }

    public static String of(String enterpriseId, String ruleSetVersion, String triggerSignalKey) {
        String name = enterpriseId + '\u0000' + ruleSetVersion + '\u0000' + triggerSignalKey;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}

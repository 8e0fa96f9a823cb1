package org.laborwatch.api.alert;

import java.util.List;
import org.laborwatch.rules.risk.Alert;

/** An alert as its document holds it: what the engine wrote, the acknowledgements since, and its version. */
public record StoredAlert(Alert alert, List<Acknowledgement> acknowledgements, long seqNo, long primaryTerm) {
}

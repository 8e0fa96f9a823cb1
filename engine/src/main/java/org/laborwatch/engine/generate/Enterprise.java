package org.laborwatch.engine.generate;

import java.time.LocalDate;

/** A generated enterprise and what was planted in it; {@code eruptsOn} is null unless it is troubled. */
public record Enterprise(String id, String name, String district, String industry, int workers, Profile profile,
                         LocalDate eruptsOn) {
}

package org.laborwatch.api.letter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's {@link Letters}: its settings from application.yml, and a letter's text as JSON for the caller. */
class LettersBeanTest {

    @Test
    void shouldSignAsTheQingdaoUnionUnlessConfiguredOtherwise() {
        try (ApplicationContext context = ApplicationContext.run()) {
            assertThat(context.getBean(Letters.class).issuer())
                    .isEqualTo(new LetterFacts.Issuer("青岛市总工会", "青工函"));
        }
    }

    @Test
    void shouldSignAsTheConfiguredUnion() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("laborwatch.letters.issuer.name", "烟台市总工会",
                "laborwatch.letters.issuer.number-prefix", "烟工函"))) {
            assertThat(context.getBean(Letters.class).issuer())
                    .isEqualTo(new LetterFacts.Issuer("烟台市总工会", "烟工函"));
        }
    }

    @Test
    void shouldStoreALettersTextAsJsonAndReadItBack() throws IOException {
        try (ApplicationContext context = ApplicationContext.run()) {
            JsonMapper json = context.getBean(JsonMapper.class);
            LetterText text = context.getBean(Letters.class).draft(LetterKind.REMINDER, LetterFixtures.reminder());

            String stored = new String(json.writeValueAsBytes(text), StandardCharsets.UTF_8);

            assertThat(stored).contains("\"title\":\"工会劳动法律监督提示函\"", "\"paragraphs\":[");
            assertThat(json.readValue(stored, LetterText.class)).isEqualTo(text);
        }
    }
}

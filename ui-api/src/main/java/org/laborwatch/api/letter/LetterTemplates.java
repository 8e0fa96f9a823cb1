package org.laborwatch.api.letter;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The letter templates (Mustache): the bundled ones under {@code letters/} on the classpath, each replaced by a file
 * of the same name in the city's directory when there is one. Partials ({@code {{> closing}}}) resolve the same way.
 *
 * <p>Templates are read and compiled for every letter, not cached: letters are few, and a city's edit then counts
 * from the next letter on, without a restart.
 */
final class LetterTemplates {
    static final String BUNDLED = "letters/";

    private final Optional<Path> overrides;

    /** @param overrides the city's directory, if it has one; it must exist */
    LetterTemplates(Optional<Path> overrides) {
        overrides.ifPresent(dir -> {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("the letter templates directory " + dir + " (laborwatch.letters"
                        + ".templates, LW_LETTER_TEMPLATES) is not a directory");
            }
        });
        this.overrides = overrides.map(Path::toAbsolutePath).map(Path::normalize);
    }

    LetterText fill(LetterKind kind, Map<String, Object> scope) {
        String name = kind.template();
        String text;
        try {
            StringWriter out = new StringWriter();
            Mustache template = new Factory(this::reader).compile(name);
            template.execute(out, scope).flush();
            text = out.toString();
        } catch (MustacheException | IllegalStateException e) {
            throw new BadLetterTemplate(describe(name) + ": " + reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return LetterText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadLetterTemplate(describe(name) + " does not yield a letter: " + e.getMessage(), e);
        }
    }

    /** Mustache wraps what went wrong ("no placeholder ...") in where it went wrong ("@[reminder.mustache:7]"). */
    private static String reason(Throwable e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && reason.indexOf(cause.getMessage()) < 0) {
                reason.append(": ").append(cause.getMessage());
            }
        }
        return reason.toString();
    }

    /** Where a template comes from, for messages: the city's file or the bundled default. */
    String describe(String name) {
        return city(name).map(p -> "the letter template " + p)
                .orElse("the bundled letter template " + BUNDLED + name);
    }

    private Reader reader(String name) {
        Optional<Path> file = city(name);
        if (file.isPresent()) {
            try {
                return Files.newBufferedReader(file.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the letter template " + file.get(), e);
            }
        }
        InputStream bundled = LetterTemplates.class.getClassLoader().getResourceAsStream(BUNDLED + name);
        return bundled == null ? null : new InputStreamReader(bundled, StandardCharsets.UTF_8);
    }

    /** The city's file of that name, if there is one; never a path outside its directory. */
    private Optional<Path> city(String name) {
        return overrides.map(dir -> dir.resolve(name).normalize())
                .filter(p -> p.startsWith(overrides.get()) && Files.isRegularFile(p));
    }

    /** Plain text out, not HTML; a placeholder that does not exist fails rather than printing nothing. */
    private static final class Factory extends DefaultMustacheFactory {
        Factory(MustacheResolver resolver) {
            super(resolver);
            setObjectHandler(new StrictHandler());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * A misspelt placeholder in a city's template would otherwise leave a gap in an official letter that nobody
     * notices until it is signed.
     */
    private static final class StrictHandler extends ReflectionObjectHandler {
        @Override
        public Wrapper find(String name, List<Object> scopes) {
            Wrapper found = super.find(name, scopes);
            if (found instanceof MissingWrapper) {
                throw new IllegalStateException("no placeholder {{" + name + "}} (docs/operations.md lists them)");
            }
            return found;
        }
    }
}
